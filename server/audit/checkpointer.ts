import { sql } from 'kysely';
import type { Db } from '../db/client';
import { log } from '../log';
import type { SigningKey } from './signing-key';
import { writeCheckpoint, type CheckpointOutcome } from './write-checkpoint';

export interface CheckpointerOptions {
  db: Db;
  /** the checkpoint file (checkpointFileFor(dbPath) unless told otherwise) */
  file: string;
  key: SigningKey;
  now?: () => Date;
  /** a checkpoint once this many events arrived since the last one */
  everyEvents?: number;
  /** …and at least this often while events arrive */
  everyMs?: number;
  /** how often the head is looked at (one `max(id)` on the primary key) */
  pollMs?: number;
}

export interface AuditCheckpointer {
  /** the checkpoint at start (a database's first checks its whole chain: seconds on millions of events) */
  ready: Promise<CheckpointOutcome | null>;
  /** signs the head now (nothing when it is already the last checkpoint's) */
  checkpointNow: () => Promise<CheckpointOutcome | null>;
  /** stops the timer and signs the head one last time (graceful shutdown) */
  stop: () => Promise<void>;
}

export const CHECKPOINT_EVERY_EVENTS = 1000;
export const CHECKPOINT_EVERY_MS = 5 * 60_000;
const POLL_MS = 5_000;

/**
 * The running server's checkpoints: one at start (the first of a database that has none: the
 * migration of an existing database), one every `everyEvents` events (looked at every 5 s),
 * one at least every 5 minutes while events arrive, and one at `stop()`. Failures and refusals
 * are logged, never thrown: the console keeps serving, and `npm run audit:verify` names what
 * is wrong.
 */
export function startAuditCheckpoints(options: CheckpointerOptions): AuditCheckpointer {
  const { db, file, key } = options;
  const now = options.now ?? (() => new Date());
  const everyEvents = options.everyEvents ?? CHECKPOINT_EVERY_EVENTS;
  const everyMs = options.everyMs ?? CHECKPOINT_EVERY_MS;
  let lastId = -1;
  let lastAt = 0;
  let lastRefusal = '';
  let queue: Promise<unknown> = Promise.resolve();

  const once = async (): Promise<CheckpointOutcome | null> => {
    try {
      const outcome = await writeCheckpoint(db, { file, key, now: now() });
      if (outcome.written || outcome.reason === 'unchanged') {
        if (outcome.written) log.info('audit checkpoint written', { seq: outcome.checkpoint.seq, lastId: outcome.checkpoint.lastId });
        if (outcome.checkpoint.lastId !== lastId) lastAt = Date.now();
        lastId = outcome.checkpoint.lastId;
        lastRefusal = '';
      } else if (outcome.problem !== lastRefusal) {
        lastRefusal = outcome.problem;
        log.error('audit checkpoint refused: run npm run audit:verify', { problem: outcome.problem });
      }
      return outcome;
    } catch (error) {
      log.error('audit checkpoint failed', { error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };
  const checkpointNow = () => {
    const run = queue.then(once);
    queue = run;
    return run;
  };

  // not awaited by the server: it listens meanwhile (the check yields between chunks)
  const ready = checkpointNow();

  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    void (async () => {
      const head = await sql<{ id: number | null }>`select max(id) as id from audit_events`.execute(db);
      const headId = head.rows[0]?.id ?? 0;
      if (headId - lastId >= everyEvents || (headId > lastId && Date.now() - lastAt >= everyMs)) await checkpointNow();
    })()
      .catch((error: unknown) =>
        log.error('audit checkpoint poll failed', { error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => (polling = false));
  }, options.pollMs ?? POLL_MS);
  timer.unref();

  return {
    ready,
    checkpointNow,
    stop: async () => {
      clearInterval(timer);
      await checkpointNow();
    },
  };
}
