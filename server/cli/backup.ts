import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileSha256, manifestFileFor, signManifest } from '../audit/backup-manifest';
import { checkpointFileFor, readCheckpointFile, signatureHash, verifyCheckpoints, type Checkpoint } from '../audit/checkpoints';
import { defaultSigningKeyFile, loadOrCreateSigningKey } from '../audit/signing-key';
import { verifyAuditChain } from '../audit/verify-chain';
import { verifyAuditTrail, verifyAuditTrailAsync } from '../audit/verify-trail';
import { isPostgresUrl } from '../db/engine';
import { dumpInSnapshot } from '../db/pg-dump';
import { openPostgres } from '../db/postgres-client';
import { fail, parseArgs } from './args';

// npm run backup -- --db PATH --out FILE: an online, consistent copy through SQLite's backup
// API while the server keeps writing; the copy is checked before we say it is good, and
// FILE.manifest.json signs its audit head and its bytes (audit:verify --backup checks a copy
// with the public key alone).
// With DATABASE_URL=postgres://… it is a pg_dump of that database instead (custom format, in
// a snapshot this process holds: the audit head read and checked in it is the dump's), and
// PATH only names where the checkpoints are.
const args = parseArgs(process.argv.slice(2), ['db', 'out']);
const path = args.db ?? process.env.DB_PATH ?? 'data/refund-desk.db';
const out = args.out ?? fail('--out FILE is required');
const url = process.env.DATABASE_URL ?? '';
if (url !== '' && !isPostgresUrl(url)) fail('DATABASE_URL must be a postgres:// URL (or empty for the SQLite file at --db)');
if (!url && !existsSync(path)) fail(`no database at ${path}`);
if (existsSync(out)) fail(`${out} already exists: choose a new file`);
const manifestFile = manifestFileFor(out);
if (existsSync(manifestFile)) fail(`${manifestFile} already exists: choose a new file`);
let auditKey: ReturnType<typeof loadOrCreateSigningKey>['key'];
try {
  auditKey = loadOrCreateSigningKey(process.env.AUDIT_SIGNING_KEY_FILE || defaultSigningKeyFile(), path).key;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
// The database's signed checkpoints, read before the copy's snapshot is taken: each covers only
// events committed before it was written, so all of them must hold in the copy.
const checkpointFile = checkpointFileFor(path);
let checkpoints: Checkpoint[] = [];
if (existsSync(checkpointFile)) {
  const checked = verifyCheckpoints(readCheckpointFile(checkpointFile), auditKey);
  if (!checked.ok)
    fail(
      `refusing to sign a backup: the database's checkpoints do not verify (line ${checked.line} of ${checkpointFile}: ${checked.problem})`,
    );
  checkpoints = checked.checkpoints;
}
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
const anchors = checkpoints.map((c) => ({ lastId: c.lastId, lastHash: c.lastHash, label: `checkpoint #${c.seq}` }));
let head: { id: number; hash: string } | undefined;
let events: number;
if (url) {
  try {
    head = await dumpInSnapshot(url, partial, async (client) => {
      const { rows } = await client.query<{ id: number; hash: string }>('select id, hash from audit_events order by id desc limit 1');
      return rows[0];
    });
  } catch (error) {
    removePartial();
    fail(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The chain is walked in the database, up to and past the dump's head: events are append-only
  // (a trigger refuses UPDATE and DELETE), so the events the dump holds are the ones walked here,
  // and the head's hash must be the one read in the dump's snapshot.
  const opened = openPostgres(url, { max: 2 });
  const dumped = head ? [...anchors, { lastId: head.id, lastHash: head.hash, label: "the dump's head" }] : anchors;
  const trail = await verifyAuditTrailAsync(opened.db, dumped).finally(() => opened.close());
  if (!trail.ok) {
    removePartial();
    fail(`refusing to sign a backup of a database that does not match its signed checkpoints: ${trail.problem} (npm run audit:verify)`);
  }
  events = head?.id ?? 0;
} else {
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
  const trail = verifyAuditTrail(copy, anchors);
  head = copy.prepare('select id, hash from audit_events order by id desc limit 1').get() as { id: number; hash: string } | undefined;
  copy.close();
  if (integrity !== 'ok' || !chain.ok) {
    removePartial();
    fail(`the copy failed its checks: integrity=${integrity}, audit=${JSON.stringify(chain)}`);
  }
  if (!trail.ok) {
    removePartial();
    fail(
      `refusing to sign a backup of a database that does not match its signed checkpoints: ${trail.problem} (npm run audit:verify -- --db ${path})`,
    );
  }
  events = chain.events;
  removeSidecars(); // the read-only check wrote nothing: at most an empty -wal and a -shm
}

// The manifest first, then the copy into place: a file at FILE always has its manifest.
const last = checkpoints.at(-1);
const manifest = signManifest(auditKey, {
  lastId: head?.id ?? 0,
  lastHash: head?.hash ?? '0'.repeat(64),
  ...fileSha256(partial),
  at: new Date().toISOString(),
  checkpoint: last ? { seq: last.seq, sigHash: signatureHash(last.sig) } : null,
});
try {
  const fd = openSync(manifestFile, 'wx', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, out);
} catch (error) {
  removePartial();
  rmSync(manifestFile, { force: true });
  fail(`could not write the backup's manifest: ${error instanceof Error ? error.message : String(error)}`);
}
console.log(
  `backup written to ${out} in ${Date.now() - started} ms (${url ? 'pg_dump custom format' : 'integrity ok'}, ${events} audit events verified)`,
);
console.log(
  `signed manifest ${manifestFile}: audit head event ${manifest.lastId}` +
    (last
      ? `, checked against ${checkpoints.length} checkpoint${checkpoints.length === 1 ? '' : 's'} (the last #${last.seq})`
      : ', no checkpoints beside the database to check against') +
    '; verify a copy with: npm run audit:verify -- --backup FILE --public-key KEY.pub',
);
