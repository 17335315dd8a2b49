import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../../server/seed/seed-database';

// A demo database seeded by the real seeder (server/seed), cached in the temp directory for the
// day and for the current seeder and migrations: the reliability tests each start from a fresh
// copy without paying for the seeding (mostly generating the demo data) every time.
function sourcesKey(): string {
  const hash = createHash('sha256');
  for (const dir of ['server/seed', 'server/db/migrations']) {
    for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  }
  hash.update(new Date().toISOString().slice(0, 10));
  return hash.digest('hex').slice(0, 16);
}

function lockIsGoneOrStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > 180_000;
  } catch {
    return true;
  }
}

/** Cached databases of other days or other sources, left for six hours in case a run still uses one. */
function pruneOldCaches(keep: string): void {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('refund-desk-seeded-') || path.startsWith(keep)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 6 * 3_600_000) rmSync(path, { force: true });
    } catch {
      // pruned by a parallel test file
    }
  }
}

export async function seededDatabase(orders = 300): Promise<string> {
  const cached = join(tmpdir(), `refund-desk-seeded-${orders}-${sourcesKey()}.db`);
  if (existsSync(cached)) return cached;
  pruneOldCaches(cached);
  // One test file seeds (it holds the lock file), the others wait for its result instead of
  // seeding the same database at the same time on the same two cores.
  const lock = `${cached}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch {
    while (!existsSync(cached)) {
      if (lockIsGoneOrStale(lock)) {
        rmSync(lock, { force: true });
        return seededDatabase(orders);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return cached;
  }
  try {
    // seeded under a name of its own, then renamed: nobody ever sees half a database
    const building = `${cached}.${process.pid}.building`;
    await seedDatabase({ path: building, orders, seed: 42, progress: false });
    renameSync(building, cached);
    return cached;
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

/** A fresh copy of the seeded database at `path` (no stale -wal or -shm beside it). */
export async function seededCopy(path: string, orders = 300): Promise<string> {
  const source = await seededDatabase(orders);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  copyFileSync(source, path);
  return path;
}
