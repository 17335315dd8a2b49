// Which orders get a refund case, and how far each case got. Every status appears (the first
// eight cases take one each); a case only ends in a status its facts allow — a refund needs a
// quote above zero, a rejection a quote of none, an Apple purchase is redirected to the store.
import { createHash } from 'node:crypto';
import { OPEN_STATUSES } from '../../shared/case-transitions';
import { DEFAULT_POLICY, computeRefund, formatFen } from '../../shared/refund';
import { addBusinessDays } from '../../shared/time/business-days';
import { HOLIDAYS_2026 } from '../../shared/time/holidays-2026';
import { buildFlow, type FlowCtx } from './case-flow';
import { statement, type CaseReason } from './case-text';
import { CASE_STATUSES, type CaseStatus, type SeedCase, type SeedQuote } from './case-types';
import { itemAt } from './item-at';
import { caseNumber } from './order-numbers';
import type { SeedOrder } from './orders';
import { chance, pick, shuffle, weighted, type Rng } from './prng';
import { STAFF, type SeedStaff } from './reference-data';
import { DAY_MS, HOUR_MS, MINUTE_MS, iso, later, localYmd } from './seed-time';
import { usageFacts } from './usage';

const pickStatus = weighted<CaseStatus>([
  ['refunded', 30],
  ['rejected', 17],
  ['in_review', 12],
  ['new', 10],
  ['closed', 9],
  ['pending_approval', 8],
  ['approved', 7],
  ['reopened', 7],
]);
const pickChannel = weighted([
  ['app', 35],
  ['online_chat', 30],
  ['phone', 15],
  ['web', 12],
  ['email', 8],
] as const);
// How long ago an open case was opened: [min, max] days.
const OPEN_AGE: Partial<Record<CaseStatus, [number, number]>> = {
  new: [0, 3],
  in_review: [0.2, 6],
  pending_approval: [0.5, 5],
  approved: [0.5, 4],
  reopened: [3, 20],
};

interface Ctx {
  r: Rng;
  seed: number;
  nowMs: number;
  orders: SeedOrder[];
}

function quote(ctx: Ctx, index: number, asOfMs: number, basis: 'calendar' | 'evidence', by: SeedStaff): SeedQuote {
  const o = itemAt(ctx.orders, index, 'order');
  // The usage log as the app reads it (time order, valueFen only where there is one), up to the quote.
  const usage = usageFacts(ctx.seed, index, o, ctx.nowMs, asOfMs).map((u) =>
    u.valueFen === null ? { at: iso(u.at), kind: u.kind } : { at: iso(u.at), kind: u.kind, valueFen: u.valueFen },
  );
  const input = {
    order: {
      paidFen: o.plan.priceFen,
      refundedFen: o.refundedFen,
      status: o.status,
      paidAt: iso(o.paidMs!),
      tier: o.plan.tier,
      durationDays: o.plan.durationDays,
      anomaly: o.anomaly,
    },
    activatedAt: o.activatedMs === null ? null : iso(o.activatedMs),
    usage,
    basis: { kind: basis },
    policy: DEFAULT_POLICY,
    asOf: iso(asOfMs),
  };
  const result = computeRefund(input);
  // Stored as quote-case.ts stores it: the facts, and a digest of the usage log.
  const digest = createHash('sha256').update(JSON.stringify(usage)).digest('hex');
  const stored = {
    ...input,
    usage: { count: usage.length, firstAt: usage[0]?.at ?? null, lastAt: usage.at(-1)?.at ?? null, sha256: digest },
  };
  return { id: 0, basis, input: stored, result, createdBy: by, createdMs: asOfMs };
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
  const [lo, hi] =
    o.anomaly === 'duplicate_charge'
      ? [5 * MINUTE_MS, 2 * DAY_MS]
      : x < 0.3
        ? [10 * MINUTE_MS, DAY_MS]
        : x < 0.7
          ? [DAY_MS, 7 * DAY_MS]
          : [7 * DAY_MS, 25 * DAY_MS];
  return later(r, paid, lo, hi, nowMs - HOUR_MS);
}

/** Cheap facts that rule a status out before a quote is computed (quotes are the costly part). */
function plausible(o: SeedOrder, status: CaseStatus): boolean {
  // Apple decides on its own purchases: such a case is new or redirected to the store (closed).
  if (o.channel === 'apple_iap') return status === 'new' || status === 'closed';
  const paysBack =
    (o.plan.tier === 'standard' || o.anomaly === 'duplicate_charge') && o.anomaly !== 'chargeback' && o.anomaly !== 'risk_hold';
  if (status === 'approved') return paysBack && o.channel === 'bank_card'; // only bank cards stay unsettled
  if (status === 'refunded' || status === 'pending_approval') return paysBack;
  if (status === 'rejected' || status === 'reopened' || status === 'closed') return o.anomaly !== 'duplicate_charge';
  return true;
}

/** A case for order `index` ending in `status`, or null when the order's facts do not allow it. */
function draft(ctx: Ctx, index: number, status: CaseStatus): SeedCase | null {
  const { r, nowMs } = ctx;
  const o = itemAt(ctx.orders, index, 'order');
  const createdMs = openedAt(ctx, o, status);
  // A member who asks for their money back does not go on to activate the membership.
  if (o.activatedMs !== null && o.activatedMs > createdMs) o.activatedMs = null;
  const reason = reasonFor(r, o);
  const agent = chance(r, 0.5) ? STAFF.agent1 : STAFF.agent2;
  const c: SeedCase = {
    caseNo: '',
    order: o,
    orderIndex: index,
    channel: pickChannel(r),
    reason,
    requested: reason === 'dissatisfied' || (reason === 'other' && chance(r, 0.5)) ? 'prorated' : 'full',
    statement: statement(r, reason, { plan: o.plan.nameZh, amount: formatFen(o.plan.priceFen) }),
    target: status,
    status: 'new',
    version: 1,
    agent,
    createdMs,
    updatedMs: createdMs,
    slaDueAt: addBusinessDays(iso(createdMs), DEFAULT_POLICY.reviewSlaBusinessDays, HOLIDAYS_2026, DEFAULT_POLICY.timezone),
    rejectReasonCode: null,
    proposedBy: null,
    proposedQuote: null,
    closedMs: null,
    quotes: [],
    decisions: [],
    refund: null,
    comms: [],
    audit: [],
    qa: null,
    evidence: [
      `订单号 ${o.orderNo}`,
      `支付流水号 ${o.txId}`,
      o.activatedMs === null ? '激活记录：未激活' : `激活记录：${iso(o.activatedMs)} 已激活`,
    ],
  };
  if (status === 'new' || o.channel === 'apple_iap') return c; // Apple purchases are never quoted
  const q = quote(ctx, index, later(r, createdMs, 10 * MINUTE_MS, 6 * HOUR_MS, nowMs), 'calendar', agent);
  c.quotes.push(q);
  const { outcome, amountFen, needsSupervisor, reasonCode } = q.result;
  const pays = amountFen > 0;
  if ((status === 'refunded' || status === 'approved') && !pays) return null;
  const rejection = status === 'rejected' || status === 'reopened' || status === 'closed';
  if (rejection && (outcome !== 'none' || reasonCode === 'already_refunded')) return null;
  if (status === 'pending_approval' && !(pays && needsSupervisor)) {
    // A dispute over the days used: the evidence basis is an exception a supervisor approves.
    if (o.activatedMs === null) return null;
    const disputed = quote(ctx, index, later(r, q.createdMs, 2 * MINUTE_MS, 30 * MINUTE_MS, nowMs), 'evidence', agent);
    if (disputed.result.amountFen === 0) return null;
    c.quotes.push(disputed);
  }
  // Google Play refunds a whole order or nothing: only a full quote is proposed or paid.
  const paid = c.quotes.at(-1)!.result.amountFen;
  if (o.channel === 'google_play' && (status === 'refunded' || status === 'pending_approval') && paid !== o.plan.priceFen) return null;
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
    const pool =
      x < 0.15 && duplicates.length
        ? duplicates
        : x < 0.3 && renewals.length
          ? renewals
          : main.length
            ? main
            : duplicates.length
              ? duplicates
              : renewals;
    return pool.pop() ?? -1;
  };
}

export function planCases(r: Rng, seed: number, orders: SeedOrder[], nowMs: number): SeedCase[] {
  const ctx: Ctx = { r, seed, nowMs, orders };
  const next = candidates(ctx);
  const target = Math.max(30, Math.round(orders.length * 0.025));
  const wanted = shuffle(r, [...CASE_STATUSES]);
  const cases: SeedCase[] = [];
  // Orders that did not fit one status are offered to the next ones first.
  const skipped: number[] = [];
  let head = 0;
  const take = (preferSkipped: boolean) => {
    if (preferSkipped && head < skipped.length) return itemAt(skipped, head++, 'skipped order');
    const index = next();
    return index >= 0 || head >= skipped.length ? index : itemAt(skipped, head++, 'skipped order');
  };
  while (cases.length < target) {
    const status = wanted[cases.length] ?? pickStatus(r);
    let made: SeedCase | null = null;
    // Up to 40 quotes computed; orders ruled out by plausible() alone cost little and wait in `skipped`.
    for (let quoted = 0, scanned = 0; quoted < 40 && scanned < 5000 && !made; scanned++) {
      const index = take(scanned % 2 === 1);
      if (index < 0) break;
      if (plausible(itemAt(orders, index, 'order'), status)) {
        quoted++;
        made = draft(ctx, index, status);
      }
      if (!made) skipped.push(index);
    }
    if (!made) {
      const index = take(true);
      if (index < 0) break; // fewer orders than cases wanted
      made = draft(ctx, index, 'new')!; // any order can have a case just opened
    }
    cases.push(made);
  }
  // Numbered in the order they were opened (RC + local date + sequence of the day), then
  // their histories are played, which moves the orders' money facts.
  cases.sort((a, b) => a.createdMs - b.createdMs);
  let day = '';
  let seq = 0;
  const flow: FlowCtx = { r, nowMs, gatewaySequence: 0 };
  for (const c of cases) {
    const ymd = localYmd(c.createdMs);
    seq = ymd === day ? seq + 1 : 1;
    day = ymd;
    c.caseNo = caseNumber(c.createdMs, seq);
    buildFlow(flow, c);
    if (c.status !== c.target) throw new Error(`seed: case ${c.caseNo} ended ${c.status}, planned ${c.target}`);
    if (OPEN_STATUSES.includes(c.status)) c.order.openCaseNo = c.caseNo;
  }
  return cases;
}
