import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../server/comms/deliver-outbox';
import { refuseAuditWrites } from '../support/audit-outage';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import {
  approveQuote,
  auditActions,
  caseInput,
  caseRow,
  codeOf,
  countRows,
  lastAuditId,
  ON_THE_PHONE,
  openCase,
  orderRow,
  orderWithMember,
  quotedCase,
  refundsOf,
  subscriptionStatus,
  unusedMonth,
  usedYear,
} from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
// Friday 2026-11-20, 12:00 in Shanghai
worldWithPlansEachTest('2026-11-20T04:00:00.000Z', (w) => (world = w));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function snapshot(caseNo: string, orderNo: string) {
  const db = world.deps.db;
  return {
    kase: await caseRow(db, caseNo),
    order: await orderRow(db, orderNo),
    refunds: await refundsOf(db, orderNo),
    audit: await countRows(db, 'audit_events'),
    decisions: await countRows(db, 'case_decisions'),
    outbox: await countRows(db, 'outbox'),
  };
}

describe('who may approve', () => {
  it('never lets the supervisor who proposed a refund approve it; another supervisor can', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const proposer = await createStaff(world, { role: 'supervisor' });
    const second = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    expect(quote).toMatchObject({ outcome: 'prorated', needsSupervisor: true });
    await callerFor(world, proposer).cases.propose({ caseNo, quoteId: quote.quoteId, note: '年卡按天折算，请复核' });
    const before = await snapshot(caseNo, order.order_no);

    await expect(approveQuote(world, proposer, caseNo, quote, 'own-proposal-1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(approveQuote(world, agent, caseNo, quote, 'agent-proposal-1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await snapshot(caseNo, order.order_no)).toEqual(before);

    const done = await approveQuote(world, second, caseNo, quote, 'second-eyes-1');
    expect(done).toMatchObject({ status: 'refunded', refund: { amountFen: quote.amountFen, status: 'succeeded' } });
    const approvedBy = await db.selectFrom('refunds').select('approved_by').executeTakeFirstOrThrow();
    expect(approvedBy.approved_by).toBe(second.id);
  });

  it('lets an agent approve exactly their limit of ¥100.00 alone', async () => {
    const agent = await createStaff(world, { role: 'agent', approvalLimitFen: 10000 });
    const { order } = await orderWithMember(world, { ...unusedMonth, paid_fen: 10000 });
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    expect(quote).toMatchObject({ amountFen: 10000, needsSupervisor: false });

    await expect(approveQuote(world, agent, caseNo, quote, 'at-the-limit')).resolves.toMatchObject({
      status: 'refunded',
      refund: { amountFen: 10000 },
    });
  });

  it('refuses an agent one fen above their limit and leaves the case for a supervisor', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent', approvalLimitFen: 10000 });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const { order, member } = await orderWithMember(world, { ...unusedMonth, paid_fen: 10001 }, { autoRenew: true });
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    expect(quote).toMatchObject({ amountFen: 10001, needsSupervisor: true });
    const before = await snapshot(caseNo, order.order_no);

    await expect(approveQuote(world, agent, caseNo, quote, 'above-limit-1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    expect(await snapshot(caseNo, order.order_no)).toEqual(before);
    expect(await subscriptionStatus(db, member.uid)).toBe('active');
    await callerFor(world, agent).cases.propose({ caseNo, quoteId: quote.quoteId, note: '超出权限，提交主管' });
    await expect(approveQuote(world, supervisor, caseNo, quote, 'sup-approves-1')).resolves.toMatchObject({
      status: 'refunded',
      refund: { amountFen: 10001 },
    });
  });

  it('holds an agent to their own limit, even below the policy’s', async () => {
    const agent = await createStaff(world, { role: 'agent', approvalLimitFen: 2000 });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    expect(quote).toMatchObject({ amountFen: 2500, needsSupervisor: false });

    await expect(approveQuote(world, agent, caseNo, quote, 'own-limit-01')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refundsOf(world.deps.db, order.order_no)).toEqual([]);
  });

  it.each([
    ['evidence', { kind: 'evidence' as const }],
    ['manual', { kind: 'manual' as const, usedDays: 3, reason: '会员称只用了三天' }],
  ])('treats a quote on the %s basis as an exception only a supervisor approves', async (_, basis) => {
    const agent = await createStaff(world, { role: 'agent' });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(
      world,
      { plan_code: 'std_month', paid_at: '2026-11-10T02:00:00.000Z', activated_at: '2026-11-10T03:00:00.000Z' },
      { usage: ['2026-11-10T04:00:00.000Z', '2026-11-12T04:00:00.000Z'] },
    );
    const caseNo = await openCase(world, agent, order.order_no);
    const quote = await callerFor(world, agent).cases.quote({ caseNo, basis });
    expect(quote.amountFen).toBeLessThan(10000);
    expect(quote).toMatchObject({ outcome: 'prorated', exception: true, needsSupervisor: true });
    const before = await snapshot(caseNo, order.order_no);

    await expect(
      callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: `exception-${basis.kind}` }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await snapshot(caseNo, order.order_no)).toEqual(before);

    await callerFor(world, agent).cases.propose({ caseNo, quoteId: quote.quoteId, note: '争议，按证据核算' });
    await expect(
      callerFor(world, supervisor).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: `exception-sup-${basis.kind}` }),
    ).resolves.toMatchObject({ status: 'refunded', refund: { amountFen: quote.amountFen } });
  });
});

describe('goodwill refunds', () => {
  it('are for supervisors only, with a written reason, and capped at what is left to refund', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const approver = await createStaff(world, { role: 'supervisor' });
    // ¥25.00 paid, ¥10.00 already refunded, long outside the window: the rules pay nothing more
    const { order } = await orderWithMember(world, {
      plan_code: 'std_month',
      paid_at: '2026-10-01T02:00:00.000Z',
      refunded_fen: 1000,
      status: 'partially_refunded',
    });
    const caseNo = await openCase(world, agent, order.order_no);
    const quotesBefore = await countRows(db, 'quotes');

    expect(await codeOf(callerFor(world, agent).cases.goodwill({ caseNo, amountFen: 500, reason: '会员多次投诉，特批补偿' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(callerFor(world, supervisor).cases.goodwill({ caseNo, amountFen: 500, reason: '特批' }))).toBe('BAD_REQUEST');
    const over = await callerFor(world, supervisor)
      .cases.goodwill({ caseNo, amountFen: 1501, reason: '会员多次投诉，特批补偿' })
      .catch((e: { code: string; message: string }) => e);
    expect(over).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((over as { message: string }).message).toContain('¥15.00');
    expect(await countRows(db, 'quotes')).toBe(quotesBefore);

    const goodwill = await callerFor(world, supervisor).cases.goodwill({ caseNo, amountFen: 1500, reason: '会员多次投诉，特批补偿' });
    expect(goodwill).toMatchObject({ amountFen: 1500, outcome: 'full', exception: true, needsSupervisor: true, goodwill: true });
    expect(goodwill.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(1500);
    expect(
      await codeOf(callerFor(world, agent).cases.approve({ caseNo, quoteId: goodwill.quoteId, idempotencyKey: 'goodwill-agent' })),
    ).toBe('FORBIDDEN');

    await callerFor(world, approver).cases.approve({ caseNo, quoteId: goodwill.quoteId, idempotencyKey: 'goodwill-sup-1' });
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 2500, status: 'refunded' });
  });

  it('makes an approval on the version seen before a goodwill quote stale, like any new quote', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const colleague = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    await callerFor(world, agent).cases.propose({ caseNo, quoteId: quote.quoteId, note: '请审批' });
    const seen = (await caseRow(db, caseNo)).version;

    await callerFor(world, colleague).cases.goodwill({ caseNo, amountFen: 20000, reason: '会员为老用户，主管特批' });

    expect((await caseRow(db, caseNo)).version).toBeGreaterThan(seen);
    expect(
      await codeOf(
        callerFor(world, supervisor).cases.approve({
          caseNo,
          quoteId: quote.quoteId,
          idempotencyKey: 'stale-after-gw',
          expectedVersion: seen,
        }),
      ),
    ).toBe('CONFLICT');
    expect(await refundsOf(db, order.order_no)).toEqual([]);
    expect((await caseRow(db, caseNo)).status).toBe('pending_approval');
  });
});

describe('rejecting and telling the member', () => {
  it('rejects with a reason code and queues one in-app message and one SMS, each sent once', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { order, member } = await orderWithMember(world, { plan_code: 'std_month', paid_at: '2026-10-01T02:00:00.000Z' });
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const message = '您的订单已超过7天无理由退款期限，无法退款。';

    await expect(callerFor(world, agent).cases.reject({ caseNo, reasonCode: 'outside_window', message })).resolves.toEqual({
      status: 'rejected',
    });

    expect(await caseRow(db, caseNo)).toMatchObject({ status: 'rejected', reject_reason_code: 'outside_window' });
    expect((await orderRow(db, order.order_no)).open_case_no).toBeNull();
    const outbox = await db.selectFrom('outbox').select(['channel', 'body', 'member_uid', 'status']).orderBy('channel').execute();
    expect(outbox).toEqual([
      { channel: 'in_app_message', body: message, member_uid: member.uid, status: 'pending' },
      { channel: 'sms', body: message, member_uid: member.uid, status: 'pending' },
    ]);
    const page = await callerFor(world, agent).cases.get({ caseNo });
    expect(
      page.communications
        .filter((c) => c.direction === 'outbound')
        .map((c) => c.channel)
        .sort(),
    ).toEqual(['in_app_message', 'sms']);

    expect(await deliverOutbox(db, world.sender, world.deps.now)).toBe(2);
    expect(await deliverOutbox(db, world.sender, world.deps.now)).toBe(0);
    world.clock.advance(DAY);
    expect(await deliverOutbox(db, world.sender, world.deps.now)).toBe(0);

    expect(world.sender.sent.map((s) => s.channel).sort()).toEqual(['in_app_message', 'sms']);
    expect(world.sender.sent.every((s) => s.body === message && s.memberUid === member.uid)).toBe(true);
    const statuses = await db
      .selectFrom('communications')
      .select('delivery_status')
      .where('case_no', '=', caseNo)
      .where('direction', '=', 'outbound')
      .execute();
    expect(statuses.map((s) => s.delivery_status)).toEqual(['sent', 'sent']);
  });

  it('retries a failing sender with backoff and still sends each message once', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    await callerFor(world, agent).cases.reject({ caseNo, reasonCode: 'insufficient_evidence', message: '请补充付款截图后再申请。' });
    world.sender.failNext(2);

    expect(await deliverOutbox(db, world.sender, world.deps.now)).toBe(0);
    const waiting = await db.selectFrom('outbox').select(['status', 'attempts', 'next_attempt_at', 'last_error']).execute();
    expect(waiting).toHaveLength(2);
    for (const row of waiting) {
      expect(row).toMatchObject({
        status: 'pending',
        attempts: 1,
        next_attempt_at: new Date(world.clock.now.getTime() + 30_000).toISOString(),
      });
      expect(row.last_error).toMatch(/unavailable/);
    }
    const retrying = await db
      .selectFrom('communications')
      .select('delivery_status')
      .where('case_no', '=', caseNo)
      .where('direction', '=', 'outbound')
      .execute();
    expect(retrying.map((r) => r.delivery_status)).toEqual(['retrying', 'retrying']);

    // not before the backoff has passed
    world.clock.advance(29_000);
    expect(await deliverOutbox(db, world.sender, world.deps.now)).toBe(0);
    expect(world.sender.sent).toHaveLength(0);
    world.clock.advance(1_000);
    expect(await deliverOutbox(db, world.sender, world.deps.now)).toBe(2);
    world.clock.advance(10 * 60_000);
    expect(await deliverOutbox(db, world.sender, world.deps.now)).toBe(0);

    expect(world.sender.sent.map((s) => s.channel).sort()).toEqual(['in_app_message', 'sms']);
    const done = await db.selectFrom('outbox').select(['status', 'attempts']).execute();
    expect(done).toEqual([
      { status: 'sent', attempts: 2 },
      { status: 'sent', attempts: 2 },
    ]);
  });

  it('refuses an unknown reason code or an empty message and changes nothing', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const before = await snapshot(caseNo, order.order_no);

    // @ts-expect-error an unknown reason code
    expect(await codeOf(callerFor(world, agent).cases.reject({ caseNo, reasonCode: 'because', message: '不退' }))).toBe('BAD_REQUEST');
    expect(await codeOf(callerFor(world, agent).cases.reject({ caseNo, reasonCode: 'outside_window', message: '   ' }))).toBe(
      'BAD_REQUEST',
    );

    expect(await snapshot(caseNo, order.order_no)).toEqual(before);
  });
});

describe('appeals and sending back', () => {
  it('reopens a rejected case on appeal and restarts the SLA clock from the appeal', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    expect((await caseRow(db, caseNo)).sla_due_at).toBe('2026-11-25T15:59:59.999Z');
    await callerFor(world, agent).cases.reject({ caseNo, reasonCode: 'insufficient_evidence', message: '证据不足' });
    // the member appeals on Monday 2026-11-23, 10:00 local
    world.clock.now = new Date('2026-11-23T02:00:00.000Z');

    await expect(callerFor(world, agent).cases.reopen({ caseNo, note: '会员补充了付款截图' })).resolves.toEqual({ status: 'reopened' });

    expect(await caseRow(db, caseNo)).toMatchObject({
      status: 'reopened',
      sla_due_at: '2026-11-26T15:59:59.999Z',
      reject_reason_code: null,
      closed_at: null,
    });
    expect((await orderRow(db, order.order_no)).open_case_no).toBe(caseNo);
    // and it can be worked to the end again
    const quote = await callerFor(world, agent).cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(quote.outcome).toBe('full');
    await expect(approveQuote(world, agent, caseNo, quote, 'after-appeal-1')).resolves.toMatchObject({
      status: 'refunded',
    });
  });

  it('refuses to reopen a case that was never rejected or closed', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const before = await snapshot(caseNo, order.order_no);

    expect(await codeOf(callerFor(world, agent).cases.reopen({ caseNo, note: '再看看' }))).toBe('CONFLICT');

    expect(await snapshot(caseNo, order.order_no)).toEqual(before);
  });

  it('lets a supervisor send a proposal back to review with a note; agents cannot', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    await callerFor(world, agent).cases.propose({ caseNo, quoteId: quote.quoteId, note: '请主管审批' });
    expect((await caseRow(db, caseNo)).status).toBe('pending_approval');

    expect(await codeOf(callerFor(world, agent).cases.sendBack({ caseNo, note: '我自己撤回' }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(world, agent).cases.reject({ caseNo, reasonCode: 'already_used', message: '已使用' }))).toBe('FORBIDDEN');
    expect((await caseRow(db, caseNo)).status).toBe('pending_approval');

    await expect(callerFor(world, supervisor).cases.sendBack({ caseNo, note: '请按证据重新核算' })).resolves.toEqual({
      status: 'in_review',
    });

    expect((await caseRow(db, caseNo)).status).toBe('in_review');
    const page = await callerFor(world, agent).cases.get({ caseNo });
    expect(page.decisions.map((d) => [d.action, d.actor, d.note])).toEqual([
      ['propose', agent.username, '请主管审批'],
      ['send_back', supervisor.username, '请按证据重新核算'],
    ]);
    // a case that is no longer waiting cannot be sent back again
    expect(await codeOf(callerFor(world, supervisor).cases.sendBack({ caseNo, note: '再退一次' }))).toBe('CONFLICT');
  });
});

describe('the case queue', () => {
  it('opens a case on Friday due at the end of the third working day, Wednesday, in Shanghai', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);

    const created = await callerFor(world, agent).cases.create(caseInput(order.order_no, ON_THE_PHONE));

    expect(created.slaDueAt).toBe('2026-11-25T15:59:59.999Z');
    const page = await callerFor(world, agent).cases.get({ caseNo: created.caseNo });
    expect(page.case).toMatchObject({ status: 'new', slaDueAt: '2026-11-25T15:59:59.999Z', assignee: agent.username });
  });

  it('counts the SLA on the holiday calendar an admin keeps', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    await world.deps.db.insertInto('calendar_days').values({ date: '2026-11-24', kind: 'holiday', name: '测试假日' }).execute();
    const { order } = await orderWithMember(world, unusedMonth);

    const created = await callerFor(world, agent).cases.create(caseInput(order.order_no, ON_THE_PHONE));

    expect(created.slaDueAt).toBe('2026-11-26T15:59:59.999Z');
  });

  it('filters by assignee, status and overdue, and pages by keyset without gaps or repeats', async () => {
    const alice = await createStaff(world, { role: 'agent' });
    const bob = await createStaff(world, { role: 'agent' });
    const opened: { caseNo: string; who: string }[] = [];
    // seven cases opened a business day apart: their SLAs fall on different days
    for (let i = 0; i < 7; i++) {
      const who = i % 3 === 0 ? bob : alice;
      const { order } = await orderWithMember(world, { ...unusedMonth, paid_at: new Date(world.clock.now.getTime() - HOUR).toISOString() });
      opened.push({ caseNo: await openCase(world, who, order.order_no), who: who.username });
      world.clock.advance(DAY);
    }
    // one of Alice's oldest is rejected: closed cases are never overdue
    const rejectedNo = opened[1]!.caseNo;
    await callerFor(world, alice).cases.reject({ caseNo: rejectedNo, reasonCode: 'insufficient_evidence', message: '证据不足' });
    const api = callerFor(world, alice);

    const all = await api.cases.list({ limit: 200 });
    expect(all.items.map((c) => c.caseNo).sort()).toEqual(opened.map((o) => o.caseNo).sort());
    const keys = all.items.map((c) => `${c.slaDueAt}|${c.caseNo}`);
    expect(keys).toEqual([...keys].sort());

    const mine = await api.cases.list({ assignee: 'me' });
    expect(mine.items.map((c) => c.caseNo).sort()).toEqual(
      opened
        .filter((o) => o.who === alice.username)
        .map((o) => o.caseNo)
        .sort(),
    );
    expect(mine.items.every((c) => c.assignee === alice.username)).toBe(true);

    const rejected = await api.cases.list({ status: 'rejected' });
    expect(rejected.items.map((c) => c.caseNo)).toEqual([rejectedNo]);

    const nowIso = world.clock.now.toISOString();
    const overdue = await api.cases.list({ overdue: true });
    const expectedOverdue = all.items.filter((c) => c.slaDueAt < nowIso && c.status !== 'rejected').map((c) => c.caseNo);
    expect(expectedOverdue.length).toBeGreaterThan(0);
    expect(overdue.items.map((c) => c.caseNo)).toEqual(expectedOverdue);
    expect(overdue.items.every((c) => c.overdue)).toBe(true);
    expect(overdue.items.map((c) => c.caseNo)).not.toContain(rejectedNo);

    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof api.cases.list>> = await api.cases.list({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((c) => c.caseNo));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(paged).toEqual(all.items.map((c) => c.caseNo));
  });

  it('keeps one open case per order: a second is a CONFLICT and is not created', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const first = await openCase(world, agent, order.order_no);
    const cases = await countRows(db, 'refund_cases');

    expect(await codeOf(openCase(world, agent, order.order_no))).toBe('CONFLICT');

    expect(await countRows(db, 'refund_cases')).toBe(cases);
    expect((await orderRow(db, order.order_no)).open_case_no).toBe(first);
  });

  it('keeps one open case per order when an old rejected case is closed or reopened', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo: old } = await quotedCase(world, agent, order.order_no);
    await callerFor(world, agent).cases.reject({ caseNo: old, reasonCode: 'insufficient_evidence', message: '证据不足' });
    const current = await openCase(world, agent, order.order_no);

    // the appeal of the old case cannot run beside the new one
    expect(await codeOf(callerFor(world, agent).cases.reopen({ caseNo: old, note: '申诉' }))).toBe('CONFLICT');
    // closing the old case leaves the new one the order's open case
    await expect(callerFor(world, agent).cases.close({ caseNo: old, note: '归档' })).resolves.toEqual({ status: 'closed' });
    expect((await orderRow(db, order.order_no)).open_case_no).toBe(current);

    expect(await codeOf(openCase(world, agent, order.order_no))).toBe('CONFLICT');
    const open = await db
      .selectFrom('refund_cases')
      .select('case_no')
      .where('order_no', '=', order.order_no)
      .where('status', 'in', ['new', 'in_review', 'pending_approval', 'approved', 'reopened'])
      .execute();
    expect(open.map((c) => c.case_no)).toEqual([current]);
  });
});

describe('auditors', () => {
  it('read cases but every case mutation is FORBIDDEN and changes nothing', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const auditor = await createStaff(world, { role: 'auditor' });
    const { order } = await orderWithMember(world, usedYear);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
    const other = await orderWithMember(world, unusedMonth);
    const api = callerFor(world, auditor);

    await expect(api.cases.get({ caseNo })).resolves.toMatchObject({ case: { caseNo, status: 'in_review' } });
    await expect(api.cases.list({})).resolves.toMatchObject({ items: [{ caseNo }] });
    const before = await snapshot(caseNo, order.order_no);
    const casesBefore = await countRows(world.deps.db, 'refund_cases');
    const quotesBefore = await countRows(world.deps.db, 'quotes');

    const attempts = {
      create: api.cases.create({ orderNo: other.order.order_no, channel: 'phone', reason: 'unused', requested: 'full', statement: '' }),
      quote: api.cases.quote({ caseNo, basis: { kind: 'calendar' } }),
      goodwill: api.cases.goodwill({ caseNo, amountFen: 100, reason: '审计员不能做的事情' }),
      approve: api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'auditor-tries' }),
      propose: api.cases.propose({ caseNo, quoteId: quote.quoteId, note: '' }),
      sendBack: api.cases.sendBack({ caseNo, note: '退回' }),
      reject: api.cases.reject({ caseNo, reasonCode: 'already_used', message: '不退' }),
      reopen: api.cases.reopen({ caseNo, note: '重开' }),
      redirectToStore: api.cases.redirectToStore({ caseNo, note: '' }),
      close: api.cases.close({ caseNo, note: '' }),
      assign: api.cases.assign({ caseNo, username: agent.username }),
    };
    const codes: Record<string, string> = {};
    for (const [name, p] of Object.entries(attempts)) codes[name] = await codeOf(p);

    expect(codes).toEqual(Object.fromEntries(Object.keys(attempts).map((k) => [k, 'FORBIDDEN'])));
    expect(await snapshot(caseNo, order.order_no)).toEqual(before);
    expect(await countRows(world.deps.db, 'refund_cases')).toBe(casesBefore);
    expect(await countRows(world.deps.db, 'quotes')).toBe(quotesBefore);
  });
});

describe('the audit trail of decisions', () => {
  it('writes one audit event per decision, and none for a refused one', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world, usedYear, { autoRenew: true });
    const api = callerFor(world, agent);
    const sup = callerFor(world, supervisor);

    const step = async (expected: string[], run: () => Promise<unknown>) => {
      const from = await lastAuditId(db);
      await run();
      expect(await auditActions(db, from)).toEqual(expected);
    };
    const refused = async (code: string, run: () => Promise<unknown>) => {
      const from = await lastAuditId(db);
      expect(await codeOf(run())).toBe(code);
      expect(await auditActions(db, from)).toEqual([]);
    };

    let caseNo = '';
    await step(['case.create'], async () => {
      caseNo = await openCase(world, agent, order.order_no);
    });
    let quoteId = 0;
    await step(['quote.create', 'case.quote'], async () => {
      quoteId = (await api.cases.quote({ caseNo, basis: { kind: 'calendar' } })).quoteId;
    });
    await refused('FORBIDDEN', () => api.cases.approve({ caseNo, quoteId, idempotencyKey: 'agent-over-limit' }));
    await step(['case.propose'], () => api.cases.propose({ caseNo, quoteId, note: '请审批' }));
    await refused('CONFLICT', () => api.cases.propose({ caseNo, quoteId, note: '再提一次' }));
    await step(['case.send_back'], () => sup.cases.sendBack({ caseNo, note: '请补充说明' }));
    await step(['case.assign'], () => sup.cases.assign({ caseNo, username: supervisor.username }));
    await step(['case.reject'], () => api.cases.reject({ caseNo, reasonCode: 'already_used', message: '会员已使用较长时间' }));
    await refused('CONFLICT', () => api.cases.reject({ caseNo, reasonCode: 'already_used', message: '再驳回一次' }));
    await step(['case.reopen'], () => api.cases.reopen({ caseNo, note: '会员申诉' }));
    await step(['case.approve', 'subscription.cancel', 'refund.create', 'refund.succeed', 'case.payment_succeeded'], () =>
      sup.cases.approve({ caseNo, quoteId, idempotencyKey: 'sup-approves-audit' }),
    );
    await refused('CONFLICT', () => sup.cases.approve({ caseNo, quoteId, idempotencyKey: 'sup-approves-again' }));
    await step(['case.close'], () => api.cases.close({ caseNo, note: '已退款，结案' }));
    await refused('CONFLICT', () => api.cases.close({ caseNo, note: '再结一次' }));
  });

  it('writes a decision and its audit event in one transaction: when the audit write fails, the decision is not made', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo } = await quotedCase(world, agent, order.order_no);
    const before = await snapshot(caseNo, order.order_no);
    const restore = await refuseAuditWrites(world.deps.db, 'case.reject');

    expect(await codeOf(callerFor(world, agent).cases.reject({ caseNo, reasonCode: 'outside_window', message: '超过退款期限' }))).toBe(
      'INTERNAL_SERVER_ERROR',
    );

    expect(await snapshot(caseNo, order.order_no)).toEqual(before);
    await restore();
  });
});
