import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import type { StaffIdentity } from '../context';
import { log } from '../log';

export const SESSION_COOKIE = 'rd_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  staffId: number,
  now: Date,
  idleMinutes: number,
): Promise<{ token: string; expiresAt: Date }> {
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

/** The staff member behind a session token, sliding the idle expiry; null when unknown or expired. */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  idleMinutes: number,
): Promise<{ staff: StaffIdentity; tokenHash: string; expiresAt: Date } | null> {
  const tokenHash = hashToken(token);
  const row = await db
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
  // Slide the expiry at most once a minute: a read should rarely cost a write. Sliding is
  // best-effort: when the database cannot take the write (disk full, lock held past the busy
  // timeout) the request goes on under the expiry the session already has.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    const slid = new Date(now.getTime() + idleMinutes * 60_000);
    try {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now.toISOString(), expires_at: slid.toISOString() })
        .where('token_hash', '=', tokenHash)
        .execute();
      expiresAt = slid;
    } catch (error) {
      log.warn('session expiry not extended', { error: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    tokenHash,
    expiresAt,
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
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
