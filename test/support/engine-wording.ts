/**
 * What an error message must never carry to a caller: either engine's own wording (SQLite's
 * SQLITE_* codes; PostgreSQL's encoding, syntax, constraint and relation errors) or a stack frame.
 */
export const ENGINE_WORDING =
  /SQLITE|invalid byte sequence|invalid input syntax|syntax error at|violates .*constraint|relation "|at .*\.ts:\d+/;
