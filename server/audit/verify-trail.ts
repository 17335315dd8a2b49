import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './audit-hash';
import type { Db } from '../db/client';
import { literal } from '../db/literal-limit';
import { streamRows } from '../db/stream-rows';
import { checkLink, nameReordering, reorderingNamed, type ChainBreak, type ChainRow } from './verify-chain';

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
  const walk = trailWalk(anchors, options);
  const rows = sqlite.prepare('select * from audit_events order by id').iterate() as IterableIterator<ChainRow>;
  let stopped: Stop | null = walk.start();
  if (!stopped) {
    for (const row of rows) {
      stopped = walk.step(row);
      if (stopped) break; // closes the cursor
    }
  }
  if (stopped && 'broken' in stopped) return walk.brokenVerdict(nameReordering(sqlite, stopped.broken));
  return stopped ?? walk.end();
}

/** The same walk through Kysely on either engine (PostgreSQL: a cursor in one read-only snapshot, server/db/stream-rows.ts). */
export function verifyAuditTrailAsync(db: Db, anchors: Anchor[], options: { exact?: boolean } = {}): Promise<TrailVerdict> {
  return verifyAuditRows(streamRows(db, db.selectFrom('audit_events').selectAll().orderBy('id'), 1000), anchors, options, async (hash) => {
    const row = await db.selectFrom('audit_events').select('id').where('hash', '=', hash).limit(literal(1)).executeTakeFirst();
    return row?.id;
  });
}

/**
 * The walk over rows from anywhere, in id order (a PostgreSQL dump's audit_events read back by
 * pg_restore); `findByHash` names a reordering when it can.
 */
export async function verifyAuditRows(
  rows: AsyncIterable<ChainRow> | Iterable<ChainRow>,
  anchors: Anchor[],
  options: { exact?: boolean } = {},
  findByHash: (hash: string) => Promise<number | undefined> = async () => undefined,
): Promise<TrailVerdict> {
  const walk = trailWalk(anchors, options);
  let stopped: Stop | null = walk.start();
  if (!stopped) {
    for await (const row of rows) {
      stopped = walk.step(row);
      if (stopped) break; // closes the cursor
    }
  }
  if (stopped && 'broken' in stopped) {
    const hash = stopped.broken.namesPrevHash;
    return walk.brokenVerdict(reorderingNamed(stopped.broken, hash === undefined ? undefined : await findByHash(hash)));
  }
  return stopped ?? walk.end();
}

type Stop = { broken: ChainBreak } | Exclude<TrailVerdict, { ok: true }>;

/** The walk's state: one row at a time in id order; a Stop ends it. */
function trailWalk(anchors: Anchor[], options: { exact?: boolean }) {
  const byId = new Map<number, Anchor[]>();
  for (const a of anchors) byId.set(a.lastId, [...(byId.get(a.lastId) ?? []), a]);
  const last = anchors.reduce<Anchor | null>((m, a) => (m === null || a.lastId >= m.lastId ? a : m), null);
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;

  const mismatch = (id: number, hash: string): Stop | null => {
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

  return {
    start: () => mismatch(0, GENESIS_HASH),
    step(row: ChainRow): Stop | null {
      count++;
      const broken = checkLink(row, expectedId, prev);
      if (broken) return { broken };
      const wrong = mismatch(row.id, row.hash);
      if (wrong) return wrong;
      prev = row.hash;
      expectedId++;
      return null;
    },
    brokenVerdict: ({ brokenAt, problem }: ChainBreak): TrailVerdict => ({ ok: false, kind: 'chain', events: count, brokenAt, problem }),
    end(): TrailVerdict {
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
    },
  };
}
