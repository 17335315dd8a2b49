import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH, type HashedFields } from './audit-hash';

export type ChainVerdict = { ok: true; events: number } | { ok: false; events: number; brokenAt: number; problem: string };

export type ChainRow = HashedFields & { prev_hash: string; hash: string };

export interface ChainBreak {
  brokenAt: number;
  problem: string;
  /** set when the event does not follow the one before it: the previous hash it names */
  namesPrevHash?: string;
}

/** One step of the walk: checks `row` against the event before it. */
export function checkLink(row: ChainRow, expectedId: number, prev: string): ChainBreak | null {
  if (row.id !== expectedId) {
    return { brokenAt: row.id, problem: `event ${expectedId} is missing before event ${row.id}` };
  }
  if (row.prev_hash !== prev) {
    return { brokenAt: row.id, problem: `event ${row.id} does not follow the event before it`, namesPrevHash: row.prev_hash };
  }
  if (auditHash(prev, row) !== row.hash) {
    return { brokenAt: row.id, problem: `event ${row.id} was altered after it was written` };
  }
  return null;
}

/**
 * Names a reordering: an event whose previous hash is the hash of another event than the one
 * before it was moved. Call it once the walk's cursor is closed (better-sqlite3 runs one
 * statement at a time per connection).
 */
export function nameReordering(sqlite: Database.Database, broken: ChainBreak): ChainBreak {
  if (broken.namesPrevHash === undefined) return broken;
  const follows = sqlite.prepare('select id from audit_events where hash = ? limit 1').pluck().get(broken.namesPrevHash) as
    number | undefined;
  return reorderingNamed(broken, follows);
}

/** The break, named as a reordering when the event it follows (`follows`, found by hash) is another than the one before it. */
export function reorderingNamed(broken: ChainBreak, follows: number | undefined): ChainBreak {
  if (follows === undefined || follows === broken.brokenAt - 1) return broken;
  return {
    brokenAt: broken.brokenAt,
    problem: `event ${broken.brokenAt} is out of place: it follows event ${follows} in the chain, not event ${broken.brokenAt - 1} (events were reordered)`,
  };
}

// Walks the whole chain in id order with a streaming cursor (constant memory).
export function verifyAuditChain(sqlite: Database.Database): ChainVerdict {
  const rows = sqlite.prepare('select * from audit_events order by id').iterate() as IterableIterator<ChainRow>;
  let prev = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  let broken: ChainBreak | null = null;
  for (const row of rows) {
    count++;
    broken = checkLink(row, expectedId, prev);
    if (broken) break; // closes the cursor
    prev = row.hash;
    expectedId++;
  }
  if (!broken) return { ok: true, events: count };
  const { brokenAt, problem } = nameReordering(sqlite, broken);
  return { ok: false, events: count, brokenAt, problem };
}
