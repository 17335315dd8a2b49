// npm run import -- --file events.ndjson [--db PATH] [--strict] [--chunk 5000] [--stop-after LINE]
// The platform's events in bulk (docs/integration.md §1, "Bulk import"): one event per line, the
// checks and effects of POST /api/v1/events, thousands of events per transaction, resumable.
// With DATABASE_URL=postgres://… the events go to that PostgreSQL database (the same code, over
// the engine layer of server/db/); --db is then refused, as there is no file to write.
// Progress on stderr; bad lines on stderr by line number (never their content); the summary as
// one JSON line on stdout. Exit 0 when the file is in (bad lines skipped and counted), 1 when
// --strict stopped at a bad line or the import failed, 2 for a bad command line.
import { existsSync, statSync } from 'node:fs';
import { openDatabase, type OpenedEngine } from '../db/client';
import { isPostgresUrl } from '../db/engine';
import { migrateToLatest } from '../db/migrate';
import { openPostgres } from '../db/postgres-client';
import { DEFAULT_EVENTS_PER_TX, importFile, type BadLine } from '../integration/import-file';
import { importProgress } from '../integration/import-progress';
import { fail, parseArgs } from './args';

const SHOWN_BAD_LINES = 1000;

const args = parseArgs(process.argv.slice(2), ['file', 'db', 'chunk', 'stop-after'], ['strict']);
if (!args.file) fail('give --file events.ndjson');
if (!existsSync(args.file) || !statSync(args.file).isFile()) fail(`no such file: ${args.file}`);
const whole = (name: string, min: number): number | undefined => {
  const raw = args[name];
  if (raw === undefined) return undefined;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
};
const eventsPerTx = whole('chunk', 1) ?? DEFAULT_EVENTS_PER_TX;
const stopAfterLine = whole('stop-after', 1);
const url = process.env.DATABASE_URL ?? '';
if (url !== '' && !isPostgresUrl(url)) fail('DATABASE_URL must be a postgres:// URL (or empty for the SQLite file at --db)');
if (url !== '' && args.db !== undefined)
  fail('--db names a SQLite file, but DATABASE_URL is set: the import writes to that PostgreSQL database (unset one of them)');
const path = args.db ?? process.env.DB_PATH ?? 'data/refund-desk.db';
if (url === '' && path.trim() === '') fail('--db must name a file');

// one connection: the import is one writer, one transaction after another
const opened: OpenedEngine = url ? openPostgres(url, { max: 1 }) : openDatabase(path);
let shown = 0;
const showBad = (b: BadLine) => {
  if (shown++ < SHOWN_BAD_LINES) process.stderr.write(`\nline ${b.line}${b.id ? ` (${b.id})` : ''}: ${b.reason}\n`);
  else if (shown === SHOWN_BAD_LINES + 1)
    process.stderr.write(`\n(more bad lines: only the first ${SHOWN_BAD_LINES} are shown; the summary counts them all)\n`);
};
try {
  await migrateToLatest(opened.db);
  const size = statSync(args.file).size;
  let progress = importProgress(size, 0);
  let last = { bytes: 0, events: 0 };
  const summary = await importFile({
    db: opened.db,
    path: args.file,
    now: () => new Date(),
    eventsPerTx,
    strict: args.strict === 'true',
    stopAfterLine,
    onBadLine: showBad,
    onStart: (offset, line) => {
      if (line > 0) process.stderr.write(`resuming after line ${line.toLocaleString('en')} (a previous run got that far)\n`);
      progress = importProgress(size, offset);
      last = { bytes: offset, events: 0 };
    },
    onProgress: (bytes, events) => {
      last = { bytes, events };
      progress.update(bytes, events);
    },
  });
  progress.end(last.bytes, last.events);
  console.log(JSON.stringify(summary));
  if (summary.stopped === 'strict') {
    console.error('error: --strict: stopped at the first bad line; the lines before its transaction are in');
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`error: the import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await opened.close();
}
