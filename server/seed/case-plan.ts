// Which orders get a refund case, and how far each case got. Every status appears (the first
// eight cases take one each); a case only ends in a status its facts allow — a refund needs a
// quote above zero, a rejection a quote of none, an Apple purchase is redirected to the store.
import { DEFAULT_POLICY, computeRefund } from '../../shared/refund';
import { addBusinessDays } from '../../shared/time/business-days';
import { HOLIDAYS_2026 } from '../../shared/time/holidays-2026';
import { buildFlow } from './case-flow';
import { statement, type CaseReason } from './case-text';
import { CASE_STATUSES, OPEN_STATUSES, type CaseStatus, type SeedCase, type SeedQuote } from './case-types';
import type { SeedOrder } from './orders';
import { chance, pick, shuffle, weighted, type Rng } from './prng';
import { STAFF } from './reference-data';
import { DAY_MS, HOUR_MS, MINUTE_MS, iso, later } from './seed-time';
import { usageFacts } from './usage';

const pickStatus = weighted<CaseStatus>([
  ['refunded', 30], ['rejected', 17], ['in_review', 12], ['new', 10], ['closed', 9], ['pending_approval', 8], ['approved', 7], ['reopened', 7],
]);
const pickChannel = weighted([['app', 35], ['online_chat', 30], ['phone', 15], ['web', 12], ['email', 8]] as const);
// How long ago an open case was opened: [min, max] days.
const OPEN_AGE: Partial<Record<CaseStatus, [number, number]>> = {
  new: [0, 3], in_review: [0.2, 6], pending_approval: [0.5, 5], approved: [0.5, 4], reopened: [3, 20],
};

interface Ctx {
  r: Rng;
  seed: number;
  nowMs: number;
  orders: SeedOrder[];
}

function quote(ctx: Ctx, index: number, asOfMs: number, basis: 'calendar' | 'evidence', by: SeedCase['createdBy']): SeedQuote {
  const o = ctx.orders[index];
  const usage = usageFacts(ctx.seed, index, o, ctx.nowMs, asOfMs).map((u) => ({
    at: iso(u.at),
    kind: u.kind,
    ...(u.valueFen === null ? {} : { valueFen: u.valueFen }),
  }));
  const input = {
    order: { paidFen: o.plan.priceFen, refundedFen: o.refundedFen, status: o.status, paidAt: iso(o.paidMs!), tier: o.plan.tier, durationDays: o.plan.durationDays, anomaly: o.anomaly },
    activatedAt: o.activatedMs === null ? null : iso(o.activatedMs),
    usage,
    basis: { kind: basis },
    policy: DEFAULT_POLICY,
    asOf: iso(asOfMs),
  };
  return { id: 0, basis, input, result: computeRefund(input), createdBy: by, createdMs: asOfMs };
}

function reasonFor(r: Rng, o: SeedOrder): CaseReason {
  if (o.anomaly === 'duplicate_charge') return 'duplicate_charge';
  if (o.isRenewal) return 'unwanted_renewal';
  if (o.activatedMs === null) return chance(r, 0.5) ? 'unused' : 'mistaken_purchase';
  return pick(r, ['dissatisfied', 'dissatisfied', 'mistaken_purchase', 'other'] as const);
}

function openedAt(ctx: Ctx, o: SeedOrder, status: CaseStatus): number {
  const { r, nowMs } = ctx;
  const paid = o.paidMs!;
  const age = OPEN_AGE[status];
  if (age) {
    const wanted = nowMs - Math.floor((age[0] + r() * (age[1] - age[0])) * DAY_MS);
    return wanted > paid + 5 * MINUTE_MS ? wanted : later(r, paid, 5 * MINUTE_MS, 2 * HOUR_MS, nowMs);
  }
  const x = r();
  const [lo, hi] = o.anomaly === 'duplicate_charge' ? [5 * MINUTE_MS, 2 * DAY_MS] : x < 0.3 ? [10 * MINUTE_MS, DAY_MS] : x < 0.7 ? [DAY_MS, 7 * DAY_MS] : [7 * DAY_MS, 25 * DAY_MS];
  return later(r, paid, lo, hi, nowMs - HOUR_MS);
}

/** Cheap facts that rule a status out before a quote is computed (quotes are the costly part). */
function plausible(o: SeedOrder, status: CaseStatus): boolean {
  const paysBack = (o.plan.tier === 'standard' || o.anomaly === 'duplicate_charge') && o.anomaly !== 'chargeback' && o.anomaly !== 'risk_hold';
  if (status === 'refunded' || status === 'approved' || status === 'pending_approval') return paysBack && o.channel !== 'apple_iap';
  if (status === 'rejected' || status === 'reopened') return o.anomaly !== 'duplicate_charge' && o.channel !== 'apple_iap';
  return true;
}

/** A case for order `index` ending in `status`, or null when the order's facts do not allow it. */
function draft(ctx: Ctx, index: number, status: CaseStatus): SeedCase | null {
  const { r, nowMs } = ctx;
  const o = ctx.orders[index];
  if (!plausible(o, status)) return null;
  const createdMs = openedAt(ctx, o, status);
  // A member who asks for their money back does not go on to activate the membership.
  if (o.activatedMs !== null && o.activatedMs > createdMs) o.activatedMs = null;
  const reason = reasonFor(r, o);
  const agent = chance(r, 0.5) ? STAFF.agent1 : STAFF.agent2;
  const c: SeedCase = {
    caseNo: '', order: o, channel: pickChannel(r), reason,
    requested: reason === 'dissatisfied' || (reason === 'other' && chance(r, 0.5)) ? 'prorated' : 'full',
    statement: statement(r, reason, { plan: o.plan.nameZh, amount: `¥${(o.plan.priceFen / 100).toFixed(2)}` }),
    status, assignee: status === 'new' && chance(r, 0.3) ? null : agent, createdBy: agent, createdMs,
    slaDueAt: addBusinessDays(iso(createdMs), DEFAULT_POLICY.reviewSlaBusinessDays, HOLIDAYS_2026, DEFAULT_POLICY.timezone),
    rejectReasonCode: null, proposedBy: null, proposedQuote: null, closedMs: null,
    quotes: [], decisions: [], refund: null, comms: [],
    evidence: [`订单号 ${o.orderNo}`, `支付流水号 ${o.txId}`, o.activatedMs === null ? '激活记录：未激活' : `激活记录：${iso(o.activatedMs)} 已激活`],
  };
  if (status !== 'new') {
    const q = quote(ctx, index, later(r, createdMs, 10 * MINUTE_MS, 6 * HOUR_MS, nowMs), 'calendar', agent);
    c.quotes.push(q);
    const { outcome, amountFen, needsSupervisor, reasonCode } = q.result;
    const pays = amountFen > 0;
    if ((status === 'refunded' || status === 'approved') && !pays) return null;
    if ((status === 'rejected' || status === 'reopened') && (outcome !== 'none' || reasonCode === 'already_refunded')) return null;
    if (status === 'pending_approval' && !(pays && needsSupervisor)) {
      // A dispute over the days used: the evidence basis is an exception a supervisor approves.
      if (o.activatedMs === null) return null;
      const disputed = quote(ctx, index, later(r, q.createdMs, 2 * MINUTE_MS, 30 * MINUTE_MS, nowMs), 'evidence', agent);
      if (disputed.result.amountFen === 0) return null;
      c.quotes.push(disputed);
    }
  }
  buildFlow(r, c, nowMs);
  return c;
}

function candidates(ctx: Ctx): () => number {
  const { r, orders, nowMs } = ctx;
  const main: number[] = [];
  const duplicates: number[] = [];
  const renewals: number[] = [];
  orders.forEach((o, i) => {
    if (o.status !== 'paid' || o.paidMs! > nowMs - 2 * HOUR_MS || (o.sub && !o.lastOfSub)) return;
    if (o.anomaly === 'duplicate_charge') duplicates.push(i);
    else if (o.isRenewal) renewals.push(i);
    else main.push(i);
  });
  shuffle(r, main);
  shuffle(r, duplicates);
  shuffle(r, renewals);
  return () => {
    const x = r();
    const pool = x < 0.15 && duplicates.length ? duplicates : x < 0.3 && renewals.length ? renewals : main.length ? main : duplicates.length ? duplicates : renewals;
    return pool.pop() ?? -1;
  };
}

export function planCases(r: Rng, seed: number, orders: SeedOrder[], nowMs: number): SeedCase[] {
  const ctx: Ctx = { r, seed, nowMs, orders };
  const next = candidates(ctx);
  const target = Math.max(30, Math.round(orders.length * 0.025));
  const wanted = [...shuffle(r, [...CASE_STATUSES])];
  const cases: SeedCase[] = [];
  // Orders that did not fit one status are offered to the next ones first.
  const skipped: number[] = [];
  let head = 0;
  const retry = () => (head < skipped.length ? skipped[head++] : -1);
  while (cases.length < target) {
    const status = wanted[cases.length] ?? pickStatus(r);
    let made: SeedCase | null = null;
    for (let attempt = 0; attempt < 40 && !made; attempt++) {
      const index = attempt % 2 && head < skipped.length ? retry() : next();
      if (index < 0) break;
      made = draft(ctx, index, status);
      if (!made) skipped.push(index);
    }
    if (!made) {
      const index = head < skipped.length ? retry() : next();
      if (index < 0) break; // fewer orders than cases wanted
      made = draft(ctx, index, 'in_review')!;
    }
    cases.push(made);
  }
  return cases.sort((a, b) => a.createdMs - b.createdMs);
}

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
