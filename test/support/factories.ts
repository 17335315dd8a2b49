import { nameGrams } from '../../shared/search-query';
import type { Db } from '../../server/db/client';
import type { Insertable } from 'kysely';
import type { OrdersTable, PlansTable } from '../../server/db/schema';

// Factories give every field a believable default; tests override what they are about.
let seq = 0;
const next = () => ++seq;

export const PLANS: PlansTable[] = [
  { code: 'std_month', name_zh: '卡盟会员·月卡', name_en: 'Monthly', tier: 'standard', duration_days: 30, price_fen: 2500, auto_renew: 0 },
  { code: 'std_year', name_zh: '卡盟会员·年卡', name_en: 'Annual', tier: 'standard', duration_days: 365, price_fen: 23300, auto_renew: 0 },
  {
    code: 'auto_month',
    name_zh: '连续包月',
    name_en: 'Auto-renew monthly',
    tier: 'standard',
    duration_days: 30,
    price_fen: 1500,
    auto_renew: 1,
  },
  {
    code: 'promo_month',
    name_zh: '首月特惠',
    name_en: 'First month offer',
    tier: 'promo',
    duration_days: 30,
    price_fen: 990,
    auto_renew: 0,
  },
  {
    code: 'cobrand_month',
    name_zh: '联名卡·月',
    name_en: 'Co-branded monthly',
    tier: 'cobrand',
    duration_days: 30,
    price_fen: 3000,
    auto_renew: 0,
  },
];

export async function insertPlans(db: Db): Promise<void> {
  await db
    .insertInto('plans')
    .values(PLANS)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertMember(
  db: Db,
  fields: Partial<{ uid: string; nickname: string; phone: string; email: string | null; registered_at: string }> = {},
) {
  const n = next();
  const phone = fields.phone ?? `139${String(10000000 + n).slice(-8)}`;
  const member = {
    uid: fields.uid ?? String(50000000 + n),
    nickname: fields.nickname ?? `测试会员${n}`,
    phone,
    phone_last4: phone.slice(-4),
    email: fields.email === undefined ? `member${n}@example.com` : fields.email,
    registered_at: fields.registered_at ?? '2025-01-01T00:00:00.000Z',
  };
  await db.insertInto('members').values(member).execute();
  await db
    .insertInto('member_name_grams')
    .values(nameGrams(member.nickname).map((gram) => ({ gram, member_uid: member.uid })))
    .execute();
  await db.insertInto('member_name_fts').values({ nickname: member.nickname.toLowerCase(), uid: member.uid }).execute();
  return member;
}

export async function insertOrder(
  db: Db,
  memberUid: string,
  fields: Partial<Omit<Insertable<OrdersTable>, 'sort_at'>> & { activated_at?: string | null } = {},
) {
  const n = next();
  const plan = PLANS.find((p) => p.code === (fields.plan_code ?? 'std_month'))!;
  const paidAt = fields.paid_at === undefined ? '2026-11-10T02:00:00.000Z' : fields.paid_at;
  const { activated_at, ...orderFields } = fields;
  const order = {
    order_no: `KM20261110${String(n).padStart(7, '0')}`,
    member_uid: memberUid,
    plan_code: plan.code,
    paid_fen: plan.price_fen,
    refunded_fen: 0,
    status: paidAt ? ('paid' as const) : ('payment_failed' as const),
    payment_channel: 'alipay' as const,
    platform: 'app_android' as const,
    transaction_id: `2026111022001${String(n).padStart(15, '0')}`,
    created_at: paidAt ?? '2026-11-10T02:00:00.000Z',
    paid_at: paidAt,
    is_renewal: 0,
    anomaly: null,
    related_order_no: null,
    open_case_no: null,
    ...orderFields,
  };
  await db.insertInto('orders').values(order).execute();
  if (order.paid_at) {
    const starts = activated_at ?? order.paid_at;
    await db
      .insertInto('entitlements')
      .values({
        order_no: order.order_no,
        member_uid: memberUid,
        activated_at: activated_at ?? null,
        starts_at: starts,
        ends_at: new Date(Date.parse(starts) + plan.duration_days * 86_400_000).toISOString(),
        revoked_at: null,
      })
      .execute();
  }
  return order;
}

export async function insertUsage(
  db: Db,
  orderNo: string,
  events: { at: string; kind?: 'login' | 'perk_redemption' | 'discount_use' | 'playback'; valueFen?: number }[],
) {
  if (!events.length) return;
  await db
    .insertInto('usage_events')
    .values(
      events.map((e) => ({
        order_no: orderNo,
        at: e.at,
        kind: e.kind ?? 'login',
        detail: e.kind === 'playback' ? '《测试番剧》第1话' : '登录 · Android · 上海',
        value_fen: e.valueFen ?? null,
        ip: '10.1.2.3',
        device: 'Android',
      })),
    )
    .execute();
}
