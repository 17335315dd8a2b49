import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/client';
import { engineOf } from '../db/engine';
import type { StaffIdentity } from '../context';
import { log } from '../log';

export const SESSION_COOKIE = 'rd_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, staffId: number, now: Date, idleMinutes: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + idleMinutes * 60_000);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      staff_id: staffId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

type Session = { staff: StaffIdentity; tokenHash: string; expiresAt: Date };
/** `slid`: this read moved the expiry on, so the cookie's Expires should follow (request-context.ts). */
export type ResolvedSession = Session & { slid: boolean };

const SLIDE_EVERY_MS = 60_000;

// Every API request names its session, and reading it back was a tenth of a one-row lookup's
// time at load (docs/performance.md). A session read from the database is therefore kept in
// memory for up to a second. Sign-out forgets it at once (and a read that was under way when a
// session was destroyed is not kept); expiry is checked against the clock on every use, and
// sliding still goes to the database. Only a change made outside this process (a staff member
// deactivated by hand in the database, a sign-out made on another server) takes up to KEEP_MS
// to be seen — within a second on every server, as docs/deployment.md § Several servers asks;
// sign-outs made here (one session, all of a staff member's) are seen at once. On PostgreSQL,
// where several servers share the database, a session is kept half a second.
// Kept by the token itself (only in this process's memory, as the request that carried it), so
// a remembered session costs no SHA-256 per request; the database knows only the hash.
const KEEP_MS = 1_000;
const KEEP_MS_SHARED = 500;
const keepMsFor = (db: Db) => (engineOf(db) === 'postgres' ? KEEP_MS_SHARED : KEEP_MS);
const KEPT_MAX = 10_000;
const kept = new Map<string, { db: Db; session: Session; lastSeenMs: number; until: number }>();
const forgetHash = (tokenHash: string) => {
  for (const [token, entry] of kept) if (entry.session.tokenHash === tokenHash) kept.delete(token);
};
let destroyed = 0;

/**
 * The staff member behind a session token, sliding the idle expiry; null when unknown or expired.
 * The session is read on `reader` (the server's read-only connection: a request does not wait
 * for a write transaction to learn who sent it), the expiry slid on `db`.
 */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  idleMinutes: number,
  reader: Db = db,
): Promise<ResolvedSession | null> {
  const hit = kept.get(token);
  if (
    hit &&
    hit.db === db &&
    hit.until > performance.now() &&
    hit.session.expiresAt > now &&
    now.getTime() - hit.lastSeenMs <= SLIDE_EVERY_MS
  ) {
    const { staff, tokenHash, expiresAt } = hit.session;
    return { staff, tokenHash, expiresAt, slid: false }; // not { ...session, slid }: see context.ts
  }
  kept.delete(token);
  const tokenHash = hashToken(token);
  const destroyedBefore = destroyed;
  const read = await readSession(db, reader, now, idleMinutes, tokenHash);
  if (!read) return null;
  const { lastSeenMs, slid, ...session } = read;
  if (destroyed === destroyedBefore) {
    if (kept.size >= KEPT_MAX) kept.delete(kept.keys().next().value!);
    kept.set(token, { db, session, lastSeenMs, until: performance.now() + keepMsFor(db) });
  }
  return { ...session, slid };
}

// The session as the database has it, sliding the idle expiry.
async function readSession(
  db: Db,
  reader: Db,
  now: Date,
  idleMinutes: number,
  tokenHash: string,
): Promise<(ResolvedSession & { lastSeenMs: number }) | null> {
  const row = await reader
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select([
      'staff.id',
      'staff.username',
      'staff.display_name',
      'staff.role',
      'staff.approval_limit_fen',
      'staff.active',
      'sessions.expires_at',
      'sessions.last_seen_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || !row.active || row.expires_at <= now.toISOString()) return null;
  let expiresAt = new Date(row.expires_at);
  let lastSeenMs = Date.parse(row.last_seen_at);
  let slid = false;
  // Slide the expiry at most once a minute: a read should rarely cost a write. Sliding is
  // best-effort: when the database cannot take the write (disk full, lock held past the busy
  // timeout) the request goes on under the expiry the session already has.
  if (now.getTime() - lastSeenMs > SLIDE_EVERY_MS) {
    const slidTo = new Date(now.getTime() + idleMinutes * 60_000);
    try {
      const slide = (to: Db) =>
        to
          .updateTable('sessions')
          .set({ last_seen_at: now.toISOString(), expires_at: slidTo.toISOString() })
          .where('token_hash', '=', tokenHash)
          .execute();
      // SQLite gives up after its busy timeout; PostgreSQL would wait on a row lock for ever
      // without a lock_timeout of its own (the same 5 s as write-tx.ts)
      if (engineOf(db) === 'postgres')
        await db.transaction().execute(async (trx) => {
          await sql`set local lock_timeout = '5s'`.execute(trx);
          await slide(trx);
        });
      else await slide(db);
      expiresAt = slidTo;
      lastSeenMs = now.getTime();
      slid = true;
    } catch (error) {
      log.warn('session expiry not extended', { error: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    tokenHash,
    expiresAt,
    lastSeenMs,
    slid,
    staff: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      approvalLimitFen: row.approval_limit_fen,
    },
  };
}

export async function destroySession(db: Db, tokenHash: string): Promise<void> {
  destroyed++;
  forgetHash(tokenHash);
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/**
 * Ends every session of a staff member (but `except`, the caller's own when told), here and in
 * this server's memory at once; returns how many sessions ended. Call it inside the write
 * transaction that audits it.
 */
export async function destroySessionsOf(db: Db, staffId: number, opts: { except?: string | null } = {}): Promise<number> {
  destroyed++;
  for (const [token, entry] of kept) {
    if (entry.session.staff.id === staffId && entry.session.tokenHash !== opts.except) kept.delete(token);
  }
  let q = db.deleteFrom('sessions').where('staff_id', '=', staffId);
  if (opts.except) q = q.where('token_hash', '!=', opts.except);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}
