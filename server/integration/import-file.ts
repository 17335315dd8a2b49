import { basename } from 'node:path';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { applyFresh, countMinute, EventRefused, PLATFORM_ACTOR, sortOut } from './apply-events';
import { checkedChunks, checkedChunksHere, type BadLine, type GoodLine } from './checked-chunks';
import { findResume, saveCheckpoint, type Resume } from './import-checkpoint';

// `npm run import -- --file events.ndjson` (docs/integration.md §1, "Bulk import"): the events of
// POST /api/v1/events from a file, one per line, with the same checks (checkEvent) and the same
// effects (sortOut + applyFresh, the route's own code), written straight to the database in
// transactions of thousands of events. Each transaction also moves the file's checkpoint (so a
// second run starts after the last committed line) and writes one audit event naming the range
// of lines and event ids it covers — not every id, which at ten million events would make the
// audit trail the largest table (docs/integration.md explains the choice).
// A bad line (not JSON, not a valid event, an id seen with another body, a fact the database
// refuses) is reported by its line number and skipped; with `strict` the import stops there and
// the transaction holding it is not written.

export type { BadLine };

export interface ImportOptions {
  db: Db;
  path: string;
  now: () => Date;
  /** events per transaction (default 5,000) */
  eventsPerTx?: number;
  strict?: boolean;
  /** stop after the transaction that holds this line (drills and tests) */
  stopAfterLine?: number;
  onBadLine?: (bad: BadLine) => void;
  /** check the lines on this thread rather than in a worker */
  checkHere?: boolean;
  /** where this run starts: after a previous run's last committed line, or at the top */
  onStart?: (fromOffset: number, fromLine: number) => void;
  onProgress?: (bytesDone: number, events: number) => void;
}

export interface ImportSummary {
  file: string;
  /** the line a previous run had got to (0: from the top) */
  resumedAfterLine: number;
  lastLine: number;
  /** valid events read in this run */
  events: number;
  accepted: number;
  duplicates: number;
  parked: number;
  stale: number;
  unparked: number;
  badLines: number;
  transactions: number;
  stopped: 'end' | 'strict' | 'stop-after';
  ms: number;
}

export const DEFAULT_EVENTS_PER_TX = 5_000;

export async function importFile(opts: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const resume = await findResume(opts.db, opts.path);
  const sum: ImportSummary = {
    file: basename(opts.path),
    resumedAfterLine: resume.line,
    lastLine: resume.line,
    events: 0,
    accepted: 0,
    duplicates: 0,
    parked: 0,
    stale: 0,
    unparked: 0,
    badLines: 0,
    transactions: 0,
    stopped: 'end',
    ms: 0,
  };
  const bad = (b: BadLine) => {
    sum.badLines++;
    opts.onBadLine?.(b);
  };
  let offset = resume.offset;
  opts.onStart?.(resume.offset, resume.line);
  const source = {
    path: opts.path,
    fromOffset: resume.offset,
    fromLine: resume.line,
    linesPerChunk: opts.eventsPerTx ?? DEFAULT_EVENTS_PER_TX,
  };
  for await (const chunk of opts.checkHere ? checkedChunksHere(source) : checkedChunks(source)) {
    const { good, refused } = chunk;
    refused.forEach(bad);
    if (opts.strict && refused.length > 0) {
      sum.stopped = 'strict';
      break;
    }
    const lastLine = chunk.lastLine;
    const at: Resume = { fileKey: resume.fileKey, offset: chunk.endOffset, line: lastLine };
    const range = { from: chunk.firstLine, to: lastLine, fromOffset: offset, at, badLines: refused.map((b) => b.line) };
    const written = await writeChunk(opts, good, range, bad);
    if (!written) {
      sum.stopped = 'strict';
      break;
    }
    sum.events += good.length;
    sum.accepted += written.accepted;
    sum.duplicates += written.duplicates;
    sum.parked += written.parked;
    sum.stale += written.stale;
    sum.unparked += written.unparked;
    sum.transactions++;
    sum.lastLine = lastLine;
    offset = chunk.endOffset;
    opts.onProgress?.(offset, sum.events);
    if (opts.stopAfterLine !== undefined && lastLine >= opts.stopAfterLine) {
      sum.stopped = 'stop-after';
      break;
    }
  }
  sum.ms = Date.now() - started;
  return sum;
}

interface Range {
  from: number;
  to: number;
  fromOffset: number;
  at: Resume;
  /** the range's bad lines so far (named in its audit event) */
  badLines: number[];
}

type Written = { accepted: number; duplicates: number; parked: number; stale: number; unparked: number };

/**
 * One transaction: the chunk's events, the checkpoint and one audit event. An event the database
 * refuses rolls the transaction back; it is reported and the chunk written again without it.
 * Null when `strict` stops the import (nothing of the chunk written).
 */
async function writeChunk(opts: ImportOptions, lines: GoodLine[], range: Range, bad: (b: BadLine) => void): Promise<Written | null> {
  let todo = lines;
  for (;;) {
    const now = opts.now();
    const batchId = crypto.randomUUID();
    const conflicts: BadLine[] = [];
    try {
      const written = await writeTx(opts.db, async (tx) => {
        const sorted = await sortOut(
          tx,
          todo.map((l) => l.checked),
        );
        if (sorted.conflicts.length > 0) {
          const lineOf = new Map(todo.map((l) => [l.checked, l.line]));
          for (const c of sorted.conflicts)
            conflicts.push({ line: lineOf.get(c)!, id: c.event.id, reason: 'this event id was imported before with another body' });
          if (opts.strict) throw new StrictStop();
        }
        const applied = await applyFresh(tx, sorted.fresh, now, batchId);
        // the integration page's per-minute figures count imported events too
        await countMinute(tx, now, sorted.fresh, sorted.duplicateTypes, new Set(applied.outcomes.parked));
        await saveCheckpoint(tx, opts.path, range.at, now);
        const result = { ...applied.counts, duplicates: sorted.duplicates };
        if (sorted.fresh.length > 0)
          await recordAudit(
            tx,
            PLATFORM_ACTOR,
            {
              action: 'integration.events_imported',
              entityType: 'ingest_import',
              entityId: `${range.at.fileKey.slice(0, 16)}:${range.from}-${range.to}`,
              after: {
                file: basename(opts.path),
                fileKey: range.at.fileKey,
                batchId,
                lines: [range.from, range.to],
                bytes: [range.fromOffset, range.at.offset],
                firstEventId: sorted.fresh[0]!.event.id,
                lastEventId: sorted.fresh[sorted.fresh.length - 1]!.event.id,
                ...result,
                badLines: [...range.badLines, ...conflicts.map((c) => c.line)].sort((a, b) => a - b).slice(0, 100),
              },
            },
            now,
          );
        return result;
      });
      conflicts.forEach(bad);
      return written;
    } catch (error) {
      if (error instanceof StrictStop) {
        conflicts.forEach(bad);
        return null;
      }
      if (!(error instanceof EventRefused)) throw error;
      const line = todo.find((l) => l.checked === error.checked)!.line;
      bad({ line, id: error.checked.event.id, reason: `contradicts the console's data (${error.message})` });
      range.badLines.push(line);
      if (opts.strict) return null;
      todo = todo.filter((l) => l.checked !== error.checked);
    }
  }
}

class StrictStop extends Error {}
