import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { verifyAuditChain } from '../audit/verify-chain';
import { fail, parseArgs } from './args';

// npm run backup -- --db PATH --out FILE: an online, consistent copy through SQLite's backup
// API while the server keeps writing; the copy is checked before we say it is good.
const args = parseArgs(process.argv.slice(2), ['db', 'out']);
const path = args.db ?? process.env.DB_PATH ?? 'data/refund-desk.db';
const out = args.out ?? fail('--out FILE is required');
if (!existsSync(path)) fail(`no database at ${path}`);
if (existsSync(out)) fail(`${out} already exists: choose a new file`);
mkdirSync(dirname(out), { recursive: true });

// The copy is written beside FILE and renamed only once it has passed its checks, so a file at
// FILE is always a verified backup (an interrupted or failed run leaves nothing there).
const partial = `${out}.partial-${process.pid}`;
const removeSidecars = () => ['-wal', '-shm', '-journal'].forEach((s) => rmSync(partial + s, { force: true }));
const removePartial = () => {
  rmSync(partial, { force: true });
  removeSidecars();
};

const started = Date.now();
const source = new Database(path, { fileMustExist: true });
source.pragma('busy_timeout = 5000');
try {
  // All pages in one step, inside one read transaction: a consistent snapshot that the server's
  // writes (WAL) do not disturb. Copying 100 pages per event-loop turn (the default) restarts
  // from the first page whenever another connection commits between two steps, so under a
  // steady write load a large database never finished copying.
  await source.backup(partial, { progress: () => 0x7fffffff });
} catch (error) {
  removePartial();
  fail(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  source.close();
}

const copy = new Database(partial, { readonly: true });
const integrity = copy.pragma('integrity_check', { simple: true });
const chain = verifyAuditChain(copy);
copy.close();
if (integrity !== 'ok' || !chain.ok) {
  removePartial();
  fail(`the copy failed its checks: integrity=${integrity}, audit=${JSON.stringify(chain)}`);
}
removeSidecars(); // the read-only check wrote nothing: at most an empty -wal and a -shm
renameSync(partial, out);
console.log(`backup written to ${out} in ${Date.now() - started} ms (integrity ok, ${chain.events} audit events verified)`);
