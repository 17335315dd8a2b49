import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { AppleConfig } from '../../server/stores/apple-config';
import { makeAppleChain, signJws, type AppleChain } from '../support/apple-certs';
import { startFakeAppStore, type FakeAppStore } from '../support/fake-app-store-process';
import { insertMember, insertOrder, insertPlans, insertUsage } from '../support/factories';
import { auditEventCount } from '../support/audit-events';
import { listenOn } from '../support/http-server';
import { activeSubscription, openStoreCase, parkedWaits, postOrderPaid } from '../support/store-fixtures';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';

// POST /api/v1/stores/apple/notifications over real HTTP on a real migrated database
// (docs/integration.md §6): App Store Server Notifications V2 signed by a certificate chain the
// test makes (root, intermediate and leaf with Apple's marker extensions), verified by Apple's
// library; the consumption answer goes to a fake App Store Server API in a process of its own.

const BUNDLE = 'com.example.refunddesk';
const APP_ID = 1234567890;
const DAY = 86_400_000;

let chain: AppleChain;
let strangerChain: AppleChain;
let fake: FakeAppStore;
let fakeDir: TestWorld;

beforeAll(async () => {
  chain = makeAppleChain();
  strangerChain = makeAppleChain();
  fakeDir = await createTestWorld();
  fake = await startFakeAppStore(fakeDir.dir, BUNDLE);
}, 120_000);

afterAll(async () => {
  await fake?.stop();
  await fakeDir?.cleanup();
});

interface Desk {
  world: TestWorld;
  server: Server;
  base: string;
  config: AppleConfig;
}

let desk: Desk;

async function openDesk(overrides: Partial<AppleConfig> = {}): Promise<Desk> {
  const world = await createTestWorld();
  world.clock.now = new Date(); // the chain is valid around the real time
  await insertPlans(world.deps.db);
  const rootFile = join(world.dir, 'apple-root.pem');
  writeFileSync(rootFile, chain.rootPem);
  const config: AppleConfig = {
    rootCertificates: [Buffer.from(chain.rootPem)],
    bundleId: BUNDLE,
    environment: 'Sandbox',
    api: {
      base: fake.base,
      keyId: fake.keyId,
      issuerId: fake.issuerId,
      privateKeyPem: (await import('node:fs')).readFileSync(fake.privateKeyFile, 'utf8'),
    },
    autoSend: false,
    ...overrides,
  };
  world.deps.config.apple = config;
  const { server, base } = await listenOn(world);
  return { world, server, base, config };
}

async function closeDesk(d: Desk) {
  await new Promise((r) => d.server.close(r));
  await d.world.cleanup();
}

beforeEach(async () => {
  desk = await openDesk();
});
afterEach(async () => {
  await closeDesk(desk);
});

const db = () => desk.world.deps.db;
const nowMs = () => desk.world.clock.now.getTime();

/** An App Store order: paid 10 days ago, activated then, used since. */
async function appleOrder(fields: { transactionId?: string; activatedDaysAgo?: number | null; paidDaysAgo?: number } = {}) {
  const member = await insertMember(db());
  const paidAt = new Date(nowMs() - (fields.paidDaysAgo ?? 10) * DAY).toISOString();
  const activated = fields.activatedDaysAgo === null ? null : new Date(nowMs() - (fields.activatedDaysAgo ?? 10) * DAY).toISOString();
  const order = await insertOrder(db(), member.uid, {
    payment_channel: 'apple_iap',
    platform: 'app_ios',
    transaction_id: fields.transactionId ?? `2000000${Math.floor(Math.random() * 1e9)}`,
    paid_at: paidAt,
    activated_at: activated,
  });
  if (activated) await insertUsage(db(), order.order_no, [{ at: activated }]);
  return { member, order };
}

function transactionJws(c: AppleChain, t: { transactionId: string; originalTransactionId?: string; revocationDate?: number }) {
  return signJws(c, {
    transactionId: t.transactionId,
    originalTransactionId: t.originalTransactionId ?? t.transactionId,
    bundleId: BUNDLE,
    productId: 'vip.month',
    purchaseDate: nowMs() - 10 * DAY,
    type: 'Auto-Renewable Subscription',
    environment: 'Sandbox',
    signedDate: nowMs(),
    ...(t.revocationDate ? { revocationDate: t.revocationDate, revocationReason: 0 } : {}),
  });
}

function notification(
  type: string,
  transactionId: string,
  opts: {
    uuid?: string;
    subtype?: string;
    c?: AppleChain;
    bundleId?: string;
    appAppleId?: number;
    revocationDate?: number;
    autoRenewStatus?: 0 | 1;
    signedDate?: number;
  } = {},
) {
  const c = opts.c ?? chain;
  return {
    uuid: opts.uuid ?? randomUUID(),
    signedPayload: signJws(c, {
      notificationType: type,
      ...(opts.subtype ? { subtype: opts.subtype } : {}),
      notificationUUID: opts.uuid ?? undefined,
      version: '2.0',
      signedDate: opts.signedDate ?? nowMs(),
      data: {
        bundleId: opts.bundleId ?? BUNDLE,
        appAppleId: opts.appAppleId ?? APP_ID,
        environment: 'Sandbox',
        signedTransactionInfo: transactionJws(c, { transactionId, revocationDate: opts.revocationDate }),
        ...(opts.autoRenewStatus !== undefined
          ? {
              signedRenewalInfo: signJws(c, {
                originalTransactionId: transactionId,
                autoRenewStatus: opts.autoRenewStatus,
                autoRenewProductId: 'vip.month',
                environment: 'Sandbox',
                signedDate: nowMs(),
              }),
            }
          : {}),
        ...(type === 'CONSUMPTION_REQUEST' ? { consumptionRequestReason: 'UNINTENDED_PURCHASE' } : {}),
      },
    }),
  };
}

/** The JWS with its notificationUUID set (notification() leaves it to the caller's uuid). */
function signed(type: string, transactionId: string, opts: Parameters<typeof notification>[2] = {}) {
  const uuid = opts.uuid ?? randomUUID();
  return notification(type, transactionId, { ...opts, uuid });
}

async function post(signedPayload: string) {
  const res = await fetch(`${desk.base}/api/v1/stores/apple/notifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ signedPayload }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      duplicate?: boolean;
      outcome?: string;
      caseNo?: string | null;
      autoSent?: boolean;
      unparked?: number;
      error?: { message: string };
    },
  };
}

const auditCount = () => auditEventCount(db());

const openCase = (orderNo: string) => openStoreCase(desk.world, orderNo, { requested: 'full', statement: '不想要了' });

describe('App Store notifications: verification', () => {
  it('refuses a chain that does not end at the configured root, a wrong bundle, a leaf without Apple’s marker and a chain expired now: 401, nothing written', async () => {
    const { order } = await appleOrder();
    const before = await auditCount();
    const stranger = signed('REFUND', order.transaction_id, { c: strangerChain });
    expect((await post(stranger.signedPayload)).status).toBe(401);
    const wrongApp = signed('REFUND', order.transaction_id, { bundleId: 'com.example.other' });
    expect((await post(wrongApp.signedPayload)).status).toBe(401);
    // a chain of the configured root whose leaf lacks Apple's marker extension
    const unmarked = makeAppleChain({ withoutLeafMarker: true });
    desk.world.deps.config.apple = { ...desk.config, rootCertificates: [Buffer.from(chain.rootPem), Buffer.from(unmarked.rootPem)] };
    expect((await post(signed('REFUND', order.transaction_id, { c: unmarked }).signedPayload)).status).toBe(401);
    // a signature by the right leaf over another body
    const good = signed('REFUND', order.transaction_id);
    desk.world.deps.config.apple = desk.config;
    const [h, , s] = good.signedPayload.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ notificationType: 'REFUND', notificationUUID: randomUUID(), signedDate: nowMs(), version: '2.0', data: { bundleId: BUNDLE, environment: 'Sandbox' } })).toString('base64url')}.${s}`;
    expect((await post(forged)).status).toBe(401);
    expect((await post('not-a-jws')).status).toBe(401);
    expect(await auditCount()).toBe(before);
    expect(await db().selectFrom('orders').select('refunded_fen').where('order_no', '=', order.order_no).executeTakeFirstOrThrow()).toEqual(
      {
        refunded_fen: 0,
      },
    );
    const stored = await db()
      .withTables<{ store_notifications: { notification_uuid: string } }>()
      .selectFrom('store_notifications')
      .selectAll()
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses a chain valid when the payload was signed but expired now (the library checks dates at signedDate only)', async () => {
    const expired = makeAppleChain({ notBefore: '20240101000000Z', notAfter: '20250101000000Z' });
    desk.config.rootCertificates = [Buffer.from(expired.rootPem)];
    const { order } = await appleOrder();
    const old = Date.parse('2024-06-01T00:00:00Z');
    const n = signed('REFUND', order.transaction_id, { c: expired, signedDate: old });
    const res = await post(n.signedPayload);
    expect(res.status).toBe(401);
    expect(res.body.error?.message).toMatch(/not valid now/);
  });

  it('in Production checks appAppleId too', async () => {
    desk.config.environment = 'Production';
    desk.config.appAppleId = APP_ID;
    // a fresh config object: the verifier is built per configuration
    desk.world.deps.config.apple = { ...desk.config };
    const { order } = await appleOrder();
    const prod = (appAppleId: number) =>
      signJws(chain, {
        notificationType: 'DID_CHANGE_RENEWAL_STATUS',
        notificationUUID: randomUUID(),
        version: '2.0',
        signedDate: nowMs(),
        data: { bundleId: BUNDLE, appAppleId, environment: 'Production' },
      });
    expect((await post(prod(999))).status).toBe(401);
    expect((await post(prod(APP_ID))).status).toBe(200);
    void order;
  });

  it('answers 404 when the App Store is not configured', async () => {
    desk.world.deps.config.apple = null;
    expect((await post('x')).status).toBe(404);
  });
});

describe('App Store notifications: effects', () => {
  it('REFUND: refunded by the store for what was paid, entitlement revoked at revocationDate, the open case closed, the audit names the notification; a replay changes nothing', async () => {
    const { order } = await appleOrder();
    const { caseNo, caller } = await openCase(order.order_no);
    const revokedAt = nowMs() - 3_600_000;
    const n = signed('REFUND', order.transaction_id, { revocationDate: revokedAt });
    const res = await post(n.signedPayload);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ duplicate: false, outcome: 'applied', caseNo });
    const o = await db().selectFrom('orders').selectAll().where('order_no', '=', order.order_no).executeTakeFirstOrThrow();
    expect(o).toMatchObject({ refunded_fen: order.paid_fen, status: 'refunded', open_case_no: null });
    const ent = await db().selectFrom('entitlements').select('revoked_at').where('order_no', '=', order.order_no).executeTakeFirstOrThrow();
    expect(ent.revoked_at).toBe(new Date(revokedAt).toISOString());
    const got = await caller.cases.get({ caseNo });
    expect(got.case.status).toBe('closed');
    expect(got.decisions.at(-1)).toMatchObject({ action: 'store_refunded', actor: 'app_store' });
    expect(got.decisions.at(-1)!.note).toContain(n.uuid);
    const audit = await db().selectFrom('audit_events').selectAll().where('action', '=', 'order.store_refund').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ notificationUUID: n.uuid, source: 'store', refundedFen: order.paid_fen });

    const before = await auditCount();
    const again = await post(n.signedPayload);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true });
    expect(await auditCount()).toBe(before);
  });

  it('REFUND_REVERSED undoes the store refund; REFUND_DECLINED is recorded on the case', async () => {
    const { order } = await appleOrder();
    await post(signed('REFUND', order.transaction_id).signedPayload);
    const reversed = await post(signed('REFUND_REVERSED', order.transaction_id).signedPayload);
    expect(reversed.body.outcome).toBe('applied');
    const o = await db()
      .selectFrom('orders')
      .select(['refunded_fen', 'status'])
      .where('order_no', '=', order.order_no)
      .executeTakeFirstOrThrow();
    expect(o).toEqual({ refunded_fen: 0, status: 'paid' });
    const ent = await db().selectFrom('entitlements').select('revoked_at').where('order_no', '=', order.order_no).executeTakeFirstOrThrow();
    expect(ent.revoked_at).toBeNull();
    // a second reversal has nothing to undo
    expect((await post(signed('REFUND_REVERSED', order.transaction_id).signedPayload)).body.outcome).toBe('stale');

    const { caseNo, caller } = await openCase(order.order_no);
    const declined = signed('REFUND_DECLINED', order.transaction_id);
    expect((await post(declined.signedPayload)).body).toMatchObject({ outcome: 'applied', caseNo });
    const got = await caller.cases.get({ caseNo });
    expect(got.case.status).toBe('new');
    expect(got.decisions.at(-1)).toMatchObject({ action: 'store_refund_declined' });
    expect(got.decisions.at(-1)!.note).toContain(declined.uuid);
  });

  it('DID_CHANGE_RENEWAL_STATUS: auto-renew follows the store', async () => {
    const { order, member } = await appleOrder();
    const sub = await activeSubscription(db(), member.uid, order);
    await post(
      signed('DID_CHANGE_RENEWAL_STATUS', order.transaction_id, { subtype: 'AUTO_RENEW_DISABLED', autoRenewStatus: 0 }).signedPayload,
    );
    expect(await sub()).toEqual({ status: 'cancelled', cancelled_by: 'app_store' });
    await post(
      signed('DID_CHANGE_RENEWAL_STATUS', order.transaction_id, { subtype: 'AUTO_RENEW_ENABLED', autoRenewStatus: 1 }).signedPayload,
    );
    expect(await sub()).toEqual({ status: 'active', cancelled_by: null });
  });

  it('an unknown transaction is parked, and applied when the platform’s order.paid brings it', async () => {
    const member = await insertMember(db());
    const transactionId = '2000000999000111';
    const n = signed('REFUND', transactionId);
    const parked = await post(n.signedPayload);
    expect(parked.status).toBe(200);
    expect(parked.body.outcome).toBe('parked');
    expect(await parkedWaits(db())).toEqual([{ event_id: `apple:${n.uuid}`, waits_key: transactionId }]);
    const res = await postOrderPaid(desk.world, desk.base, {
      id: 'evt-apple-paid-1',
      orderNo: 'KMAPPLE0001',
      memberUid: member.uid,
      paymentChannel: 'apple_iap',
      transactionId,
      platform: 'app_ios',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unparked: 1 });
    const o = await db()
      .selectFrom('orders')
      .select(['refunded_fen', 'status'])
      .where('order_no', '=', 'KMAPPLE0001')
      .executeTakeFirstOrThrow();
    expect(o).toEqual({ refunded_fen: 2500, status: 'refunded' });
    expect(await parkedWaits(db())).toEqual([]);
  });
});

describe('the order page’s store view (orders.get store)', () => {
  it('shows the store’s refund status from its notifications and each consumption answer with what was sent', async () => {
    const { order } = await appleOrder();
    const agent = await createStaff(desk.world, { role: 'agent' });
    const caller = callerFor(desk.world, agent);
    const view = async () => (await caller.orders.get({ orderNo: order.order_no })).store;
    expect(await view()).toEqual({
      store: 'apple',
      refundStatus: 'none',
      refundStatusAt: null,
      storeRefundedFen: null,
      notifications: [],
      consumptionAnswers: [],
    });

    // the member asks Apple: Apple asks the console
    const asked = signed('CONSUMPTION_REQUEST', order.transaction_id);
    const caseNo = (await post(asked.signedPayload)).body.caseNo as string;
    const receivedAt = desk.world.clock.now.toISOString();
    const answer = {
      caseNo,
      receivedAt,
      respondBy: new Date(nowMs() + 12 * 3_600_000).toISOString(),
      consumptionPercentage: Math.round((11 / 30) * 100000),
      deliveryStatus: 'DELIVERED',
      refundPreference: 'GRANT_PRORATED',
    };
    expect(await view()).toMatchObject({
      refundStatus: 'requested',
      notifications: [{ id: asked.uuid, type: 'CONSUMPTION_REQUEST', outcome: 'applied', receivedAt, refundedFen: null }],
      consumptionAnswers: [{ ...answer, sentAt: null, sentBy: null, lastError: null }],
    });
    await caller.cases.recordStoreConsent({ caseNo, consented: true, note: '会员电话中同意共享使用数据' });
    await caller.cases.sendStoreAnswer({ caseNo });
    expect((await view())!.consumptionAnswers).toEqual([{ ...answer, sentAt: receivedAt, sentBy: agent.username, lastError: null }]);

    // Apple refunds: the store's refund, with its amount; reversed, it no longer counts
    desk.world.clock.now = new Date(nowMs() + 60_000);
    const refund = signed('REFUND', order.transaction_id);
    await post(refund.signedPayload);
    const refunded = await view();
    expect(refunded).toMatchObject({ refundStatus: 'refunded', storeRefundedFen: order.paid_fen });
    // the dashboard counts Apple's refund apart from the console's own, until Apple reverses it
    const localDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai
    const range = { from: localDate(nowMs() - DAY), to: localDate(nowMs() + DAY) };
    const supervisor = callerFor(desk.world, await createStaff(desk.world, { role: 'supervisor' }));
    const dashboard = await supervisor.dashboard.summary(range);
    expect(dashboard.storeRefunds).toEqual({
      count: 1,
      amountFen: order.paid_fen,
      byStore: [{ key: 'apple', count: 1, amountFen: order.paid_fen }],
    });
    expect(dashboard.totals).toMatchObject({ refunds: 0, amountFen: 0 });
    expect(refunded!.notifications.map((n) => [n.type, n.refundedFen])).toEqual([
      ['REFUND', order.paid_fen],
      ['CONSUMPTION_REQUEST', null],
    ]);
    desk.world.clock.now = new Date(nowMs() + 60_000);
    await post(signed('REFUND_REVERSED', order.transaction_id).signedPayload);
    const reversed = await view();
    expect(reversed).toMatchObject({ refundStatus: 'reversed', storeRefundedFen: null });
    expect((await supervisor.dashboard.summary(range)).storeRefunds).toEqual({ count: 0, amountFen: 0, byStore: [] });
    expect(reversed!.notifications.map((n) => [n.type, n.outcome, n.refundedFen])).toEqual([
      ['REFUND_REVERSED', 'applied', null],
      ['REFUND', 'stale', null],
      ['CONSUMPTION_REQUEST', 'applied', null],
    ]);
    desk.world.clock.now = new Date(nowMs() + 60_000);
    await post(signed('REFUND_DECLINED', order.transaction_id).signedPayload);
    expect(await view()).toMatchObject({ refundStatus: 'declined' });

    // an order paid elsewhere has no store view
    const member = await insertMember(db());
    const alipay = await insertOrder(db(), member.uid, {});
    expect((await caller.orders.get({ orderNo: alipay.order_no })).store).toBeNull();
  });
});

describe('App Store consumption requests', () => {
  it('opens a case with the computed answer, leads the queue, and is sent once — only with the member’s consent', async () => {
    const { order } = await appleOrder();
    const other = await appleOrder();
    await openCase(other.order.order_no); // an older case already in the queue
    const n = signed('CONSUMPTION_REQUEST', order.transaction_id);
    const res = await post(n.signedPayload);
    expect(res.status).toBe(200);
    const caseNo = res.body.caseNo as string;
    const agent = await createStaff(desk.world, { role: 'agent' });
    const caller = callerFor(desk.world, agent);
    const got = await caller.cases.get({ caseNo });
    const receivedAt = desk.world.clock.now.toISOString();
    // activated 10 days ago on a 30-day plan: 11 calendar days used of 30 → prorated
    expect(got.storeRequest).toMatchObject({
      store: 'apple',
      kind: 'consumption_request',
      receivedAt,
      respondBy: new Date(nowMs() + 12 * 3_600_000).toISOString(),
      consumptionPercentage: Math.round((11 / 30) * 100000),
      deliveryStatus: 'DELIVERED',
      refundPreference: 'GRANT_PRORATED',
      sentAt: null,
      consent: { consented: false },
    });
    // the fields docs/api.md lists, and no more (not the keys the request is filed under)
    expect(Object.keys(got.storeRequest!).sort()).toEqual(
      [
        'store',
        'kind',
        'transactionId',
        'receivedAt',
        'respondBy',
        'consumptionPercentage',
        'deliveryStatus',
        'refundPreference',
        'sentAt',
        'sentBy',
        'lastError',
        'consent',
      ].sort(),
    );
    expect(got.case.assignee).toBeNull();

    const queue = await caller.cases.list({ open: true, limit: 20 });
    expect(queue.items[0]).toMatchObject({ caseNo, storeRespondBy: got.storeRequest!.respondBy });
    expect(queue.items.map((i) => i.caseNo).filter((c) => c === caseNo)).toHaveLength(1);

    // without consent: refused, nothing sent
    await expect(caller.cases.sendStoreAnswer({ caseNo })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await fake.received()).filter((r) => r.transactionId === order.transaction_id)).toEqual([]);

    await caller.cases.recordStoreConsent({ caseNo, consented: true, note: '电话中会员同意共享使用数据' });
    const sent = await caller.cases.sendStoreAnswer({ caseNo });
    expect(sent.sentAt).toBe(receivedAt);
    const mine = (await fake.received()).filter((r) => r.transactionId === order.transaction_id);
    expect(mine).toEqual([
      {
        transactionId: order.transaction_id,
        body: {
          customerConsented: true,
          consumptionPercentage: Math.round((11 / 30) * 100000),
          deliveryStatus: 'DELIVERED',
          refundPreference: 'GRANT_PRORATED',
          sampleContentProvided: false,
        },
      },
    ]);
    await expect(caller.cases.sendStoreAnswer({ caseNo })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await fake.received()).filter((r) => r.transactionId === order.transaction_id)).toHaveLength(1);
    const after = await caller.cases.get({ caseNo });
    expect(after.storeRequest).toMatchObject({
      sentBy: agent.username,
      consent: { consented: true, source: 'agent', recordedBy: agent.username },
    });
    const actions = (
      await db().selectFrom('audit_events').select('action').where('entity_id', 'in', [caseNo, order.member_uid]).execute()
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['case.store_request', 'member.store_consent', 'case.store_answer_sent']));
    // answered: it no longer leads the queue
    const later = await caller.cases.list({ open: true, limit: 20 });
    expect(later.items.find((i) => i.caseNo === caseNo)?.storeRespondBy).toBeNull();
  });

  it('reuses the open case; an unused order asks for a full refund; Apple failing is recorded and can be retried', async () => {
    const { order } = await appleOrder({ activatedDaysAgo: null, paidDaysAgo: 2 });
    await db().deleteFrom('usage_events').where('order_no', '=', order.order_no).execute();
    const { caseNo, caller } = await openCase(order.order_no);
    const res = await post(signed('CONSUMPTION_REQUEST', order.transaction_id).signedPayload);
    expect(res.body.caseNo).toBe(caseNo);
    const got = await caller.cases.get({ caseNo });
    expect(got.storeRequest).toMatchObject({ consumptionPercentage: 0, refundPreference: 'GRANT_FULL' });
    await caller.cases.recordStoreConsent({ caseNo, consented: true, note: 'member agreed on the phone' });
    await fake.failNext();
    await expect(caller.cases.sendStoreAnswer({ caseNo })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((await caller.cases.get({ caseNo })).storeRequest).toMatchObject({ sentAt: null, lastError: 'Apple answered HTTP 500' });
    await caller.cases.sendStoreAnswer({ caseNo });
    expect((await caller.cases.get({ caseNo })).storeRequest!.sentAt).not.toBeNull();
  });

  it('APPLE_CONSUMPTION_AUTO_SEND sends at once when the platform recorded consent, and not without it', async () => {
    desk.world.deps.config.apple = { ...desk.config, autoSend: true };
    const consenting = await appleOrder();
    await db()
      .withTables<{ member_consents: { member_uid: string; store_consumption_data: number; at: string } }>()
      .insertInto('member_consents')
      .values({ member_uid: consenting.member.uid, store_consumption_data: 1, at: desk.world.clock.now.toISOString() })
      .execute();
    const yes = await post(signed('CONSUMPTION_REQUEST', consenting.order.transaction_id).signedPayload);
    expect(yes.body.autoSent).toBe(true);
    expect((await fake.received()).filter((r) => r.transactionId === consenting.order.transaction_id)).toHaveLength(1);
    const silent = await appleOrder();
    const no = await post(signed('CONSUMPTION_REQUEST', silent.order.transaction_id).signedPayload);
    expect(no.body.autoSent).toBe(false);
    expect((await fake.received()).filter((r) => r.transactionId === silent.order.transaction_id)).toHaveLength(0);
    const audit = await db().selectFrom('audit_events').select(['actor_username']).where('action', '=', 'case.store_answer_sent').execute();
    expect(audit).toEqual([{ actor_username: 'auto' }]);
  });
});
