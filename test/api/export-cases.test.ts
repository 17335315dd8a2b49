import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listenOn, sessionCookie } from '../support/http-server';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { orderWithMember } from './cases-support';
import { worldWithPlans } from '../support/world';

// The cases export takes the cases screen's filters (those of cases.list): what a supervisor
// sees filtered on screen is what the CSV holds, and nothing else.

let world: TestWorld;
let server: Server;
let base: string;
let cookie: string;
const byReason: Record<string, string[]> = {};

beforeAll(async () => {
  world = await worldWithPlans('2026-11-20T04:00:00.000Z');
  const agent = await createStaff(world, { role: 'agent' });
  const boss = await createStaff(world, { role: 'supervisor' });
  for (const reason of ['mistaken_purchase', 'duplicate_charge', 'duplicate_charge', 'unwanted_renewal'] as const) {
    const { order } = await orderWithMember(world);
    const { caseNo } = await callerFor(world, agent).cases.create({
      orderNo: order.order_no,
      channel: 'phone',
      reason,
      requested: 'full',
      statement: '会员来电',
    });
    (byReason[reason] ??= []).push(caseNo);
  }
  ({ server, base } = await listenOn(world));
  cookie = await sessionCookie(base, boss);
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await world.cleanup();
});

async function exported(query: string) {
  const res = await fetch(`${base}/export/cases.csv${query}`, { headers: { cookie } });
  const text = await res.text();
  return {
    status: res.status,
    caseNos: text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]!),
  };
}

it('exports only the cases the screen filters show: by reason, by channel and date, by assignee', async () => {
  expect(await exported('?reason=duplicate_charge')).toEqual({ status: 200, caseNos: [...byReason.duplicate_charge!].sort() });
  expect((await exported('?channel=phone&from=2026-11-20&to=2026-11-20')).caseNos).toHaveLength(4);
  expect((await exported('?channel=online_chat')).caseNos).toEqual([]);
  expect((await exported('?assignee=unassigned')).caseNos).toEqual([]);
  expect((await exported('')).caseNos).toHaveLength(4);
});

it('refuses filters it does not know, or values that do not parse, with 400 and no file', async () => {
  expect((await exported('?reason=bored')).status).toBe(400);
  expect((await exported('?colour=red')).status).toBe(400);
  expect((await exported('?decidedBy=nobody')).status).toBe(400);
});
