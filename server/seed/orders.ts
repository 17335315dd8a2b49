// The order book of the last 120 days: one-off purchases, auto-renew chains with their
// renewals, failed payments retried minutes later, duplicate charges, chargebacks, risk holds.
import { itemAt } from './item-at';
import type { SeedMember } from './members';
import { numberOrders, playPurchases, type Channel } from './order-numbers';
import { pickOneTimePlan, pickPlan, type Plan } from './plans';
import { between, chance, int, pick, weighted, type Rng } from './prng';
import { DAY_MS, HOUR_MS, MINUTE_MS, WINDOW_DAYS, instantInWindow, localMidnight, timeOfDay } from './seed-time';
import type { Platform } from './usage-text';

export type OrderStatus = 'payment_failed' | 'paid' | 'partially_refunded' | 'refunded';
export type Anomaly = 'duplicate_charge' | 'chargeback' | 'risk_hold';

export interface SeedSubscription {
  id: number;
  member: SeedMember;
  plan: Plan;
  startedMs: number;
  status: 'active' | 'cancelled';
  nextChargeMs: number | null;
  cancelledMs: number | null;
  cancelledBy: string | null;
}

export interface SeedOrder {
  orderNo: string;
  txId: string;
  /** Google Play orders: the purchase token (a subscription's orders share it), else null */
  purchaseToken: string | null;
  member: SeedMember;
  plan: Plan;
  createdMs: number;
  paidMs: number | null;
  status: OrderStatus;
  channel: Channel;
  platform: Platform;
  isRenewal: boolean;
  anomaly: Anomaly | null;
  related: SeedOrder | null;
  sub: SeedSubscription | null;
  /** charged for the latest period of its subscription: no renewal came after it */
  lastOfSub: boolean;
  activatedMs: number | null;
  refundedFen: number;
  openCaseNo: string | null;
  revokedMs: number | null;
}

const CHANNELS: Record<Platform, (r: Rng) => Channel> = {
  app_ios: weighted([
    ['apple_iap', 45],
    ['alipay', 25],
    ['wechat_pay', 20],
    ['bcoin', 7],
    ['bank_card', 3],
  ]),
  // Google Play on about a sixth of Android orders: ~8 % of all orders (Android is about half).
  app_android: weighted([
    ['alipay', 34],
    ['wechat_pay', 33],
    ['google_play', 17],
    ['bcoin', 10],
    ['bank_card', 6],
  ]),
  web: weighted([
    ['alipay', 45],
    ['wechat_pay', 30],
    ['bank_card', 15],
    ['bcoin', 10],
  ]),
};

interface Ctx {
  r: Rng;
  nowMs: number;
  target: number;
  orders: SeedOrder[];
}

type ChargeBase = Pick<SeedOrder, 'member' | 'plan' | 'platform' | 'channel' | 'isRenewal' | 'sub'>;

// One literal, always the same fields in the same order: a million objects of one shape keep
// property access (and the sort by creation) monomorphic and fast.
function push(
  ctx: Ctx,
  b: ChargeBase,
  channel: Channel,
  createdMs: number,
  paidMs: number | null,
  anomaly: Anomaly | null,
  related: SeedOrder | null,
): SeedOrder {
  const order: SeedOrder = {
    orderNo: '',
    txId: '',
    purchaseToken: null,
    member: b.member,
    plan: b.plan,
    createdMs,
    paidMs,
    status: paidMs === null ? 'payment_failed' : 'paid',
    channel,
    platform: b.platform,
    isRenewal: b.isRenewal,
    anomaly,
    related,
    sub: b.sub,
    lastOfSub: false,
    activatedMs: null,
    refundedFen: 0,
    openCaseNo: null,
    revokedMs: null,
  };
  ctx.orders.push(order);
  return order;
}

/** One charge attempt at t: sometimes a failure retried minutes later, sometimes charged twice. */
function charge(ctx: Ctx, base: ChargeBase, t: number): SeedOrder[] {
  const { r } = ctx;
  const emitted: SeedOrder[] = [];
  const room = () => ctx.orders.length < ctx.target;
  const paidAfter = (createdMs: number) => createdMs + int(r, 3, 60) * 1000;
  let original: SeedOrder;
  const failedFirst = chance(r, 0.03);
  if (failedFirst) {
    emitted.push(push(ctx, base, base.channel, t, null, null, null));
    if (!room()) return emitted;
    // The member tries again a few minutes later, now and then with another way to pay.
    const retry = t + int(r, 2, 10) * MINUTE_MS + int(r, 0, 59_999);
    const channel = chance(r, 0.3) ? CHANNELS[base.platform](r) : base.channel;
    original = push(ctx, base, channel, retry, paidAfter(retry), null, null);
  } else {
    original = push(ctx, base, base.channel, t, paidAfter(t), null, null);
  }
  emitted.push(original);
  if (room() && chance(r, failedFirst ? 0.35 : 0.004)) {
    // The "failed" payment went through after all, or the button was tapped twice.
    const at = original.paidMs! + int(r, 1, 8) * MINUTE_MS + int(r, 0, 59_999);
    emitted.push(push(ctx, base, original.channel, at, at + int(r, 3, 30) * 1000, 'duplicate_charge', original));
  } else if (chance(r, 0.004)) {
    original.anomaly = chance(r, 0.4) ? 'chargeback' : 'risk_hold';
  }
  return emitted;
}

function orderPlatform(r: Rng, m: SeedMember): Platform {
  return chance(r, 0.85) ? m.platform : pick(r, ['app_ios', 'app_android', 'web'] as const);
}

/** An auto-renew chain: charges every period until now (or until the member cancels). */
function subscriptionChain(ctx: Ctx, member: SeedMember, plan: Plan, subs: SeedSubscription[]): void {
  const { r, nowMs } = ctx;
  const period = plan.durationDays * DAY_MS;
  const windowStart = nowMs - WINDOW_DAYS * DAY_MS;
  const lastCharge = nowMs - HOUR_MS;
  let charges: number[] = [];
  let startedMs = 0;
  while (charges.length === 0) {
    const earliest = windowStart - (plan.durationDays >= 365 ? period : 2 * period);
    startedMs = localMidnight(between(r, earliest, lastCharge)) + timeOfDay(r);
    charges = [];
    for (let t = startedMs; t < lastCharge; t += period) if (t >= windowStart) charges.push(t);
  }
  const sub: SeedSubscription = {
    id: subs.length + 1,
    member,
    plan,
    startedMs,
    status: 'active',
    nextChargeMs: null,
    cancelledMs: null,
    cancelledBy: null,
  };
  if (chance(r, 0.15)) {
    charges = charges.slice(0, int(r, 1, charges.length));
    const last = itemAt(charges, charges.length - 1, 'charge');
    sub.status = 'cancelled';
    sub.cancelledMs = Math.floor(between(r, last + HOUR_MS, Math.min(last + period, nowMs)));
    sub.cancelledBy = 'member';
  } else {
    sub.nextChargeMs = itemAt(charges, charges.length - 1, 'charge') + period;
  }
  subs.push(sub);
  member.subscribedPlans.push(plan.code);
  const platform = orderPlatform(r, member);
  const channel = CHANNELS[platform](r);
  let latest: SeedOrder[] = [];
  for (const t of charges) {
    if (ctx.orders.length >= ctx.target) break;
    latest = charge(ctx, { member, plan, platform, channel, isRenewal: t !== startedMs, sub }, t);
  }
  for (const o of latest) o.lastOfSub = true;
}

function pickMember(r: Rng, members: SeedMember[]): SeedMember {
  // A tenth of the members are loyal customers who buy again and again.
  const pool = chance(r, 0.3) ? Math.max(1, Math.floor(members.length / 10)) : members.length;
  return itemAt(members, Math.floor(r() * pool), 'member');
}

export function generateOrders(
  r: Rng,
  members: SeedMember[],
  target: number,
  nowMs: number,
): { orders: SeedOrder[]; subs: SeedSubscription[] } {
  const ctx: Ctx = { r, nowMs, target, orders: [] };
  const subs: SeedSubscription[] = [];
  while (ctx.orders.length < target) {
    const member = pickMember(r, members);
    let plan = pickPlan(r);
    if (plan.autoRenew && member.subscribedPlans.includes(plan.code)) plan = pickOneTimePlan(r);
    if (plan.autoRenew) {
      subscriptionChain(ctx, member, plan, subs);
      continue;
    }
    const platform = orderPlatform(r, member);
    charge(ctx, { member, plan, platform, channel: CHANNELS[platform](r), isRenewal: false, sub: null }, instantInWindow(r, nowMs));
  }
  // Stable sort: orders are numbered, and written, in the order they were created.
  // The comparator returns small integers: a difference of two instants would be a boxed double.
  const orders = ctx.orders.sort((a, b) => (a.createdMs < b.createdMs ? -1 : a.createdMs > b.createdMs ? 1 : 0));
  numberOrders(r, orders);
  playPurchases(orders);
  for (const o of orders) {
    if (o.member.firstOrderMs === null) o.member.firstOrderMs = o.createdMs;
    o.activatedMs = activation(r, o, nowMs);
  }
  return { orders, subs };
}

/** About a quarter never activate what they bought; the rest within a day or so. */
function activation(r: Rng, o: SeedOrder, nowMs: number): number | null {
  if (o.paidMs === null) return null;
  const never = o.anomaly === 'duplicate_charge' ? 0.9 : o.isRenewal ? 0.3 : 0.22;
  if (chance(r, never)) return null;
  const x = r();
  const delay = x < 0.5 ? int(r, 10, 300) * 1000 : x < 0.85 ? int(r, 5, 180) * MINUTE_MS : int(r, 3, 36) * HOUR_MS;
  const at = o.paidMs + delay;
  return at < nowMs ? at : null;
}
