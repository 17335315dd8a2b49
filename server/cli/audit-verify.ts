import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { fileSha256, manifestFileFor, readVerifiedManifest } from '../audit/backup-manifest';
import { checkpointFileFor, readCheckpointFile, verifyCheckpoints } from '../audit/checkpoints';
import { defaultSigningKeyFile, loadSigningKey, publicKeyFileFor, readPublicKey, type PublicKey } from '../audit/signing-key';
import { verifyAuditChain } from '../audit/verify-chain';
import { verifyAuditRows, verifyAuditTrail, verifyAuditTrailAsync, type Anchor, type TrailVerdict } from '../audit/verify-trail';
import { dumpAuditRows, isDumpFile } from '../db/pg-dump';
import { isPostgresUrl } from '../db/engine';
import { openPostgres } from '../db/postgres-client';
import { fail, parseArgs } from './args';

// npm run audit:verify -- --db PATH [--checkpoints FILE] [--public-key FILE]
//   the SHA-256 chain, the signed checkpoints (default PATH.audit-checkpoints.jsonl) and the
//   database against them; exit 0 when all hold, 1 naming the first problem, 2 for a usage error.
// npm run audit:verify -- --db PATH --chain-only      the chain alone (what it did before checkpoints)
// npm run audit:verify -- --backup FILE [--public-key FILE]   a backup against its signed manifest
// npm run audit:verify -- --print-public-key          the signer's public key (PEM) for auditors
// The public key defaults to AUDIT_SIGNING_KEY_FILE's `.pub`; auditors pass their own copy.
// With DATABASE_URL=postgres://… the PostgreSQL database is checked instead of a file (read in
// one snapshot); --db or DB_PATH then only names where its checkpoints are (PATH.audit-checkpoints.jsonl).
const args = parseArgs(process.argv.slice(2), ['db', 'checkpoints', 'public-key', 'backup'], ['chain-only', 'print-public-key']);
const keyFile = process.env.AUDIT_SIGNING_KEY_FILE || defaultSigningKeyFile();

function problem(message: string): never {
  console.error(message);
  process.exit(1);
}

function publicKey(): PublicKey {
  const file = args['public-key'] ?? publicKeyFileFor(keyFile);
  if (!existsSync(file))
    fail(
      `no public key at ${file}: pass --public-key FILE (the signer's ${publicKeyFileFor('<key file>')}, or --print-public-key's output)`,
    );
  try {
    return readPublicKey(file);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

/** Opens a database file read-only, and removes the -wal/-shm a read of a WAL file leaves beside it. */
function readOnly<T>(path: string, fn: (sqlite: Database.Database) => T): T {
  const sidecars = ['-wal', '-shm'].filter((s) => !existsSync(path + s));
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(sqlite);
  } finally {
    sqlite.close();
    for (const s of sidecars) rmSync(path + s, { force: true });
  }
}

function trailProblem(verdict: Exclude<TrailVerdict, { ok: true }>, what: string): never {
  const heading = {
    chain: `AUDIT CHAIN BROKEN at event ${verdict.brokenAt}`,
    recomputed: `AUDIT CHAIN RECOMPUTED at event ${verdict.brokenAt}`,
    behind: 'AUDIT EVENTS DELETED',
    ahead: 'AUDIT EVENTS ADDED',
  }[verdict.kind];
  problem(`${heading}: ${verdict.problem} (${what}, ${verdict.events} events read)`);
}

if (args['print-public-key']) {
  if (existsSync(keyFile)) {
    const key = loadSigningKey(keyFile);
    process.stdout.write(key.publicPem);
    console.error(`key id (SHA-256 of the public key): ${key.keyId}`);
  } else if (existsSync(publicKeyFileFor(keyFile))) {
    const key = readPublicKey(publicKeyFileFor(keyFile));
    process.stdout.write(key.publicPem);
    console.error(`key id (SHA-256 of the public key): ${key.keyId}`);
  } else {
    fail(`no signing key at ${keyFile} (AUDIT_SIGNING_KEY_FILE): the server creates it at its first start`);
  }
  process.exit(0);
}

if (args.backup !== undefined) {
  const file = args.backup;
  const manifestFile = manifestFileFor(file);
  if (!existsSync(file)) fail(`no backup at ${file}`);
  if (!existsSync(manifestFile)) problem(`BACKUP UNSIGNED: no manifest at ${manifestFile}`);
  const key = publicKey();
  let manifest;
  try {
    manifest = readVerifiedManifest(manifestFile, key);
  } catch (error) {
    problem(`BACKUP MANIFEST INVALID: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bytes = fileSha256(file); // before SQLite opens the file
  const anchor = [{ lastId: manifest.lastId, lastHash: manifest.lastHash, label: "the backup's signed manifest" }];
  // a PostgreSQL backup is a pg_dump file: its audit events are read back with pg_restore
  const isDump = isDumpFile(file);
  const { integrity, verdict } = isDump
    ? { integrity: 'ok', verdict: await verifyAuditRows(dumpAuditRows(file), anchor, { exact: true }) }
    : readOnly(file, (copy) => ({
        integrity: copy.pragma('integrity_check', { simple: true }),
        verdict: verifyAuditTrail(copy, anchor, { exact: true }),
      }));
  if (!verdict.ok) trailProblem(verdict, file);
  if (bytes.sha256 !== manifest.sha256 || bytes.bytes !== manifest.bytes) {
    problem(
      `BACKUP CHANGED: ${file} is not the file its manifest signed (SHA-256 ${bytes.sha256.slice(0, 12)}…, ${bytes.bytes} bytes; ` +
        `signed ${manifest.sha256.slice(0, 12)}…, ${manifest.bytes} bytes): it was changed after the backup was made`,
    );
  }
  if (integrity !== 'ok') problem(`BACKUP CORRUPT: integrity_check says ${String(integrity)}`);
  console.log(
    `backup verified: ${verdict.events} audit events, up to event ${manifest.lastId} exactly as its manifest signed at ${manifest.at} ` +
      `(key ${key.keyId.slice(0, 16)}…); file SHA-256 matches; ${isDump ? 'a pg_dump file (restore with pg_restore)' : 'integrity ok'}`,
  );
  process.exit(0);
}

const path = args.db ?? process.env.DB_PATH ?? 'data/refund-desk.db';
const url = process.env.DATABASE_URL ?? '';
if (url !== '' && !isPostgresUrl(url)) fail('DATABASE_URL must be a postgres:// URL (or empty for the SQLite file at --db)');
if (!url && !existsSync(path)) fail(`no database at ${path}`);
const where = url ? `PostgreSQL database ${new URL(url).pathname.slice(1)}` : path;

/** The walk against `anchors`, on the SQLite file or the PostgreSQL database. */
async function walkTrail(anchors: Anchor[]): Promise<TrailVerdict> {
  if (!url) return readOnly(path, (sqlite) => verifyAuditTrail(sqlite, anchors));
  const opened = openPostgres(url, { max: 2 });
  try {
    return await verifyAuditTrailAsync(opened.db, anchors);
  } catch (error) {
    fail(`cannot read the ${where}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await opened.close();
  }
}

if (args['chain-only']) {
  const verdict = url ? await walkTrail([]) : readOnly(path, verifyAuditChain);
  if (!verdict.ok) problem(`AUDIT CHAIN BROKEN at event ${verdict.brokenAt}: ${verdict.problem} (${verdict.events} events read)`);
  console.log(
    `audit chain intact: ${verdict.events} events verified (the chain alone: deleted newest events or a recomputed chain would not show)`,
  );
  process.exit(0);
}

const checkpointFile = args.checkpoints ?? checkpointFileFor(path);
if (!existsSync(checkpointFile)) {
  problem(
    `NO AUDIT CHECKPOINTS at ${checkpointFile}: nothing shows whether the newest events were deleted or the chain recomputed ` +
      '(the server writes the first checkpoint at its start; --chain-only checks the chain alone)',
  );
}
const key = publicKey();
const checked = verifyCheckpoints(readCheckpointFile(checkpointFile), key);
if (!checked.ok) problem(`AUDIT CHECKPOINTS INVALID at line ${checked.line} of ${checkpointFile}: ${checked.problem}`);
if (checked.checkpoints.length === 0) problem(`NO AUDIT CHECKPOINTS in ${checkpointFile}: the file is empty`);
const anchors = checked.checkpoints.map((c) => ({
  lastId: c.lastId,
  lastHash: c.lastHash,
  label: `checkpoint #${c.seq} (signed ${c.at})`,
}));
const verdict = await walkTrail(anchors);
if (!verdict.ok) trailProblem(verdict, where);
const last = checked.checkpoints.at(-1)!;
console.log(
  `audit chain intact: ${verdict.events} events verified against ${checked.checkpoints.length} signed checkpoint${checked.checkpoints.length === 1 ? '' : 's'} (key ${key.keyId.slice(0, 16)}…); ` +
    `the database holds every event up to checkpoint #${last.seq} (event ${last.lastId}, signed ${last.at})` +
    (verdict.afterLastAnchor > 0
      ? `; the ${verdict.afterLastAnchor} events after it are covered by the chain alone until the next checkpoint`
      : ''),
);
if (checked.tornTail) console.log(`note: the last line of ${checkpointFile} is incomplete (a write cut short by a crash); it is ignored`);
process.exit(0);
