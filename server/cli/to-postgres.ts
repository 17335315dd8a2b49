// DATABASE_URL=postgres://… npm run db:to-postgres -- --db FILE [--replace]
// Moves a console's SQLite file (its server stopped) into the PostgreSQL database DATABASE_URL
// names, which must be empty (or --replace drops everything in it first): every table, identity
// numbering past the file's ids, the audit chain unchanged — then checks rows per table and the
// chain (docs/deployment.md § Moving from SQLite). The file is only read (and migrated to this
// version first when it is behind, as a start of the server would). Progress on stderr, the
// counts on stdout. Exit 0 when moved and checked, 1 when the move failed (the copy is one
// transaction: never half a table), 2 for a bad command line or a refusal (nothing touched).
import { checkpointFileFor } from '../audit/checkpoints';
import { isPostgresUrl } from '../db/engine';
import { MoveRefused, moveSqliteToPostgres } from '../db/move-to-postgres';
import { fail, parseArgs } from './args';

const args = parseArgs(process.argv.slice(2), ['db'], ['replace']);
const file = args.db ?? process.env.DB_PATH;
if (!file || file.trim() === '') fail('give --db FILE: the SQLite file to move');
const url = process.env.DATABASE_URL ?? '';
if (url === '') fail('set DATABASE_URL=postgres://user@host:5432/name: the (empty) PostgreSQL database to move the file into');
if (!isPostgresUrl(url)) fail('DATABASE_URL must be a postgres:// URL');
const name = new URL(url).pathname.slice(1);

const tty = process.stderr.isTTY === true;
const started = Date.now();
let shownAt = started;
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
console.error(`Moving ${file} into the PostgreSQL database ${name}…`);
try {
  const summary = await moveSqliteToPostgres({
    file,
    url,
    replace: args.replace === 'true',
    progress: {
      step: (what) => console.error(`  ${what}  (${elapsed()})`),
      rows: (table, rows, done) => {
        const now = Date.now();
        if (!done && now - shownAt < (tty ? 200 : 5000)) return;
        shownAt = now;
        const line = `  ${table}: ${rows.toLocaleString('en')} ${rows === 1 ? 'row' : 'rows'}${done ? '' : '…'}  (${elapsed()})`;
        if (tty) process.stderr.write(`\r${line}\x1b[K${done ? '\n' : ''}`);
        else console.error(line);
      },
    },
  });
  const width = Math.max(...Object.keys(summary.rows).map((t) => t.length));
  console.log(`Moved ${file} into ${name} in ${(summary.ms / 1000).toFixed(1)} s; rows per table (the same in both, checked):`);
  for (const [table, n] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en')}`);
  console.log(
    summary.auditHead
      ? `Audit chain verified on PostgreSQL up to event ${summary.auditHead.id}, the file's last, with the same hash.`
      : 'The audit trail is empty.',
  );
  console.log(
    `Next: keep DB_PATH=${file} for the servers on PostgreSQL (their audit checkpoints go on in ${checkpointFileFor(file)}), ` +
      `check with DATABASE_URL=… npm run audit:verify -- --db ${file}, and never start a server on the file again.`,
  );
} catch (error) {
  if (error instanceof MoveRefused) fail(error.message);
  console.error(
    `error: the move failed: ${error instanceof Error ? error.message : String(error)} ` +
      `(run it again with --replace once the cause is fixed: ${name} may hold empty tables or a copy that did not check out)`,
  );
  process.exitCode = 1;
}
