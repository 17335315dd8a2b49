import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointerOptions, CheckpointReport } from './wal-checkpointer';

// The WAL checkpointer's thread (wal-checkpointer.ts): a connection of its own that folds the
// WAL into the database file every `everyMs`, PASSIVE (never waits for readers or the writer, so
// it never holds up the server's commits), and once more when told to stop. Each checkpoint is
// reported to the main thread: how many frames the WAL held and how many are in the file.
const { path, everyMs } = workerData as Pick<CheckpointerOptions, 'everyMs'> & { path: string };
const port = parentPort!;
const db = new Database(path, { fileMustExist: true });
db.pragma('synchronous = FULL'); // the file is synced after a checkpoint, as the server's own would

function checkpoint(): void {
  let report: CheckpointReport;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    report = { walFrames: r!.log, checkpointedFrames: r!.checkpointed, error: null };
  } catch (error) {
    // another connection's checkpoint (a backup, an import) or a full disk: the next tick tries again
    report = { walFrames: -1, checkpointedFrames: -1, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(report);
}

const timer = setInterval(checkpoint, everyMs);
port.on('message', (m: string) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  port.postMessage('stopped');
  port.close();
});
