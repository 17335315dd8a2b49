import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';

// Sign-in throttling (docs/security.md), kept in the database so that several servers on one
// database share it, and counted BEFORE the password is verified: each attempt is written as a
// failure in advance, in a write transaction that first checks the limits, and is taken back
// only when the password turns out right. Concurrent guesses (or a batch) therefore cannot all
// reach verification: the checks queue on the write lock and see each other's attempts.
//
// - Per (account, address) pair: PAIR_FREE_FAILURES failures are free; after that each attempt
//   waits 2^(n − free) seconds after the previous one (at most PAIR_MAX_DELAY_S), answered 429 with
//   Retry-After. A success from the pair stops its failures delaying it (they still count below).
//   Failures from one address never delay the same account from another address.
// - Per account: ACCOUNT_CEILING failures within WINDOW_MS, from anywhere, lock the account until
//   a supervisor or admin unlocks it (auth.unlock); the lock is audited.
// The account is the username as typed, lowercased, whether or not it exists: an unknown account
// is throttled and locked exactly like a real one, so the answers tell nothing about existence.
export const PAIR_FREE_FAILURES = 5;
export const PAIR_MAX_DELAY_S = 15 * 60;
export const ACCOUNT_CEILING = 50;
const WINDOW_MS = 60 * 60_000;

export interface Attempt {
  id: number;
  account: string;
  address: string;
}

export const accountKey = (username: string) => username.trim().toLowerCase();

type Verdict = { ok: true; attempt: Attempt } | { ok: false; error: DomainError };

const lockedError = () =>
  new DomainError('TOO_MANY_REQUESTS', 'This account is locked after too many failed sign-ins. Ask a supervisor to unlock it.', {
    details: { locked: true },
  });

/**
 * Counts an attempt for `username` from `address` before its password is verified; throws
 * TOO_MANY_REQUESTS (with `retryAfterSeconds` or `locked` in the details) when it must not be
 * verified. Reaching the ceiling locks the account and audits the lock as `actor`.
 */
export async function beginAttempt(db: Db, who: { username: string; address: string | null; actor: Actor }, now: Date): Promise<Attempt> {
  const account = accountKey(who.username);
  const address = who.address ?? 'unknown';
  const at = now.toISOString();
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const verdict = await writeTx(db, async (tx): Promise<Verdict> => {
    await tx.deleteFrom('sign_in_attempts').where('at', '<', since).execute();
    const lock = await tx.selectFrom('sign_in_locks').select('account').where('account', '=', account).executeTakeFirst();
    if (lock) return { ok: false, error: lockedError() };
    const { failures } = await tx
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('failures'))
      .where('account', '=', account)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    if (failures >= ACCOUNT_CEILING) {
      await tx.insertInto('sign_in_locks').values({ account, locked_at: at, failures }).execute();
      await recordAudit(tx, who.actor, { action: 'auth.account_locked', entityType: 'staff', entityId: account, after: { failures } }, now);
      return { ok: false, error: lockedError() };
    }
    const pair = await tx
      .selectFrom('sign_in_attempts')
      .select((eb) => [eb.fn.countAll<number>().as('failures'), eb.fn.max('at').as('latest')])
      .where('account', '=', account)
      .where('address', '=', address)
      .where('pair_cleared', '=', 0)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    if (pair.failures >= PAIR_FREE_FAILURES && pair.latest) {
      const waitS = Math.min(2 ** (pair.failures - PAIR_FREE_FAILURES), PAIR_MAX_DELAY_S);
      const retryAfterSeconds = Math.ceil((Date.parse(pair.latest) + waitS * 1000 - now.getTime()) / 1000);
      if (retryAfterSeconds > 0) {
        return {
          ok: false,
          error: new DomainError('TOO_MANY_REQUESTS', `Too many failed sign-ins. Try again in ${retryAfterSeconds} s.`, {
            details: { retryAfterSeconds },
          }),
        };
      }
    }
    const row = await tx.insertInto('sign_in_attempts').values({ account, address, at }).returning('id').executeTakeFirstOrThrow();
    return { ok: true, attempt: { id: row.id, account, address } };
  });
  if (!verdict.ok) throw verdict.error;
  return verdict.attempt;
}

/** The attempt was right: it is no failure, and the pair's earlier failures stop delaying it. Inside the success's write transaction. */
export async function attemptSucceeded(tx: Db, attempt: Attempt): Promise<void> {
  await tx.deleteFrom('sign_in_attempts').where('id', '=', attempt.id).execute();
  await tx
    .updateTable('sign_in_attempts')
    .set({ pair_cleared: 1 })
    .where('account', '=', attempt.account)
    .where('address', '=', attempt.address)
    .where('pair_cleared', '=', 0)
    .execute();
}

/**
 * Lifts an account's lock and forgets its failures. Returns what there was, for the audit trail:
 * whether it was locked and its failures (those counted at the lock, else the recent ones).
 * Inside a write transaction.
 */
export async function unlockAccount(tx: Db, username: string): Promise<{ locked: boolean; failures: number }> {
  const account = accountKey(username);
  const lock = await tx.selectFrom('sign_in_locks').select('failures').where('account', '=', account).executeTakeFirst();
  await tx.deleteFrom('sign_in_locks').where('account', '=', account).execute();
  const cleared = await tx.deleteFrom('sign_in_attempts').where('account', '=', account).executeTakeFirst();
  return { locked: lock !== undefined, failures: lock?.failures ?? Number(cleared.numDeletedRows) };
}
