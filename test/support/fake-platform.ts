import { mixSeed, mulberry32, type Rng } from '../../server/seed/prng';
import { signatureHeaders } from '../../server/integration/signature';

// The fake platform's facts: a deterministic stream of the events of docs/integration.md §1 for N
// orders (plans, members — some updated later —, orders created then paid or failed, activations,
// usage, auto-renew state, flags, refunds made outside the console, consents), in the order the
// platform would emit them. The same seed always gives the same events, so a test can deliver
// them in order to one console and shuffled and doubled to another and compare the two.

export interface FakeEvent {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

const PLANS = [
  { code: 'fk-monthly', tier: 'standard', durationDays: 30, priceFen: 2500, autoRenew: true, nameZh: '月度会员', nameEn: 'Monthly' },
  { code: 'fk-quarterly', tier: 'standard', durationDays: 90, priceFen: 6800, autoRenew: true, nameZh: '季度会员', nameEn: 'Quarterly' },
  { code: 'fk-annual', tier: 'standard', durationDays: 365, priceFen: 23800, autoRenew: false, nameZh: '年度会员', nameEn: 'Annual' },
  { code: 'fk-promo', tier: 'promo', durationDays: 30, priceFen: 900, autoRenew: false, nameZh: '首月特惠', nameEn: 'First month' },
] as const;
const CHANNELS = ['alipay', 'wechat_pay', 'bank_card', 'apple_iap'] as const;
const PLATFORMS = ['app_ios', 'app_android', 'web'] as const;
const USAGE = ['login', 'play', 'discount', 'item_redeem'] as const;
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', 'nightowl', '小鱼儿', 'Kevin', '杨帆', '赵磊'];

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const iso = (ms: number) => new Date(ms).toISOString();

export interface StreamOptions {
  orders: number;
  seed?: number;
  startMs?: number;
  /** usage events per paid order on average (default 3: 0–6 each) */
  usagePerOrder?: number;
}

export function generateEvents(opts: StreamOptions): FakeEvent[] {
  return [...eventStream(opts)];
}

/** The same events one at a time, for streams too large to hold (`--export 1000000`: ~7 million events). */
export function* eventStream(opts: StreamOptions): Generator<FakeEvent> {
  const seed = opts.seed ?? 1;
  const start = opts.startMs ?? Date.parse('2026-10-01T00:00:00.000Z');
  const r = mulberry32(mixSeed(seed, 19));
  let seq = 0;
  const event = (type: string, atMs: number, data: Record<string, unknown>): FakeEvent => ({
    id: `evt_${seed}_${String(++seq).padStart(7, '0')}`,
    type,
    occurredAt: iso(atMs),
    data,
  });

  for (const p of PLANS) yield event('plan.upserted', start, { ...p });
  // a later price change of one plan: the newer fact must win whatever the order of arrival
  yield event('plan.upserted', start + 3_600_000, { ...PLANS[0], priceFen: 2800 });

  const memberCount = Math.max(1, Math.ceil(opts.orders / 2));
  const members: string[] = [];
  for (let m = 0; m < memberCount; m++) {
    const uid = `fk${seed}-m${String(m).padStart(6, '0')}`;
    members.push(uid);
    const at = start + 60_000 * (m + 1);
    const phone = `13${String(100_000_000 + Math.floor(r() * 800_000_000)).slice(0, 9)}`;
    yield event('member.upserted', at, { uid, nickname: `${pick(r, NAMES)}${m}`, phone, registeredAt: iso(at - 86_400_000) });
    if (r() < 0.3)
      yield event('member.upserted', at + 7 * 86_400_000, {
        uid,
        nickname: `${pick(r, NAMES)}${m}改`,
        phone,
        registeredAt: iso(at - 86_400_000),
      });
    if (r() < 0.5) yield event('member.consent', at + 1000, { uid, storeConsumptionData: r() < 0.7, at: iso(at + 1000) });
  }

  for (let o = 0; o < opts.orders; o++) {
    const orderNo = `FK${seed}${String(o).padStart(8, '0')}`;
    const memberUid = members[o % memberCount]!;
    const plan = pick(r, PLANS);
    const channel = pick(r, CHANNELS);
    const platform = channel === 'apple_iap' ? 'app_ios' : pick(r, PLATFORMS);
    const created = start + 86_400_000 + o * 137_000;
    yield event('order.created', created, {
      orderNo,
      memberUid,
      planCode: plan.code,
      priceFen: plan.priceFen,
      createdAt: iso(created),
      platform,
      paymentChannel: channel,
    });
    if (r() < 0.1) {
      yield event('order.payment_failed', created + 30_000, { orderNo, at: iso(created + 30_000) });
      continue;
    }
    const paid = created + 45_000;
    yield event('order.paid', paid, {
      orderNo,
      memberUid,
      planCode: plan.code,
      paidFen: plan.priceFen,
      paidAt: iso(paid),
      paymentChannel: channel,
      transactionId: `fk-tx-${seed}-${o}`,
      platform,
      autoRenew: plan.autoRenew,
    });
    yield event('entitlement.activated', paid + 5_000, { orderNo, at: iso(paid + 5_000) });
    const uses = Math.floor(r() * (2 * (opts.usagePerOrder ?? 3) + 1));
    for (let u = 0; u < uses; u++) {
      const at = paid + 60_000 + Math.floor(r() * 20 * 86_400_000);
      const kind = pick(r, USAGE);
      yield event('usage.recorded', at, {
        orderNo,
        kind,
        at: iso(at),
        detail: `${kind} #${u}`,
        ...(kind === 'discount' || kind === 'item_redeem' ? { amountFen: 100 + Math.floor(r() * 900) } : {}),
        ip: `10.0.${o % 250}.${u + 1}`,
        device: pick(r, ['iPhone 15', 'Pixel 8', 'Chrome on Windows']),
      });
    }
    if (plan.autoRenew) {
      yield event('subscription.updated', paid + 1_000, {
        memberUid,
        planCode: plan.code,
        status: 'active',
        nextChargeAt: iso(paid + plan.durationDays * 86_400_000),
      });
      if (r() < 0.3)
        yield event('subscription.updated', paid + 10 * 86_400_000, {
          memberUid,
          planCode: plan.code,
          status: pick(r, ['cancelled', 'expired'] as const),
        });
    }
    if (r() < 0.05) yield event('order.flagged', paid + 2 * 86_400_000, { orderNo, anomaly: 'risk_hold', at: iso(paid + 2 * 86_400_000) });
    if (r() < 0.05)
      yield event('order.refunded', paid + 3 * 86_400_000, {
        orderNo,
        amountFen: Math.floor(plan.priceFen / 2),
        at: iso(paid + 3 * 86_400_000),
        ref: `ext-${o}`,
        source: 'platform',
      });
  }
}

/** The delivery a flaky network makes: shuffled (seeded) and/or with a share of events sent again later. */
export function deliveryOrder(events: FakeEvent[], opts: { shuffle?: boolean; duplicate?: number; seed?: number }): FakeEvent[] {
  const r = mulberry32(mixSeed(opts.seed ?? 1, 7));
  const out = [...events];
  for (const e of events) if (opts.duplicate && r() < opts.duplicate) out.push(e);
  if (opts.shuffle)
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
  return out;
}

export function toNdjson(events: FakeEvent[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

export interface SendSummary {
  batches: number;
  accepted: number;
  duplicates: number;
  parked: number;
  stale: number;
  unparked: number;
}

/** Signs and posts the events to a console, `batch` at a time, in the order given. */
export async function sendEvents(base: string, secret: string, events: FakeEvent[], opts: { batch?: number } = {}): Promise<SendSummary> {
  const size = opts.batch ?? 500;
  const sum: SendSummary = { batches: 0, accepted: 0, duplicates: 0, parked: 0, stale: 0, unparked: 0 };
  for (let i = 0; i < events.length; i += size) {
    const body = JSON.stringify({ events: events.slice(i, i + size) });
    const res = await fetch(`${base.replace(/\/$/, '')}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body) },
      body,
    });
    const answer = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`batch ${sum.batches + 1} refused: HTTP ${res.status} ${JSON.stringify(answer)}`);
    sum.batches++;
    for (const k of ['accepted', 'duplicates', 'parked', 'stale', 'unparked'] as const) sum[k] += Number(answer[k] ?? 0);
  }
  return sum;
}
