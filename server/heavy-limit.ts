import type { Db } from './db/client';
import { DomainError } from './errors';

// Heavy procedures (`.meta({ cost: 'heavy' })`, e.g. audit.verify, which walks the whole audit
// trail) cost this server's event loop and its database connection, so they are limited per
// server process, per staff member: one at a time, HEAVY_PER_MINUTE a minute, and at most
// HEAVY_RUNNING at once across everyone; beyond that 429 with Retry-After. Kept in memory on
// purpose: what they protect is this process's time, not a shared budget. Keyed by database so
// test worlds (and their fixed clocks) do not share counts.
export const HEAVY_PER_MINUTE = 5;
export const HEAVY_RUNNING = 2;
const MINUTE_MS = 60_000;

interface Usage {
  running: Set<number>;
  starts: Map<number, number[]>;
}
const usage = new WeakMap<Db, Usage>();

/** Takes a heavy slot for a staff member or throws TOO_MANY_REQUESTS; call the returned function when done. */
export function acquireHeavy(db: Db, staffId: number, nowMs: number): () => void {
  let u = usage.get(db);
  if (!u) usage.set(db, (u = { running: new Set(), starts: new Map() }));
  const recent = (u.starts.get(staffId) ?? []).filter((t) => nowMs - t < MINUTE_MS);
  if (u.running.has(staffId)) {
    throw new DomainError('TOO_MANY_REQUESTS', 'This check is already running for you; wait for its answer.', {
      details: { retryAfterSeconds: 1 },
    });
  }
  if (recent.length >= HEAVY_PER_MINUTE) {
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + MINUTE_MS - nowMs) / 1000));
    throw new DomainError('TOO_MANY_REQUESTS', `At most ${HEAVY_PER_MINUTE} such checks a minute. Try again in ${retryAfterSeconds} s.`, {
      details: { retryAfterSeconds },
    });
  }
  if (u.running.size >= HEAVY_RUNNING) {
    throw new DomainError('TOO_MANY_REQUESTS', 'The server is busy with other checks. Try again in a moment.', {
      details: { retryAfterSeconds: 2 },
    });
  }
  recent.push(nowMs);
  u.starts.set(staffId, recent);
  u.running.add(staffId);
  const held = u;
  return () => held.running.delete(staffId);
}
