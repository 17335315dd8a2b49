import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../server/db/client';
import { startWalCheckpointer, type WalCheckpointer } from '../../server/db/wal-checkpointer';

// WAL checkpoints on a thread of their own (server/db/wal-checkpointer.ts): the committing
// connection does not checkpoint, a worker with a connection of its own does, and the WAL stays
// bounded — also when write transactions follow each other with no quiet moment between them, as
// an ingest's batches do; stopping and closing still fold it into the file. A real SQLite file;
// the writer waits for the worker's reports (events), never for a fixed time.

const ROW = 'x'.repeat(64 * 1024); // a 64 KiB row: ~17 pages of WAL per transaction
const TRANSACTIONS = 400; // ~27 MB through the WAL in all
const PACE = 20; // transactions between two checkpoints the writer waits for (~1.4 MB)

let dir: string;
let path: string;
let opened: OpenedDatabase | null;
let checkpointer: WalCheckpointer | null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-wal-'));
  path = join(dir, 'wal.db');
  opened = openDatabase(path);
  opened.sqlite.exec('create table blobs (id integer primary key, body text not null)');
  checkpointer = null;
});
afterEach(async () => {
  await checkpointer?.stop();
  await opened?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A checkpoint that began after the call: the report in flight when it is made may be of one that began before. */
async function checkpointAfterNow(c: WalCheckpointer) {
  await c.next();
  return c.next();
}

const walBytes = () => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

/** Writes the rows, one transaction each, yielding between them; every PACE transactions `between` runs. */
async function writeRows(sqlite: OpenedDatabase['sqlite'], between: (n: number) => Promise<void>): Promise<number> {
  const insert = sqlite.prepare('insert into blobs (body) values (?)');
  let largest = 0;
  for (let n = 1; n <= TRANSACTIONS; n++) {
    sqlite.transaction(() => insert.run(ROW))();
    largest = Math.max(largest, walBytes());
    if (n % PACE === 0) await between(n);
    await turn();
  }
  return largest;
}

/**
 * The same rows as an ingest writes them: each transaction stays open across a turn of the event
 * loop and the next begins as soon as it commits, so no checkpoint ever lands between two; every
 * PACE transactions `between` runs while one is open.
 */
async function writeBackToBack(sqlite: OpenedDatabase['sqlite'], between: () => Promise<void>): Promise<number> {
  const insert = sqlite.prepare('insert into blobs (body) values (?)');
  let largest = 0;
  for (let n = 1; n <= TRANSACTIONS; n++) {
    sqlite.exec('BEGIN IMMEDIATE');
    insert.run(ROW);
    if (n % PACE === 0) await between();
    await turn();
    sqlite.exec('COMMIT');
    largest = Math.max(largest, walBytes());
  }
  return largest;
}

describe('the WAL checkpointer', () => {
  it('takes checkpoints off the committing connection and keeps the WAL small under sustained writes', async () => {
    const sqlite = opened!.sqlite;
    checkpointer = startWalCheckpointer(sqlite, path, { everyMs: 20 });
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // the writer goes on while the worker checkpoints; every PACE transactions it waits for one
    // checkpoint that started after them, so the bound holds however slow the machine is
    let folded = 0;
    const largest = await writeRows(sqlite, async () => {
      const report = await checkpointAfterNow(checkpointer!);
      expect(report.error).toBeNull();
      folded += report.checkpointedFrames > 0 ? 1 : 0;
    });
    expect(folded).toBeGreaterThan(0);
    // at most ~two paces of transactions between two restarts of the WAL (~2.8 MB), far from the 27 MB written
    expect(largest).toBeLessThan(4 * 1024 * 1024);
    expect(sqlite.prepare('select count(*) as n from blobs').get()).toEqual({ n: TRANSACTIONS });
  });

  it('keeps the WAL bounded when transactions follow each other back to back: past its limit the committing connection checkpoints until the WAL starts over', async () => {
    const sqlite = opened!.sqlite;
    // a limit below one transaction's pages: every report past a commit finds the WAL over it
    checkpointer = startWalCheckpointer(sqlite, path, { everyMs: 20, walLimitPages: 16 });
    let onCommitSeen = false;
    const largest = await writeBackToBack(sqlite, async () => {
      expect((await checkpointAfterNow(checkpointer!)).error).toBeNull();
      onCommitSeen ||= checkpointer!.stats().onCommit;
    });
    expect(onCommitSeen).toBe(true);
    // two paces of transactions at most between the report and the commit that folds them (~2.8 MB)
    expect(largest).toBeLessThan(4 * 1024 * 1024);
    // once the WAL has started over (at a write after a complete checkpoint), the worker has it alone again
    const insert = sqlite.prepare('insert into blobs (body) values (?)');
    for (let i = 0; i < 50 && checkpointer.stats().onCommit; i++) {
      insert.run('one more');
      await checkpointAfterNow(checkpointer);
    }
    expect(checkpointer.stats().onCommit).toBe(false);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });

  it('without it and with auto-checkpoint off, the same writes grow the WAL to all of them (what the bound is measured against)', async () => {
    const sqlite = opened!.sqlite;
    sqlite.pragma('wal_autocheckpoint = 0');
    const largest = await writeRows(sqlite, async () => {});
    expect(largest).toBeGreaterThan(20 * 1024 * 1024);
  });

  it('stops after a last checkpoint, and the server’s close folds the rest and removes the WAL', async () => {
    checkpointer = startWalCheckpointer(opened!.sqlite, path, { everyMs: 60_000 });
    await writeRows(opened!.sqlite, async () => {});
    expect(walBytes()).toBeGreaterThan(20 * 1024 * 1024); // nothing folded yet: the timer is a minute away
    await checkpointer.stop();
    expect(checkpointer.stats()).toMatchObject({ running: false, last: { error: null } });
    expect(checkpointer.stats().last!.checkpointedFrames).toBe(checkpointer.stats().last!.walFrames);
    await opened!.close();
    opened = null;
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = openDatabase(path);
    try {
      expect(reopened.sqlite.prepare('select count(*) as n from blobs').get()).toEqual({ n: TRANSACTIONS });
    } finally {
      await reopened.close();
    }
  });

  it('when the worker dies, the connection goes back to SQLite’s own checkpoints', async () => {
    const sqlite = opened!.sqlite;
    // a worker that cannot open its file ends at once
    checkpointer = startWalCheckpointer(sqlite, join(dir, 'gone', 'wal.db'), { everyMs: 20 });
    await expect(checkpointer.next()).rejects.toThrow(/stopped/);
    expect(checkpointer.stats().running).toBe(false);
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
