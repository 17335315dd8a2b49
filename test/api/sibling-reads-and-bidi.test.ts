import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOn, sessionCookie } from '../support/http-server';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { countRows, orderWithMember } from './cases-support';
import { worldWithPlans } from '../support/world';

// Issue 15 item 6: reads a sibling page (another port or subdomain of this host) could make in a
// signed-in reader's name are refused; bidi controls never survive in free text or file names.
let world: TestWorld;
let server: Server;
let base: string;
let agent: Awaited<ReturnType<typeof createStaff>>;
const cookies = { agent: '', auditor: '' };
let uploadId = 0;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const RLO = '\u202e';

async function upload(name: string) {
  const res = await fetch(`${base}/uploads`, {
    method: 'POST',
    headers: { cookie: cookies.agent, 'content-type': 'image/png', 'x-file-name': encodeURIComponent(name) },
    body: PNG,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { uploadId: number; fileName: string };
}

beforeAll(async () => {
  world = await worldWithPlans();
  ({ server, base } = await listenOn(world));
  agent = await createStaff(world, { role: 'agent' });
  cookies.agent = await sessionCookie(base, agent);
  cookies.auditor = await sessionCookie(base, await createStaff(world, { role: 'auditor' }));
  uploadId = (await upload('截图.png')).uploadId;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
});

describe('reads requested by another site or a sibling of ours', () => {
  const reads = () => [
    { name: 'a tRPC query', path: `/trpc/orders.search?input=${encodeURIComponent('{"q":"1234"}')}`, cookie: cookies.agent },
    { name: 'an audit query', path: `/trpc/audit.list?input=${encodeURIComponent('{}')}`, cookie: cookies.auditor },
    { name: 'a CSV export', path: '/export/audit.csv', cookie: cookies.auditor },
    { name: 'a download', path: `/uploads/${uploadId}`, cookie: cookies.agent },
  ];

  for (const site of ['same-site', 'cross-site']) {
    it(`refuses Sec-Fetch-Site: ${site} with 403 and a JSON error, writing no audit event`, async () => {
      for (const read of reads()) {
        const before = await countRows(world.deps.db, 'audit_events');
        const res = await fetch(base + read.path, { headers: { cookie: read.cookie, 'sec-fetch-site': site } });
        expect(res.status, read.name).toBe(403);
        const body = (await res.json()) as { error: { message: string } };
        expect(body.error.message, read.name).toMatch(/another site or another port/);
        expect(await countRows(world.deps.db, 'audit_events'), read.name).toBe(before);
      }
    });
  }

  for (const site of ['same-origin', 'none', undefined]) {
    it(`answers Sec-Fetch-Site: ${site ?? '(none sent)'}`, async () => {
      for (const read of reads()) {
        const headers: Record<string, string> = { cookie: read.cookie };
        if (site) headers['sec-fetch-site'] = site;
        const res = await fetch(base + read.path, { headers });
        expect(res.status, read.name).toBe(200);
        await res.arrayBuffer();
      }
    });
  }
});

describe('bidi control characters', () => {
  it('are removed from a statement, an evidence label and a logged contact', async () => {
    const { member, order } = await orderWithMember(world);
    const caller = callerFor(world, agent);
    const { caseNo } = await caller.cases.create({
      orderNo: order.order_no,
      channel: 'online_chat',
      reason: 'mistaken_purchase',
      requested: 'full',
      statement: `发票 invoice${RLO}gnp.exe 请查看\u2066隔离\u2069`,
      evidence: [{ kind: 'reference', label: `聊天记录${RLO}fdp.exe` }],
    });
    const got = await caller.cases.get({ caseNo });
    expect(got.case.statement).toBe('发票 invoicegnp.exe 请查看隔离');
    expect(JSON.stringify(got)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);

    await caller.comms.log({ memberUid: member.uid, direction: 'inbound', channel: 'phone', body: `${RLO}会员来电 \u202a退款\u202c` });
    const { items } = await caller.comms.list({ memberUid: member.uid });
    expect(items[0]?.body).toBe('会员来电 退款');
  });

  it('are removed from an uploaded file name, so "…gnp.exe" can never display as "…exe.png"', async () => {
    const { fileName } = await upload(`invoice${RLO}gnp.exe.png`);
    expect(fileName).toBe('invoicegnp.exe.png');
  });
});
