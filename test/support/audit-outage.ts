import { sql } from 'kysely';
import type { Db } from '../../server/db/client';
import { engineOf } from '../../server/db/engine';

/**
 * Makes the database refuse every audit event with `action` (a trigger raising an error), as an
 * audit store that is down would, on either engine; the returned function lifts it.
 */
export async function refuseAuditWrites(db: Db, action: string): Promise<() => Promise<void>> {
  const literal = sql.lit(action);
  if (engineOf(db) === 'postgres') {
    await sql`create function audit_down() returns trigger language plpgsql as $$
      begin raise exception 'audit store unavailable (test)'; end $$`.execute(db);
    await sql`create trigger audit_down before insert on audit_events
      for each row when (new.action = ${literal}) execute function audit_down()`.execute(db);
    return async () => {
      await sql`drop trigger audit_down on audit_events`.execute(db);
      await sql`drop function audit_down()`.execute(db);
    };
  }
  await sql`create trigger audit_down before insert on audit_events when new.action = ${literal}
    begin select raise(abort, 'audit store unavailable (test)'); end`.execute(db);
  return async () => {
    await sql`drop trigger audit_down`.execute(db);
  };
}
