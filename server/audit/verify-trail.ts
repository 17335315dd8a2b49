import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './audit-hash';
import { checkLink, nameReordering, type ChainBreak, type ChainRow } from './verify-chain';

/** A signed statement of the chain's head: a checkpoint, or a backup's manifest. */
export interface Anchor {
  lastId: number;
  lastHash: string;
  /** how a message names it: "checkpoint #3 (2026-11-20T04:00:00.000Z)", "the backup's manifest" */
  label: string;
}

export type TrailVerdict =
  | { ok: true; events: number; lastAnchor: Anchor | null; afterLastAnchor: number }
  | { ok: false; kind: 'chain' | 'recomputed' | 'behind' | 'ahead'; events: number; brokenAt: number; problem: string };

/**
 * Walks the public SHA-256 chain (as verifyAuditChain does) and holds the database against
 * signed heads: at every anchored id the event must still carry the signed hash, and the
 * database must reach the last anchor. With `exact` (a backup) it must also end there.
 * Returns the first problem in id order.
 */
export function verifyAuditTrail(sqlite: Database.Database, anchors: Anchor[], options: { exact?: boolean } = {}): TrailVerdict {
  const byId = new Map<number, Anchor[]>();
  for (const a of anchors) byId.set(a.lastId, [...(byId.get(a.lastId) ?? []), a]);
  const last = anchors.reduce<Anchor | null>((m, a) => (m === null || a.lastId >= m.lastId ? a : m), null);

  const mismatch = (id: number, hash: string): TrailVerdict | null => {
    const wrong = byId.get(id)?.find((a) => a.lastHash !== hash);
    if (!wrong) return null;
    return {
      ok: false,
      kind: 'recomputed',
      events: id,
      brokenAt: id,
      problem:
        `event ${id} no longer has the hash that ${wrong.label} signed (signed ${wrong.lastHash.slice(0, 12)}…, found ${hash.slice(0, 12)}…): ` +
        `events up to ${id} were changed, removed or reordered and the chain recomputed`,
    };
  };

  const atGenesis = mismatch(0, GENESIS_HASH);
  if (atGenesis) return atGenesis;

  const rows = sqlite.prepare('select * from audit_events order by id').iterate() as IterableIterator<ChainRow>;
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  let broken: ChainBreak | null = null;
  let wrong: TrailVerdict | null = null;
  for (const row of rows) {
    count++;
    broken = checkLink(row, expectedId, prev);
    if (broken) break; // closes the cursor
    wrong = mismatch(row.id, row.hash);
    if (wrong) break;
    prev = row.hash;
    expectedId++;
  }
  if (broken) {
    const { brokenAt, problem } = nameReordering(sqlite, broken);
    return { ok: false, kind: 'chain', events: count, brokenAt, problem };
  }
  if (wrong) return wrong;

  const end = count; // ids run 1…count
  if (last && last.lastId > end) {
    return {
      ok: false,
      kind: 'behind',
      events: count,
      brokenAt: end + 1,
      problem: `the database is behind ${last.label}: it ends at event ${end}, but ${last.label} covers events up to ${last.lastId} — the ${last.lastId - end} newest events were deleted`,
    };
  }
  if (options.exact && last && end > last.lastId) {
    return {
      ok: false,
      kind: 'ahead',
      events: count,
      brokenAt: last.lastId + 1,
      problem: `the copy holds ${end - last.lastId} events after ${last.label} (event ${last.lastId}): it was written to after it was made`,
    };
  }
  return { ok: true, events: count, lastAnchor: last, afterLastAnchor: last ? end - last.lastId : end };
}
