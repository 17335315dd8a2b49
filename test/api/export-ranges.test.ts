import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listenOn, sessionCookie } from '../support/http-server';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { agentQuotedCase, approveQuote, unusedMonth } from './cases-support';
import { worldWithPlans } from '../support/world';

// The refunds, communications and audit exports take a time range (from, to: ISO instants, both
// inclusive) and the refunds export a status: each CSV holds the rows they name, and no others.

const DAY = 86_400_000;
const START = '2026-11-20T04:00:00.000Z';
const dayAt = (n: number) => new Date(Date.parse(START) + n * DAY).toISOString();

let world: TestWorld;
let server: Server;
let base: string;
let cookie: string;

beforeAll(async () => {
  world = await worldWithPlans(START);
  // a refund and a logged call on each of three days: paid in B-coin (settled at once), by bank
  // card (pending at the gateway), in B-coin again
  for (const [day, channel] of (['bcoin', 'bank_card', 'bcoin'] as const).entries()) {
    const { agent, member, caseNo, quote } = await agentQuotedCase(world, { ...unusedMonth, payment_channel: channel });
    await approveQuote(world, agent, caseNo, quote, `export-range-${day}`);
    await callerFor(world, agent).comms.log({ caseNo, memberUid: member.uid, direction: 'inbound', channel: 'phone', body: `day ${day}` });
    world.clock.advance(DAY);
  }
  const boss = await createStaff(world, { role: 'supervisor' });
  ({ server, base } = await listenOn(world));
  cookie = await sessionCookie(base, boss);
}, 60_000);

afterAll(async () => {
  if (server) await new Promise((r) => server.close(r));
  await world.cleanup();
});

/** The first column (the id) of each row of an export. */
async function exportedIds(kind: string, query: string) {
  const res = await fetch(`${base}/export/${kind}.csv${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const [, ...rows] = (await res.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  return rows.map((row) => Number(row.split(',')[0]));
}

const range = (from: string, to: string) => `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

it('exports the refunds created within the range, of the status asked for', async () => {
  const all = await world.deps.db.selectFrom('refunds').select(['id', 'status']).orderBy('id').execute();
  expect(all.map((r) => r.status)).toEqual(['succeeded', 'pending', 'succeeded']);
  const [first, second, third] = all.map((r) => r.id);
  expect(await exportedIds('refunds', '')).toEqual([first, second, third]);
  expect(await exportedIds('refunds', range(dayAt(1), dayAt(2)))).toEqual([second, third]);
  expect(await exportedIds('refunds', range(dayAt(0), dayAt(1)))).toEqual([first, second]);
  expect(await exportedIds('refunds', `?from=${encodeURIComponent(dayAt(1))}`)).toEqual([second, third]);
  expect(await exportedIds('refunds', `?to=${encodeURIComponent(dayAt(0))}`)).toEqual([first]);
  expect(await exportedIds('refunds', '?status=succeeded')).toEqual([first, third]);
  expect(await exportedIds('refunds', `${range(dayAt(1), dayAt(3))}&status=succeeded`)).toEqual([third]);
});

it('exports the communications and the audit events within the range', async () => {
  const db = world.deps.db;
  const comms = await db.selectFrom('communications').select(['id', 'created_at']).orderBy('id').execute();
  const onDay1 = comms.filter((c) => c.created_at >= dayAt(1) && c.created_at < dayAt(2)).map((c) => c.id);
  expect(onDay1.length).toBeGreaterThan(0);
  expect(onDay1.length).toBeLessThan(comms.length);
  expect(await exportedIds('communications', range(dayAt(1), new Date(Date.parse(dayAt(2)) - 1).toISOString()))).toEqual(onDay1);
  expect(await exportedIds('communications', '')).toEqual(comms.map((c) => c.id));

  const events = await db.selectFrom('audit_events').select(['id', 'at']).where('at', '<', dayAt(3)).orderBy('id').execute();
  const upToDay1 = events.filter((e) => e.at <= dayAt(1)).map((e) => e.id);
  expect(upToDay1.length).toBeGreaterThan(0);
  expect(upToDay1.length).toBeLessThan(events.length);
  expect(await exportedIds('audit', `?to=${encodeURIComponent(dayAt(1))}`)).toEqual(upToDay1);
});
