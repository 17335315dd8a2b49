import Database from 'better-sqlite3';

// Realistic keys drawn from the benchmark database itself.
export function sampleKeys(dbPath: string, n: number) {
  const db = new Database(dbPath, { readonly: true });
  const col = (sql: string) => (db.prepare(sql).pluck().all() as string[]).filter(Boolean);
  const total = (db.prepare('select max(rowid) from orders').pluck().get() as number) || 1;
  const randomRowids = Array.from({ length: n * 3 }, () => 1 + Math.floor(Math.random() * total));
  const orderNos = randomRowids
    .map((id) => db.prepare('select order_no from orders where rowid = ?').pluck().get(id) as string | undefined)
    .filter((x): x is string => !!x)
    .slice(0, n);
  const members = db.prepare('select count(*) from members').pluck().get() as number;
  const memberAt = db.prepare('select phone_last4, email, nickname from members limit 1 offset ?');
  const sampled = Array.from(
    { length: n },
    () => memberAt.get(Math.floor(Math.random() * members)) as { phone_last4: string; email: string | null; nickname: string },
  );
  const usedOrderNos = col(
    `select e.order_no from entitlements e where e.activated_at is not null and e.rowid % 97 = ${Math.floor(Math.random() * 97)} limit ${n}`,
  );
  const quotableOrderNos = col(
    // Still-running memberships (something is owed back), spread over plans and time.
    `select o.order_no from orders o join plans p on p.code = o.plan_code
       join entitlements e on e.order_no = o.order_no
     where o.status = 'paid' and o.open_case_no is null and o.anomaly is null and p.tier = 'standard'
       and o.payment_channel in ('alipay','wechat_pay','bcoin') and o.rowid % 53 = 7
       and e.revoked_at is null and e.ends_at > (select max(paid_at) from orders) limit ${n + 60}`,
  );
  db.close();
  const statuses = ['paid', 'refunded', 'partially_refunded', 'payment_failed'];
  const channels = ['alipay', 'wechat_pay', 'bank_card', 'apple_iap', 'bcoin'];
  const filters = Array.from({ length: n }, (_, i) => ({
    status: statuses[i % statuses.length],
    paymentChannel: channels[i % channels.length],
    sort: i % 2 ? 'paidFen' : 'paidAt',
    dir: 'desc',
    limit: 50,
  }));
  return {
    orderNos,
    phoneLast4: sampled.map((m) => m.phone_last4),
    emails: sampled.map((m) => m.email).filter((e): e is string => !!e),
    nickname2: sampled.map((m) => Array.from(m.nickname).slice(0, 2).join('')),
    nickname3: sampled.filter((m) => Array.from(m.nickname).length >= 3).map((m) => Array.from(m.nickname).slice(0, 3).join('')),
    filters,
    usedOrderNos,
    quotableOrderNos,
  };
}
