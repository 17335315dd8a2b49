import { assert, describe, expect, it } from 'vitest';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { insertMember, insertOrder } from '../support/factories';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
worldWithPlansEachTest('2026-11-10T07:00:00.000Z', (w) => (world = w));

async function refundOne(agent: Awaited<ReturnType<typeof createStaff>>) {
  const m = await insertMember(world.deps.db);
  const order = await insertOrder(world.deps.db, m.uid, { paid_at: '2026-11-09T02:00:00.000Z' });
  const api = callerFor(world, agent);
  const { caseNo } = await api.cases.create({
    orderNo: order.order_no,
    channel: 'app',
    reason: 'mistaken_purchase',
    requested: 'full',
    statement: '',
  });
  const q = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
  await api.cases.approve({ caseNo, quoteId: q.quoteId, idempotencyKey: `k-${caseNo}` });
  return caseNo;
}

describe('supervision', () => {
  it('samples refunds agents approved alone for QA; a supervisor scores them; results per agent', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const sup = await createStaff(world, { role: 'supervisor' });
    await callerFor(world, sup).qa.setSettings({ samplePercent: 100 });
    const caseNo = await refundOne(agent);
    const [review] = await callerFor(world, sup).qa.queue({});
    assert.isDefined(review, 'the refund is in the QA queue');
    expect(review).toMatchObject({ caseNo, agent: agent.username, amountFen: 2500, verdict: null });
    await expect(callerFor(world, sup).qa.review({ reviewId: review.reviewId, verdict: 'incorrect', comment: '' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await callerFor(world, sup).qa.review({ reviewId: review.reviewId, verdict: 'correct', comment: '' });
    await expect(callerFor(world, sup).qa.review({ reviewId: review.reviewId, verdict: 'correct', comment: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await callerFor(world, sup).qa.results()).toEqual([
      { agent: agent.username, sampled: 1, reviewed: 1, correct: 1, incorrect: 0 },
    ]);
  });

  it('samples nothing at 0 percent', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const sup = await createStaff(world, { role: 'supervisor' });
    await callerFor(world, sup).qa.setSettings({ samplePercent: 0 });
    await refundOne(agent);
    expect(await callerFor(world, sup).qa.queue({})).toEqual([]);
  });

  it('shows the dashboard figures for a range of local dates', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const auditor = await createStaff(world, { role: 'auditor' });
    await refundOne(agent);
    await refundOne(agent);
    const d = await callerFor(world, auditor).dashboard.summary({ from: '2026-11-01', to: '2026-11-30' });
    expect(d.totals).toMatchObject({ refunds: 2, amountFen: 5000, approvals: 2, rejections: 0, approvalRate: 1, casesOpened: 2 });
    expect(d.daily).toEqual([{ date: '2026-11-10', count: 2, amountFen: 5000 }]);
    expect(d.byReason).toEqual([{ key: 'mistaken_purchase', count: 2, amountFen: 5000 }]);
    expect(d.byAgent).toEqual([{ key: agent.username, count: 2, amountFen: 5000 }]);
  });

  it('reads the audit log and a case’s full history, and the reading is itself audited', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const auditor = await createStaff(world, { role: 'auditor' });
    const caseNo = await refundOne(agent);
    const history = await callerFor(world, auditor).audit.history({ entityType: 'case', entityId: caseNo });
    const actions = history.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['case.create', 'quote.create', 'case.approve', 'refund.create', 'refund.succeed', 'case.payment_succeeded']),
    );
    const approve = history.find((e) => e.action === 'case.approve')!;
    expect(approve.before).toMatchObject({ status: 'in_review' });
    expect(approve.after).toMatchObject({ status: 'approved' });
    const page = await callerFor(world, auditor).audit.list({ actor: agent.username, limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).not.toBeNull();
    const reads = await world.deps.db.selectFrom('audit_events').select('actor_username').where('action', '=', 'audit.read').execute();
    expect(reads).toEqual([{ actor_username: auditor.username }, { actor_username: auditor.username }]);
    expect(await callerFor(world, auditor).audit.verify()).toMatchObject({ ok: true });
  });
});
