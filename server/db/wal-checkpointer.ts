import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { log } from '../log';

// WAL checkpoints off the event loop (docs/performance.md, "Checkpoints on a thread of their
// own"). SQLite folds the WAL back into the database file on the connection that commits, once the
// WAL holds 1000 pages: a commit that crosses the line runs the whole checkpoint — writing the
// pages and syncing the file — on the server's one thread (an ingest batch's COMMIT: 31 ms on
// average, up to 263 ms on a busy machine). Here the server's connection does not checkpoint
// (`wal_autocheckpoint = 0`); a worker thread with a connection of its own runs a PASSIVE
// checkpoint every `everyMs`, which waits for nobody: the server's commits only append to the WAL.
//
// The WAL's bound. A WAL starts over from its beginning only when a write transaction begins
// after a checkpoint has folded every frame. Under a sustained ingest one batch's transaction
// follows another within milliseconds, so the worker's checkpoint seldom lands in between and the
// WAL kept growing (42 MB in one 20-second run). So when a checkpoint reports the WAL past
// `walLimitPages`, the server's connection checkpoints on commit again (SQLite's own, at 1000
// pages or the limit if lower) until the WAL has started over: that checkpoint finds almost everything folded by the worker
// already, completes on the committing thread, and the next transaction starts the WAL over.
// `journal_size_limit` then cuts the file back to the limit. Should the worker die, the server's
// connection keeps SQLite's own checkpoints (logged). Closing stops the worker after a last
// checkpoint; the last connection to close (the server's) folds what is left and removes the WAL.

export interface CheckpointerOptions {
  /** how often the worker checkpoints */
  everyMs: number;
  /** past this many pages in the WAL the committing connection checkpoints until it starts over (default 4096: 16 MiB of 4 KiB pages) */
  walLimitPages?: number;
}

/** What one checkpoint did: the WAL's frames and how many of them are in the database file (-1 on an error). */
export interface CheckpointReport {
  walFrames: number;
  checkpointedFrames: number;
  error: string | null;
}

export interface WalCheckpointer {
  /** checkpoints run, the last one's report, and whether the committing connection checkpoints for now */
  stats: () => { checkpoints: number; last: CheckpointReport | null; running: boolean; onCommit: boolean };
  /** resolves after the next checkpoint has run (tests wait on it instead of sleeping) */
  next: () => Promise<CheckpointReport>;
  /** a last checkpoint, then the worker's connection closes and the thread ends */
  stop: () => Promise<void>;
}

const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export function startWalCheckpointer(sqlite: Database.Database, path: string, opts: CheckpointerOptions): WalCheckpointer {
  const limitPages = opts.walLimitPages ?? 4096;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.pragma(`journal_size_limit = ${limitPages * pageSize}`);
  sqlite.pragma('wal_autocheckpoint = 0');
  let onCommit = false;
  /** SQLite's own checkpoints on the committing connection, on or off (never throws: the next report tries again) */
  const checkpointOnCommit = (on: boolean) => {
    try {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${on ? Math.min(SQLITE_AUTOCHECKPOINT_PAGES, limitPages) : 0}`);
      onCommit = on;
    } catch (error) {
      log.warn('wal_autocheckpoint not changed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  // the worker is TypeScript too: it registers tsx's loader, then loads its file (checked-chunks.ts)
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = new URL('./wal-checkpoint-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(script)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { path, everyMs: opts.everyMs } });
  let checkpoints = 0;
  let last: CheckpointReport | null = null;
  let running = true;
  let stopping = false;
  let waiting: { resolve: (r: CheckpointReport) => void; reject: (e: Error) => void }[] = [];
  let lastError: string | null = null;

  worker.on('message', (m: CheckpointReport | 'stopped') => {
    if (m === 'stopped') return;
    checkpoints++;
    last = m;
    if (m.error === null && m.walFrames >= limitPages && !onCommit) checkpointOnCommit(true);
    else if (m.error === null && m.walFrames < limitPages && onCommit && !stopping) checkpointOnCommit(false);
    if (m.error !== lastError) {
      if (m.error) log.warn('wal checkpoint failed', { error: m.error });
      lastError = m.error;
    }
    const wake = waiting;
    waiting = [];
    wake.forEach((w) => w.resolve(m));
  });
  worker.on('error', (error) => log.error('wal checkpointer failed', { error: error.message }));
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      running = false;
      waiting.forEach((w) => w.reject(new Error(`the wal checkpointer stopped (exit ${code})`)));
      waiting = [];
      if (!stopping) {
        // without it nothing would fold the WAL: SQLite's own checkpoints on commit again
        log.error('wal checkpointer stopped; checkpoints are back on the committing connection', { code });
        checkpointOnCommit(true);
      }
      resolve();
    }),
  );

  return {
    stats: () => ({ checkpoints, last, running, onCommit }),
    next: () =>
      running
        ? new Promise((resolve, reject) => waiting.push({ resolve, reject }))
        : Promise.reject(new Error('the wal checkpointer is not running')),
    stop: async () => {
      if (!running) return;
      stopping = true;
      worker.postMessage('stop');
      // a worker that does not answer (still loading, stuck on the disk) is ended after 5 s; its
      // connection is then closed by the thread's end, and the server's close folds the WAL
      const hung = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(hung);
    },
  };
}
