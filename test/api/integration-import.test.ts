import { execFile, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryOrder, generateEvents, sendEvents, toNdjson, type FakeEvent } from '../support/fake-platform';
import { listenOn } from '../support/http-server';
import { ingestSnapshot } from '../support/ingest-snapshot';
import { createTestWorld, type TestWorld } from '../support/test-db';
import { rowCount } from '../support/row-count';

// `npm run import -- --file F --db PATH` in a process of its own on a real migrated database
// (docs/integration.md §1, "Bulk import"): the same events as POST /api/v1/events, to the same
// state, resumable after a crash, bad lines reported by number. Under `npm run test:pg` the same
// command runs with DATABASE_URL naming the world's PostgreSQL database instead of --db.

const SECRET = 'whsec-import-test';
const ORDERS = 300;
const events: FakeEvent[] = generateEvents({ orders: ORDERS, seed: 11 });
/** the platform's flaky delivery: shuffled, a third sent twice */
const messy = deliveryOrder(events, { shuffle: true, duplicate: 0.3, seed: 5 });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface Summary {
  resumedAfterLine: number;
  lastLine: number;
  events: number;
  accepted: number;
  duplicates: number;
  badLines: number;
  transactions: number;
  stopped: string;
}

/** The command line and environment that point the import at the world's database, on either engine. */
function importCommand(world: TestWorld, args: string[]) {
  const env = { ...process.env, DATABASE_URL: world.databaseUrl ?? '' };
  const target = world.databaseUrl ? [] : ['--db', world.deps.dbPath];
  return { argv: ['--import', 'tsx', 'server/cli/import.ts', ...args, ...target], env };
}

function runImport(world: TestWorld, args: string[]): Promise<Run> {
  const { argv, env } = importCommand(world, args);
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { timeout: 200_000, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

function summaryOf(run: Run): Summary {
  expect(run.stdout.trim(), run.stderr).not.toBe('');
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Summary;
}

async function ingested(world: TestWorld) {
  return { events: await rowCount(world.deps.db, 'ingest_events'), parked: await rowCount(world.deps.db, 'ingest_parked') };
}

async function importAudits(world: TestWorld) {
  const rows = await world.deps.db
    .selectFrom('audit_events')
    .select(['entity_id', 'after'])
    .where('action', '=', 'integration.events_imported')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ entityId: r.entity_id, after: JSON.parse(r.after!) as { lines: [number, number]; accepted: number } }));
}

function fileOf(world: TestWorld, name: string, text: string): string {
  const path = `${world.dir}/${name}`;
  writeFileSync(path, text);
  return path;
}

let reference: Awaited<ReturnType<typeof ingestSnapshot>>;
const worlds: TestWorld[] = [];
async function freshWorld() {
  const world = await createTestWorld();
  worlds.push(world);
  return world;
}

beforeAll(async () => {
  // the state the console reaches when the platform posts everything in order
  const world = await freshWorld();
  world.clock.now = new Date();
  world.deps.config.ingestSecrets = [SECRET];
  const { server, base } = await listenOn(world);
  try {
    await sendEvents(base, SECRET, events, { batch: 500 });
  } finally {
    await new Promise((r) => server.close(r));
  }
  reference = await ingestSnapshot(world.deps.db);
  expect(reference.orders).toHaveLength(ORDERS);
});

afterAll(async () => {
  for (const w of worlds) await w.cleanup();
});

// each import is a process of its own; on PostgreSQL every statement is a round trip, which a
// busy machine stretches most: room for the slowest run, never a condition on time
describe('npm run import', { timeout: 240_000 }, () => {
  it('a shuffled and doubled file ends in the state the events posted in order give; a second run skips it all', async () => {
    const world = await freshWorld();
    const file = fileOf(world, 'events.ndjson', toNdjson(messy));
    const run = await runImport(world, ['--file', file, '--chunk', '500']);
    expect(run.code, run.stderr).toBe(0);
    const sum = summaryOf(run);
    expect(sum).toMatchObject({ events: messy.length, accepted: events.length, duplicates: messy.length - events.length, badLines: 0 });
    expect(sum.transactions).toBe(Math.ceil(messy.length / 500));
    expect(await ingestSnapshot(world.deps.db)).toEqual(reference);
    expect(await ingested(world)).toEqual({ events: events.length, parked: 0 });

    // one audit event per transaction, naming its range of lines (not every event id)
    const audits = await importAudits(world);
    expect(audits).toHaveLength(sum.transactions);
    expect(audits.map((a) => a.after.lines)).toEqual(
      Array.from({ length: sum.transactions }, (_, i) => [i * 500 + 1, Math.min(messy.length, (i + 1) * 500)]),
    );
    expect(audits.reduce((n, a) => n + a.after.accepted, 0)).toBe(events.length);
    expect(JSON.stringify(audits)).not.toContain(events[events.length - 2]!.id);

    const again = summaryOf(await runImport(world, ['--file', file]));
    expect(again).toMatchObject({ resumedAfterLine: messy.length, events: 0, accepted: 0, transactions: 0 });
    expect(await importAudits(world)).toHaveLength(sum.transactions);
    expect(await ingestSnapshot(world.deps.db)).toEqual(reference);
  });

  it('a run killed mid-file (kill -9) resumes after its last committed line, and nothing takes effect twice', async () => {
    const world = await freshWorld();
    const file = fileOf(world, 'events.ndjson', toNdjson(messy));
    const { argv, env } = importCommand(world, ['--file', file, '--chunk', '20']);
    const child = spawn(process.execPath, argv, { stdio: 'ignore', env });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const checkpoints = world.deps.db.withTables<{ ingest_import_checkpoints: { line_no: number } }>();
    // killed as soon as its first transactions are in: the condition, not a guess at the time
    for (;;) {
      const row = await checkpoints.selectFrom('ingest_import_checkpoints').select('line_no').executeTakeFirst();
      if (row && row.line_no >= 40) break;
      await sleep(5);
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull(); // killed, not finished
    const cut = await ingested(world);
    expect(cut.events).toBeLessThan(events.length);

    const resumed = summaryOf(await runImport(world, ['--file', file, '--chunk', '500']));
    expect(resumed.resumedAfterLine).toBeGreaterThanOrEqual(40);
    expect(resumed.resumedAfterLine % 20).toBe(0); // a transaction's end
    expect(resumed.resumedAfterLine).toBeLessThan(messy.length);
    expect(resumed.events).toBe(messy.length - resumed.resumedAfterLine);
    expect(await ingestSnapshot(world.deps.db)).toEqual(reference);
    expect(await ingested(world)).toEqual({ events: events.length, parked: 0 });
  });

  it('--stop-after stops after the transaction holding that line; the next run goes on from there', async () => {
    const world = await freshWorld();
    const file = fileOf(world, 'events.ndjson', toNdjson(messy));
    const first = summaryOf(await runImport(world, ['--file', file, '--chunk', '100', '--stop-after', '250']));
    expect(first).toMatchObject({ stopped: 'stop-after', lastLine: 300, events: 300, transactions: 3 });
    const second = summaryOf(await runImport(world, ['--file', file, '--chunk', '100']));
    expect(second).toMatchObject({ stopped: 'end', resumedAfterLine: 300, lastLine: messy.length, events: messy.length - 300 });
    expect(await ingestSnapshot(world.deps.db)).toEqual(reference);
  });
});

describe('npm run import: where it writes', () => {
  it('refuses --db beside DATABASE_URL, touching neither', async () => {
    const world = await freshWorld();
    const file = fileOf(world, 'events.ndjson', toNdjson(events.slice(0, 10)));
    const dbFile = `${world.dir}/other.db`;
    const run = await new Promise<Run>((resolve) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'server/cli/import.ts', '--file', file, '--db', dbFile],
        { timeout: 85_000, env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' } },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--db names a SQLite file, but DATABASE_URL is set/);
    expect(existsSync(dbFile)).toBe(false);
  });
});

describe('npm run import: bad lines', () => {
  const small = generateEvents({ orders: 4, seed: 12 });
  const member = small.find((e) => e.type === 'member.upserted')!;
  const paid = small.find((e) => e.type === 'order.paid')!;
  const lines = small.map((e) => JSON.stringify(e));
  const PHONE = '13912345678';
  const EMAIL = 'private.person@example.com';
  // line numbers are 1-based; each bad line is put where its number says
  const bad: [number, string][] = [
    [3, `{"id": "evt-broken", "data": {"phone": "${PHONE}"`],
    [6, JSON.stringify({ ...member, id: 'evt-bad-phone', data: { ...member.data, phone: '12345', email: EMAIL } })],
    [9, JSON.stringify({ ...member, data: { ...member.data, nickname: 'someone else' } })], // an id seen with another body
  ];
  const withBad = [...lines];
  for (const [at, text] of bad) withBad.splice(at - 1, 0, text);
  withBad.splice(12, 0, ''); // a blank line is no event and no error
  // another order with the first paid order's transaction id: the database refuses it
  withBad.push(JSON.stringify({ ...paid, id: 'evt-clash', data: { ...paid.data, orderNo: 'FK-CLASH-1' } }));
  const text = withBad.join('\n') + '\n';
  const clashLine = withBad.length;

  it('are reported by line number without their content, counted and skipped; the rest goes in', async () => {
    const world = await freshWorld();
    const file = fileOf(world, 'bad.ndjson', text);
    const run = await runImport(world, ['--file', file, '--chunk', '5']);
    expect(run.code, run.stderr).toBe(0);
    expect(summaryOf(run)).toMatchObject({ badLines: 4, accepted: small.length, stopped: 'end' });
    expect(run.stderr).toContain('line 3: not valid JSON');
    expect(run.stderr).toMatch(/line 6 \(evt-bad-phone\): data\.phone: an 11-digit mainland mobile number/);
    expect(run.stderr).toMatch(new RegExp(`line 9 \\(${member.id}\\): this event id was imported before with another body`));
    expect(run.stderr).toMatch(new RegExp(`line ${clashLine} \\(evt-clash\\): contradicts the console's data`));
    expect(run.stderr).not.toContain(PHONE);
    expect(run.stderr).not.toContain(EMAIL);
    expect(await ingested(world)).toEqual({ events: small.length, parked: 0 });
    const nickname = await world.deps.db
      .selectFrom('members')
      .select('nickname')
      .where('uid', '=', String(member.data.uid))
      .executeTakeFirst();
    expect(nickname?.nickname).not.toBe('someone else'); // the conflicting line changed nothing
    const named = (await importAudits(world)).flatMap((a) => (a.after as unknown as { badLines: number[] }).badLines);
    expect(named).toEqual([3, 6, 9, clashLine]);
  });

  it('--strict stops at the first one: its transaction is not written, the ones before are', async () => {
    const world = await freshWorld();
    const file = fileOf(world, 'bad.ndjson', text);
    const run = await runImport(world, ['--file', file, '--chunk', '2', '--strict']);
    expect(run.code).toBe(1);
    expect(summaryOf(run)).toMatchObject({ stopped: 'strict', lastLine: 2, accepted: 2, badLines: 1 });
    expect(run.stderr).toContain('line 3: not valid JSON');
    expect(await ingested(world)).toEqual({ events: 2, parked: 0 });
  });
});
