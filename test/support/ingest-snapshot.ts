import type { Db } from '../../server/db/client';

/** The platform's facts as the console holds them (usage without its row ids: arrival order sets those). */
export async function ingestSnapshot(db: Db) {
  return {
    plans: await db.selectFrom('plans').selectAll().orderBy('code').execute(),
    members: await db.selectFrom('members').selectAll().orderBy('uid').execute(),
    orders: await db.selectFrom('orders').selectAll().orderBy('order_no').execute(),
    entitlements: await db.selectFrom('entitlements').selectAll().orderBy('order_no').execute(),
    subscriptions: await db
      .selectFrom('subscriptions')
      .select(['member_uid', 'plan_code', 'status', 'started_at', 'next_charge_at', 'cancelled_at', 'cancelled_by'])
      .orderBy('member_uid')
      .orderBy('plan_code')
      .execute(),
    usage: await db
      .selectFrom('usage_events')
      .select(['order_no', 'at', 'kind', 'detail', 'value_fen', 'ip', 'device'])
      .orderBy('order_no')
      .orderBy('at')
      .orderBy('detail')
      .execute(),
    grams: await db.selectFrom('member_name_grams').selectAll().orderBy('member_uid').orderBy('gram').execute(),
    names: await db.selectFrom('member_name_fts').select(['uid', 'nickname']).orderBy('uid').orderBy('nickname').execute(),
    consents: await db
      .withTables<{ member_consents: { member_uid: string; store_consumption_data: number; at: string } }>()
      .selectFrom('member_consents')
      .selectAll()
      .orderBy('member_uid')
      .execute(),
  };
}
