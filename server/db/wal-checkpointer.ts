import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { log } from '../log';

// WAL checkpoints off the event loop (docs/performance.md, "Checkpoints on a thread of their
// own"). SQLite folds the WAL back into the database file on the connection that commits, once the
// WAL holds 1000 pages: a commit that crosses the line runs the whole checkpoint — writing the
// pages and syncing the file — on the server's one thread (an ingest batch's COMMIT: 31 ms on
// average, up to 263 ms on a busy machine). Here the server's connection never checkpoints
// (`wal_autocheckpoint = 0`); a worker thread with a connection of its own runs a PASSIVE
// checkpoint every `everyMs`, which waits for nobody: the server's commits only append to the WAL.
//
// The WAL stays bounded: after a checkpoint has folded every frame, the next write transaction
// starts the WAL over from its beginning (readers permitting, as before), and
// `journal_size_limit` cuts the file back when it had grown. Should the worker die, the server's
// connection goes back to SQLite's own checkpoints (logged). Closing stops the worker after a last
// checkpoint; the last connection to close (the server's) folds what is left and removes the WAL.

export interface CheckpointerOptions {
  /** how often the worker checkpoints */
  everyMs: number;
  /** the WAL file is cut back to this many bytes when it starts over (journal_size_limit) */
  walLimitBytes?: number;
}

/** What one checkpoint did: the WAL's frames and how many of them are in the database file (-1 on an error). */
export interface CheckpointReport {
  walFrames: number;
  checkpointedFrames: number;
  error: string | null;
}

export interface WalCheckpointer {
  /** checkpoints run and the last one's report */
  stats: () => { checkpoints: number; last: CheckpointReport | null; running: boolean };
  /** resolves after the next checkpoint has run (tests wait on it instead of sleeping) */
  next: () => Promise<CheckpointReport>;
  /** a last checkpoint, then the worker's connection closes and the thread ends */
  stop: () => Promise<void>;
}

const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export function startWalCheckpointer(sqlite: Database.Database, path: string, opts: CheckpointerOptions): WalCheckpointer {
  sqlite.pragma(`journal_size_limit = ${opts.walLimitBytes ?? 64 * 1024 * 1024}`);
  sqlite.pragma('wal_autocheckpoint = 0');
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
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
      }
      resolve();
    }),
  );

  return {
    stats: () => ({ checkpoints, last, running }),
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
