// A week at the desk, played through the API on a fresh database: refunds by two agents and a
// supervisor on several local days (one just after Beijing midnight, still the day before in
// UTC), a proposal above the limit, an exception on usage evidence, a goodwill refund, a bank
// card that settles two days after its approval, a declined payment approved again, a case
// rejected twice after an appeal, an App Store redirect, a case left open past its SLA and one
// closed after it. The dashboard and case list tests read the same history.
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { reconcileRefunds } from '../../server/refunds/reconcile-refunds';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { orderWithMember } from './cases-support';
import { worldWithPlans } from '../support/world';

type Staff = Awaited<ReturnType<typeof createStaff>>;
type Reason = 'mistaken_purchase' | 'unused' | 'dissatisfied' | 'duplicate_charge' | 'unwanted_renewal' | 'other';
type Channel = 'app' | 'web' | 'online_chat' | 'phone' | 'email';
type PayChannel = 'alipay' | 'wechat_pay' | 'bank_card' | 'apple_iap' | 'bcoin';

const HOUR = 3_600_000;
let keySeq = 0;

export interface Scenario {
  world: TestWorld;
  agent1: Staff;
  agent2: Staff;
  supervisor: Staff;
  auditor: Staff;
  /** case numbers by their role in the story */
  cases: Record<string, string>;
}

export async function playDeskWeek(): Promise<Scenario> {
  // Friday 2026-11-20, 12:00 in Beijing
  const world = await worldWithPlans('2026-11-20T04:00:00.000Z');
  const agent1 = await createStaff(world, { role: 'agent' });
  const agent2 = await createStaff(world, { role: 'agent' });
  const supervisor = await createStaff(world, { role: 'supervisor' });
  // goodwill is made by one supervisor and checked by another (four eyes)
  const supervisor2 = await createStaff(world, { role: 'supervisor' });
  const auditor = await createStaff(world, { role: 'auditor' });
  const cases: Record<string, string> = {};
  const at = (iso: string) => {
    world.clock.now = new Date(iso);
  };

  async function open(name: string, who: Staff, o: { plan?: string; pay?: PayChannel; reason: Reason; channel: Channel }) {
    const paidAt = new Date(world.clock.now.getTime() - 24 * HOUR).toISOString();
    const { order } = await orderWithMember(world, {
      plan_code: o.plan ?? 'std_month',
      payment_channel: o.pay ?? 'alipay',
      paid_at: paidAt,
    });
    const { caseNo } = await callerFor(world, who).cases.create({
      orderNo: order.order_no,
      channel: o.channel,
      reason: o.reason,
      requested: 'full',
      statement: '想退款',
    });
    cases[name] = caseNo;
    return caseNo;
  }
  const quote = (who: Staff, caseNo: string, basis: 'calendar' | 'evidence' = 'calendar') =>
    callerFor(world, who).cases.quote({ caseNo, basis: { kind: basis } });
  const approve = (who: Staff, caseNo: string, quoteId: number) =>
    callerFor(world, who).cases.approve({ caseNo, quoteId, idempotencyKey: `scenario-${++keySeq}-key` });
  async function refund(who: Staff, caseNo: string) {
    const q = await quote(who, caseNo);
    return approve(who, caseNo, q.quoteId);
  }
  const reject = (who: Staff, caseNo: string) =>
    callerFor(world, who).cases.reject({ caseNo, reasonCode: 'non_refundable_plan', message: '该商品不支持退款' });

  // Friday noon
  await refund(agent1, await open('agentRefund', agent1, { reason: 'mistaken_purchase', channel: 'online_chat' }));
  const rejectedTwice = await open('rejectedTwice', agent2, { plan: 'promo_month', reason: 'unused', channel: 'phone' });
  await reject(agent2, rejectedTwice);
  const big = await open('proposed', agent1, { plan: 'std_year', reason: 'dissatisfied', channel: 'app' });
  const bigQuote = await quote(agent1, big);
  await callerFor(world, agent1).cases.propose({ caseNo: big, quoteId: bigQuote.quoteId, note: '超出额度，请主管审批' });
  const breach = await open('closedLate', agent2, { reason: 'other', channel: 'web' });

  // Saturday 00:30 in Beijing — still Friday in UTC
  at('2026-11-20T16:30:00.000Z');
  await refund(agent2, await open('afterMidnight', agent2, { pay: 'wechat_pay', reason: 'duplicate_charge', channel: 'email' }));

  // Saturday 10:00
  at('2026-11-21T02:00:00.000Z');
  await approve(supervisor, big, bigQuote.quoteId);
  await refund(agent1, await open('bankCard', agent1, { pay: 'bank_card', reason: 'mistaken_purchase', channel: 'app' }));
  const evidence = await open('exception', agent1, { reason: 'other', channel: 'online_chat' });
  const evidenceQuote = await quote(agent1, evidence, 'evidence');
  await callerFor(world, agent1).cases.propose({ caseNo: evidence, quoteId: evidenceQuote.quoteId, note: '按使用记录核算' });
  await approve(supervisor, evidence, evidenceQuote.quoteId);
  const goodwill = await open('goodwill', agent2, { plan: 'promo_month', reason: 'dissatisfied', channel: 'web' });
  const gift = await callerFor(world, supervisor2).cases.goodwill({ caseNo: goodwill, amountFen: 500, reason: '会员多次投诉，特批补偿' });
  await approve(supervisor, goodwill, gift.quoteId);

  // Sunday 15:00: an appeal, rejected again; an App Store purchase; a payment declined, then paid
  at('2026-11-22T07:00:00.000Z');
  await callerFor(world, agent2).cases.reopen({ caseNo: rejectedTwice, note: '会员申诉' });
  await reject(agent2, rejectedTwice);
  await callerFor(world, agent1).cases.redirectToStore({
    caseNo: await open('apple', agent1, { pay: 'apple_iap', reason: 'mistaken_purchase', channel: 'app' }),
    note: 'Apple 退款请走 App Store',
  });
  const declined = await open('declinedOnce', agent2, { pay: 'alipay', reason: 'unwanted_renewal', channel: 'phone' });
  const gateway = world.deps.gateway;
  world.deps.gateway = createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0, script: ['decline'] });
  await refund(agent2, declined);
  world.deps.gateway = gateway;
  await refund(agent2, declined);
  await open('leftOpen', agent1, { reason: 'unused', channel: 'online_chat' });

  // Monday 10:00: the bank confirms the card refund
  at('2026-11-23T02:00:00.000Z');
  await reconcileRefunds(world.deps.db, world.deps.gateway, world.deps.now);

  // Friday 27th, 18:00: the Friday case is rejected after its SLA; the Sunday one is overdue
  at('2026-11-27T10:00:00.000Z');
  await reject(agent2, breach);

  return { world, agent1, agent2, supervisor, auditor, cases };
}
