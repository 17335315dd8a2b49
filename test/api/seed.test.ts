import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingSender } from '../../server/adapters/recording-sender';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { verifyAuditChain } from '../../server/audit/verify-chain';
import { createContextInner } from '../../server/context';
import { openDatabase } from '../../server/db/client';
import { createCaller } from '../../server/router';
import { seedDatabase, type SeedSummary } from '../../server/seed/seed-database';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const ORDERS = 400;
const dir = mkdtempSync(join(tmpdir(), 'refund-desk-seed-'));
const first = join(dir, 'first.db');
const second = join(dir, 'second.db');
let summary: SeedSummary;
let db: Database.Database;

const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;

beforeAll(async () => {
  // Both at once: the password hashing (the slow part) overlaps.
  [summary] = await Promise.all([
    seedDatabase({ path: first, orders: ORDERS, seed: 7, progress: false, now: NOW }),
    seedDatabase({ path: second, orders: ORDERS, seed: 7, progress: false, now: NOW }),
  ]);
  db = new Database(first);
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedDatabase', () => {
  it('fills every table the console reads', () => {
    const tables = [
      'staff',
      'members',
      'member_name_grams',
      'member_name_fts',
      'plans',
      'orders',
      'subscriptions',
      'entitlements',
      'usage_events',
      'policy_versions',
      'calendar_days',
      'refund_cases',
      'case_evidence',
      'quotes',
      'case_decisions',
      'refunds',
      'communications',
      'message_templates',
      'outbox',
      'audit_events',
      'store_notifications',
      'store_requests',
      'member_consents',
    ];
    for (const table of tables) {
      const { n } = one<{ n: number }>(`select count(*) n from ${table}`);
      expect(n, table).toBeGreaterThan(0);
      expect(summary.counts[table], table).toBe(n);
    }
    expect(one<{ n: number }>('select count(*) n from orders').n).toBe(ORDERS);
  });

  it('ends in WAL mode with an intact file and no dangling references', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('never refunds more than was paid, and the refunds (the console’s and the stores’ own) add up to what the orders say', () => {
    expect(one<{ n: number }>('select count(*) n from orders where refunded_fen > paid_fen').n).toBe(0);
    const mismatched = all(`
      select o.order_no from orders o
      left join (select order_no, sum(amount_fen) s from refunds where status = 'succeeded' group by order_no) r using (order_no)
      left join (select order_no, sum(refunded_fen) s from store_notifications where outcome = 'applied' group by order_no) n using (order_no)
      where o.refunded_fen != coalesce(r.s, 0) + coalesce(n.s, 0)
         or (o.status = 'refunded') != (o.refunded_fen = o.paid_fen and o.refunded_fen > 0)
         or (o.status = 'partially_refunded') != (o.refunded_fen > 0 and o.refunded_fen < o.paid_fen)`);
    expect(mismatched).toEqual([]);
    const unrevoked = all(
      `select e.order_no from entitlements e join orders o using (order_no) where o.refunded_fen > 0 and e.revoked_at is null`,
    );
    expect(unrevoked).toEqual([]);
  });

  it('has cases in every status, open ones flagged on their order', () => {
    const statuses = all<{ status: string }>('select distinct status from refund_cases')
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual(['approved', 'closed', 'in_review', 'new', 'pending_approval', 'refunded', 'rejected', 'reopened']);
    const openCases = all<{ case_no: string }>(
      `select case_no from refund_cases where status not in ('refunded', 'rejected', 'closed') order by 1`,
    );
    const flagged = all<{ case_no: string }>('select open_case_no case_no from orders where open_case_no is not null order by 1');
    expect(flagged).toEqual(openCases);
    expect(
      all(`select case_no from refund_cases where status = 'pending_approval' and (proposed_by is null or proposed_quote_id is null)`),
    ).toEqual([]);
    // quoted once past 'new' — except App Store purchases, which Apple refunds: redirected, never quoted
    const quoted = `exists (select 1 from quotes q where q.case_no = c.case_no)`;
    const apple = `(select payment_channel from orders o where o.order_no = c.order_no) = 'apple_iap'`;
    expect(all(`select case_no from refund_cases c where status != 'new' and not ${apple} and not ${quoted}`)).toEqual([]);
    expect(all(`select case_no from refund_cases c where ${apple} and (${quoted} or status not in ('new', 'closed'))`)).toEqual([]);
  });

  it('links each duplicate charge to an earlier charge of the same member and plan', () => {
    const duplicates = all<{ order_no: string; ok: number }>(`
      select d.order_no, (o.order_no is not null and o.member_uid = d.member_uid and o.plan_code = d.plan_code and o.created_at < d.created_at) ok
      from orders d left join orders o on o.order_no = d.related_order_no
      where d.anomaly = 'duplicate_charge'`);
    expect(duplicates.length).toBeGreaterThan(0);
    expect(duplicates.filter((d) => !d.ok)).toEqual([]);
  });

  it('keeps payment channels, usage and numbers consistent with the orders', () => {
    expect(all(`select order_no from orders where payment_channel = 'apple_iap' and platform != 'app_ios'`)).toEqual([]);
    expect(
      all(
        `select order_no from orders where order_no not glob 'KM[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`,
      ),
    ).toEqual([]);
    expect(all(`select order_no from orders where status = 'payment_failed' and paid_at is not null`)).toEqual([]);
    const outside = all(`
      select u.id from usage_events u join entitlements e using (order_no)
      where e.activated_at is null or u.at < e.activated_at or u.at > e.ends_at or (e.revoked_at is not null and u.at >= e.revoked_at)`);
    expect(outside).toEqual([]);
  });

  it('has Google Play orders on Android with purchase tokens, refunded only in full', () => {
    const { n } = one<{ n: number }>(`select count(*) n from orders where payment_channel = 'google_play'`);
    expect(n / ORDERS).toBeGreaterThan(0.03); // ~8 % expected; 400 orders leave room for chance
    expect(n / ORDERS).toBeLessThan(0.15);
    expect(all(`select order_no from orders where payment_channel = 'google_play' and platform != 'app_android'`)).toEqual([]);
    expect(all(`select order_no from orders where (payment_channel = 'google_play') != (purchase_token is not null)`)).toEqual([]);
    expect(all(`select order_no from orders where payment_channel = 'google_play' and transaction_id not like 'GPA.%'`)).toEqual([]);
    // a subscription's Play orders share one token; its renewals are the first orderId + "..k"
    const shared = all<{ token: string; ids: string }>(`
      select purchase_token token, group_concat(transaction_id, ' ') ids from
        (select purchase_token, transaction_id from orders where purchase_token is not null order by created_at)
      group by purchase_token having count(*) > 1`);
    for (const { ids } of shared) {
      const [first, ...renewals] = ids.split(' ');
      expect(renewals).toEqual(renewals.map((_, k) => `${first}..${k}`));
    }
    expect(one<{ n: number }>('select count(distinct purchase_token) n from orders').n).toBeGreaterThan(0);
    const partial = all(`
      select f.id from refunds f join orders o using (order_no)
      where o.payment_channel = 'google_play' and (f.amount_fen != o.paid_fen or f.gateway_ref != 'play:' || o.transaction_id)`);
    expect(partial).toEqual([]);
    const proposed = all(`
      select c.case_no from refund_cases c join quotes q on q.id = c.proposed_quote_id join orders o on o.order_no = c.order_no
      where o.payment_channel = 'google_play' and c.status = 'pending_approval' and q.amount_fen != o.paid_fen`);
    expect(proposed).toEqual([]);
  });

  it('records every case and decision in the audit trail, as the console does', () => {
    const missing = all(`
      select c.case_no from refund_cases c
      where not exists (select 1 from audit_events a where a.action = 'case.create' and a.entity_id = c.case_no)`);
    expect(missing).toEqual([]);
    const decisions = all<{ action: string; n: number }>('select action, count(*) n from case_decisions group by 1 order by 1');
    const events = all<{ action: string; n: number }>(`
      select substr(action, 6) action, count(*) n from audit_events
      where action like 'case.%' and action not in ('case.create', 'case.quote') and action not like 'case.store%' group by 1 order by 1`);
    expect(events).toEqual(decisions);
    // QA samples (few at this size) are refunds an agent approved alone
    const badSamples = all(`
      select q.id from qa_reviews q join refunds f on f.id = q.refund_id join staff s on s.id = f.approved_by
      where f.status != 'succeeded' or s.role != 'agent' or q.agent_id != f.approved_by`);
    expect(badSamples).toEqual([]);
    // sent messages went through the outbox, each with its communication
    expect(
      all(`select o.id from outbox o left join communications m on m.id = o.communication_id where m.id is null or m.body != o.body`),
    ).toEqual([]);
  });

  it('has what the stores said: Apple refunds and a decline, a Google void, consumption requests', () => {
    const notes = all<{ store: string; type: string; outcome: string; n: number }>(
      'select store, type, outcome, count(*) n from store_notifications group by 1, 2, 3 order by 1, 2, 3',
    );
    expect(notes).toEqual([
      { store: 'apple', type: 'CONSUMPTION_REQUEST', outcome: 'applied', n: 2 },
      { store: 'apple', type: 'REFUND', outcome: 'applied', n: 4 },
      { store: 'apple', type: 'REFUND_DECLINED', outcome: 'applied', n: 1 },
      { store: 'google', type: 'voidedPurchaseNotification', outcome: 'applied', n: 1 },
    ]);
    // refunded by the store: the whole order, the entitlement revoked after the member's last use
    const refunded = all<{ ok: number }>(`
      select (o.status = 'refunded' and o.refunded_fen = o.paid_fen and n.refunded_fen = o.paid_fen and e.revoked_at is not null
              and e.revoked_at <= n.signed_at) ok
      from store_notifications n join orders o using (order_no) join entitlements e using (order_no)
      where n.type in ('REFUND', 'voidedPurchaseNotification')`);
    expect(refunded).toEqual(Array(5).fill({ ok: 1 }));
    // each store change audited as the handlers audit it, in the App Store's or Google Play's name
    const audited = all<{ actor: string; action: string; n: number }>(`
      select actor_username actor, action, count(*) n from audit_events where actor_username in ('app_store', 'google_play')
      group by 1, 2 order by 1, 2`);
    expect(audited).toEqual([
      { actor: 'app_store', action: 'case.create', n: 2 },
      { actor: 'app_store', action: 'case.store_request', n: 2 },
      { actor: 'app_store', action: 'order.store_refund', n: 4 },
      { actor: 'app_store', action: 'order.store_refund_declined', n: 1 },
      { actor: 'google_play', action: 'order.store_refund', n: 1 },
    ]);
    // two requests still within Apple's 12 hours, one answered by agent1 after the member's spoken consent
    const requests = all<{ respond_by: string; sent_by: string | null; status: string; assignee_id: number | null }>(`
      select r.respond_by, r.sent_by, c.status, c.assignee_id from store_requests r join refund_cases c using (case_no) order by r.id`);
    expect(requests.map((r) => [r.respond_by > NOW.toISOString(), r.sent_by, r.status, r.assignee_id])).toEqual([
      [true, 'agent1', 'new', null],
      [true, null, 'new', null],
    ]);
    expect(all(`select action from audit_events where action in ('member.store_consent', 'case.store_answer_sent') order by id`)).toEqual([
      { action: 'member.store_consent' },
      { action: 'case.store_answer_sent' },
    ]);
  });

  it('shows a newcomer the stores on the order page, the dashboard and the head of the queue', async () => {
    const opened = openDatabase(first);
    try {
      const deps = {
        db: opened.db,
        reader: opened.db,
        dbPath: first,
        now: () => NOW,
        gateway: createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0 }),
        sender: createRecordingSender(),
        config: { sessionIdleMinutes: 120, cookieSecure: false },
      };
      const staff = { id: 3, username: 'super1', displayName: 'super1', role: 'supervisor' as const, approvalLimitFen: 1_000_000 };
      const api = createCaller(createContextInner(deps, { staff, clientIp: '127.0.0.1' }));

      const { order_no } = one<{ order_no: string }>(
        `select order_no from store_notifications where type = 'REFUND' order by order_no limit 1`,
      );
      const { store, order } = await api.orders.get({ orderNo: order_no });
      expect(order.status).toBe('refunded');
      expect(store).toMatchObject({ store: 'apple', refundStatus: 'refunded', storeRefundedFen: order.paidFen });
      expect(store!.notifications.map((n) => n.type)).toEqual(['REFUND']);

      const summary = await api.dashboard.summary({ from: '2026-10-26', to: '2026-11-24' }); // the default: the last 30 days
      expect(summary.storeRefunds.count).toBeGreaterThan(0);
      expect(summary.storeRefunds.amountFen).toBeGreaterThan(0);

      const queue = await api.cases.list({ limit: 50 });
      const head = queue.items[0]!;
      expect(head.storeRespondBy).not.toBeNull();
      const waiting = one<{ case_no: string }>('select case_no from store_requests where sent_at is null');
      expect(head.caseNo).toBe(waiting.case_no);
    } finally {
      await opened.close();
    }
  });

  it('chains the audit trail so it verifies', () => {
    const verdict = verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.events).toBeGreaterThan(30);
  });

  it('refuses bad input before touching the file', async () => {
    await expect(seedDatabase({ path: second, orders: -1, seed: 7, progress: false, now: NOW })).rejects.toThrow(/orders/);
    await expect(seedDatabase({ path: second, orders: 10, seed: 7, progress: false, now: new Date('nope') })).rejects.toThrow(/now/);
    const other = new Database(second, { readonly: true });
    expect(other.prepare('select count(*) n from orders').get()).toEqual({ n: ORDERS });
    other.close();
  });

  it('is deterministic for the same seed and now', () => {
    const other = new Database(second, { readonly: true });
    try {
      const q = 'select order_no, member_uid, paid_fen, refunded_fen, status, transaction_id from orders order by order_no';
      expect(other.prepare(q).all()).toEqual(db.prepare(q).all());
      const c = 'select case_no, order_no, status, sla_due_at from refund_cases order by case_no';
      expect(other.prepare(c).all()).toEqual(db.prepare(c).all());
      const u = 'select count(*) n, sum(length(detail)) d from usage_events';
      expect(other.prepare(u).get()).toEqual(db.prepare(u).get());
    } finally {
      other.close();
    }
  });
});
