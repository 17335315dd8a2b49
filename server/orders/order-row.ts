import type { OrderRow } from '../../shared/schemas/orders';
import type { Db } from '../db/client';

// The columns an order row puts on the wire, listed once (never selectAll to the wire).
export function selectOrderRows(db: Db) {
  return db
    .selectFrom('orders')
    .innerJoin('members', 'members.uid', 'orders.member_uid')
    .innerJoin('plans', 'plans.code', 'orders.plan_code')
    .select([
      'orders.order_no',
      'orders.member_uid',
      'members.nickname',
      'orders.plan_code',
      'plans.name_zh',
      'plans.name_en',
      'plans.tier',
      'plans.auto_renew',
      'orders.paid_fen',
      'orders.refunded_fen',
      'orders.status',
      'orders.paid_at',
      'orders.created_at',
      'orders.payment_channel',
      'orders.platform',
      'orders.anomaly',
      'orders.is_renewal',
      'orders.open_case_no',
      'orders.sort_at',
    ]);
}

type RawRow = Awaited<ReturnType<ReturnType<typeof selectOrderRows>['executeTakeFirstOrThrow']>>;

export function toOrderRow(r: RawRow): OrderRow {
  return {
    orderNo: r.order_no,
    memberUid: r.member_uid,
    nickname: r.nickname,
    planCode: r.plan_code,
    planNameZh: r.name_zh,
    planNameEn: r.name_en,
    tier: r.tier,
    autoRenewPlan: r.auto_renew === 1,
    paidFen: r.paid_fen,
    refundedFen: r.refunded_fen,
    status: r.status,
    paidAt: r.paid_at,
    createdAt: r.created_at,
    paymentChannel: r.payment_channel,
    platform: r.platform,
    anomaly: r.anomaly,
    isRenewal: r.is_renewal === 1,
    openCaseNo: r.open_case_no,
  };
}
