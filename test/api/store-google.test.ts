import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JSONWebKeySet } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlayGateway } from '../../server/adapters/play-gateway';
import { reconcileRefunds } from '../../server/refunds/reconcile-refunds';
import type { GoogleConfig } from '../../server/stores/google-config';
import { insertMember, insertOrder, insertPlans } from '../support/factories';
import { startFakePlayApi, type FakePlayApi } from '../support/fake-play-api-process';
import { auditEventCount } from '../support/audit-events';
import { listenOn } from '../support/http-server';
import { activeSubscription, openStoreCase, parkedWaits, postOrderPaid } from '../support/store-fixtures';
import { callerFor, createStaff, createTestWorld, type TestWorld } from '../support/test-db';
import { engineOf } from '../../server/db/engine';

// POST /api/v1/stores/google/rtdn over real HTTP on a real migrated database (docs/integration.md
// §6): Pub/Sub pushes of Google Play real-time developer notifications, each with an OIDC token
// signed (RS256) by a key the test makes and publishes in a local JWKS.

const AUDIENCE = 'https://refund-desk.example.com/api/v1/stores/google/rtdn';
const PUSHER = 'rtdn-push@refund-desk.iam.gserviceaccount.com';
const PACKAGE = 'com.example.refunddesk';
const DAY = 86_400_000;

let googleKey: CryptoKey;
let strangerKey: CryptoKey;
let jwks: JSONWebKeySet;
let play: FakePlayApi;
let playDir: TestWorld;

afterAll(async () => {
  await play?.stop();
  await playDir?.cleanup();
});

beforeAll(async () => {
  playDir = await createTestWorld();
  play = await startFakePlayApi(playDir.dir, PACKAGE);
  const google = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  googleKey = google.privateKey;
  strangerKey = stranger.privateKey;
  jwks = { keys: [{ ...(await exportJWK(google.publicKey)), kid: 'google-1', alg: 'RS256', use: 'sig' }] };
});

interface Desk {
  world: TestWorld;
  server: Server;
  base: string;
  config: GoogleConfig;
}
let desk: Desk;

beforeEach(async () => {
  const world = await createTestWorld();
  world.clock.now = new Date(); // tokens are checked against the server's clock
  await insertPlans(world.deps.db);
  const config: GoogleConfig = { push: { audience: AUDIENCE, jwks, serviceAccount: PUSHER }, packageName: PACKAGE, api: null };
  world.deps.config.google = config;
  const { server, base } = await listenOn(world);
  desk = { world, server, base, config };
});
afterEach(async () => {
  await new Promise((r) => desk.server.close(r));
  await desk.world.cleanup();
});

const db = () => desk.world.deps.db;
const nowMs = () => desk.world.clock.now.getTime();

async function token(
  opts: { key?: CryptoKey; kid?: string; aud?: string; iss?: string; email?: string; emailVerified?: boolean; expiresIn?: number } = {},
) {
  const now = Math.floor(nowMs() / 1000);
  return new SignJWT({ email: opts.email ?? PUSHER, email_verified: opts.emailVerified ?? true })
    .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'google-1', typ: 'JWT' })
    .setIssuer(opts.iss ?? 'https://accounts.google.com')
    .setAudience(opts.aud ?? AUDIENCE)
    .setSubject('112233445566778899')
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (opts.expiresIn ?? 3600))
    .sign(opts.key ?? googleKey);
}

function push(data: object, messageId = randomUUID()) {
  return {
    messageId,
    body: {
      message: { data: Buffer.from(JSON.stringify(data)).toString('base64'), messageId, publishTime: desk.world.clock.now.toISOString() },
      subscription: 'projects/refund-desk/subscriptions/play-rtdn',
    },
  };
}

const voidedData = (orderId: string, purchaseToken: string, extra: object = {}) => ({
  version: '1.0',
  packageName: PACKAGE,
  eventTimeMillis: String(nowMs() - 60_000),
  voidedPurchaseNotification: { purchaseToken, orderId, productType: 1, refundType: 1, ...extra },
});

const subscriptionData = (notificationType: number, purchaseToken: string) => ({
  version: '1.0',
  packageName: PACKAGE,
  eventTimeMillis: String(nowMs() - 60_000),
  subscriptionNotification: { version: '1.0', notificationType, purchaseToken, subscriptionId: 'vip.month' },
});

async function post(body: object, bearer?: string | null) {
  const res = await fetch(`${desk.base}/api/v1/stores/google/rtdn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer === null ? {} : { authorization: `Bearer ${bearer ?? (await token())}` }) },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { duplicate?: boolean; outcome?: string; caseNo?: string | null; error?: { message: string } },
  };
}

const auditCount = () => auditEventCount(db());

const storedNotifications = () =>
  db()
    .withTables<{ store_notifications: { notification_uuid: string; store: string; outcome: string } }>()
    .selectFrom('store_notifications')
    .selectAll()
    .execute();

let seq = 0;
/** A Google Play order: paid 10 days ago on the Android app, its transaction id the Play orderId. */
async function playOrder(fields: { activatedDaysAgo?: number | null; paidDaysAgo?: number } = {}) {
  seq++;
  const member = await insertMember(db());
  const orderId = `GPA.3345-1122-${String(seq).padStart(4, '0')}-${Math.floor(Math.random() * 1e5)}`;
  const purchaseToken = `tok-${randomUUID()}`;
  const order = await insertOrder(db(), member.uid, {
    payment_channel: 'google_play',
    platform: 'app_android',
    transaction_id: orderId,
    purchase_token: purchaseToken,
    paid_at: new Date(nowMs() - (fields.paidDaysAgo ?? 10) * DAY).toISOString(),
    activated_at: fields.activatedDaysAgo === null ? null : new Date(nowMs() - (fields.activatedDaysAgo ?? 10) * DAY).toISOString(),
  });
  return { member, order, orderId, purchaseToken };
}

const orderNow = (orderNo: string) =>
  db().selectFrom('orders').select(['refunded_fen', 'status', 'open_case_no']).where('order_no', '=', orderNo).executeTakeFirstOrThrow();

describe('Google Play RTDN: the push token', () => {
  it('refuses a missing, foreign-signed, expired, wrong-audience, wrong-issuer, unverified or other-account token: 401, nothing written', async () => {
    const { order, orderId, purchaseToken } = await playOrder();
    const before = await auditCount();
    const p = push(voidedData(orderId, purchaseToken)).body;
    const bad = [
      null,
      'not-a-jwt',
      await token({ key: strangerKey }),
      await token({ key: strangerKey, kid: 'other' }),
      await token({ expiresIn: -120 }),
      await token({ aud: 'https://elsewhere.example.com/push' }),
      await token({ iss: 'https://evil.example.com' }),
      await token({ emailVerified: false }),
      await token({ email: 'someone-else@project.iam.gserviceaccount.com' }),
    ];
    for (const t of bad) {
      const res = await post(p, t);
      expect(res.status).toBe(401);
    }
    expect(await auditCount()).toBe(before);
    expect(await storedNotifications()).toEqual([]);
    expect(await orderNow(order.order_no)).toMatchObject({ refunded_fen: 0, status: 'paid' });
  });

  it('refuses a body that is not a push or names another app: 400, nothing written; 404 when not configured', async () => {
    await playOrder();
    expect((await post({ hello: 'world' })).status).toBe(400);
    expect((await post({ message: { messageId: 'm1', data: '!!!notbase64json' } })).status).toBe(400);
    expect((await post(push({ ...subscriptionData(3, 'tok'), packageName: 'com.example.other' }).body)).status).toBe(400);
    expect(await storedNotifications()).toEqual([]);
    desk.world.deps.config.google = null;
    expect((await post(push(subscriptionData(3, 'tok')).body)).status).toBe(404);
  });
});

describe('Google Play RTDN: effects', () => {
  it('a void refunds the order by the store, revokes the entitlement and closes the open case; a redelivery changes nothing', async () => {
    const { order, orderId, purchaseToken } = await playOrder();
    const agent = await createStaff(desk.world, { role: 'agent' });
    const caller = callerFor(desk.world, agent);
    const { caseNo } = await caller.cases.create({
      orderNo: order.order_no,
      channel: 'app',
      reason: 'unused',
      requested: 'full',
      statement: '不想要了',
    });
    const p = push(voidedData(orderId, purchaseToken));
    const res = await post(p.body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ duplicate: false, outcome: 'applied', caseNo });
    expect(await orderNow(order.order_no)).toEqual({ refunded_fen: order.paid_fen, status: 'refunded', open_case_no: null });
    const ent = await db().selectFrom('entitlements').select('revoked_at').where('order_no', '=', order.order_no).executeTakeFirstOrThrow();
    expect(ent.revoked_at).toBe(new Date(nowMs() - 60_000).toISOString());
    const got = await caller.cases.get({ caseNo });
    expect(got.case.status).toBe('closed');
    expect(got.decisions.at(-1)).toMatchObject({ action: 'store_refunded', actor: 'google_play' });
    const audit = await db()
      .selectFrom('audit_events')
      .select(['after', 'actor_username'])
      .where('action', '=', 'order.store_refund')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toBe('google_play');
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ messageId: p.messageId, source: 'store', orderId, amountFen: order.paid_fen });
    // the order page's store view: refunded by Google, for what was paid
    expect((await caller.orders.get({ orderNo: order.order_no })).store).toMatchObject({
      store: 'google',
      refundStatus: 'refunded',
      refundStatusAt: new Date(nowMs() - 60_000).toISOString(),
      storeRefundedFen: order.paid_fen,
      notifications: [{ id: `google:${p.messageId}`, type: 'voidedPurchaseNotification', outcome: 'applied', refundedFen: order.paid_fen }],
      consumptionAnswers: [],
    });

    const before = await auditCount();
    const again = await post(p.body);
    expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await auditCount()).toBe(before);
    // another message voiding the same order again: stale, never a second refund
    const twice = await post(push(voidedData(orderId, purchaseToken)).body);
    expect(twice.body.outcome).toBe('stale');
    expect(await orderNow(order.order_no)).toMatchObject({ refunded_fen: order.paid_fen });
  });

  it('a void of an unknown order is parked, and applied when the platform’s order.paid brings it', async () => {
    const member = await insertMember(db());
    const orderId = 'GPA.9999-0000-1111-22222';
    const p = push(voidedData(orderId, 'tok-unknown'));
    expect((await post(p.body)).body.outcome).toBe('parked');
    expect(await parkedWaits(db())).toEqual([{ event_id: `google:${p.messageId}`, waits_key: orderId }]);
    const res = await postOrderPaid(desk.world, desk.base, {
      id: 'evt-google-paid-1',
      orderNo: 'KMGOOGLE0001',
      memberUid: member.uid,
      paymentChannel: 'google_play',
      transactionId: orderId,
      purchaseToken: 'tok-unknown',
      platform: 'app_android',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unparked: 1 });
    expect(await orderNow('KMGOOGLE0001')).toMatchObject({ refunded_fen: 2500, status: 'refunded' });
    const o = await db()
      .selectFrom('orders')
      .select(['payment_channel', 'purchase_token'])
      .where('order_no', '=', 'KMGOOGLE0001')
      .executeTakeFirstOrThrow();
    expect(o).toEqual({ payment_channel: 'google_play', purchase_token: 'tok-unknown' });
  });

  it('subscription notifications: canceled and expired turn auto-renew off, renewed and restarted turn it on, others are ignored', async () => {
    const { member, order, purchaseToken } = await playOrder();
    const sub = await activeSubscription(db(), member.uid, order);
    expect((await post(push(subscriptionData(3, purchaseToken)).body)).body.outcome).toBe('applied');
    expect(await sub()).toEqual({ status: 'cancelled', cancelled_by: 'google_play' });
    await post(push(subscriptionData(7, purchaseToken)).body);
    expect(await sub()).toEqual({ status: 'active', cancelled_by: null });
    await post(push(subscriptionData(13, purchaseToken)).body);
    expect(await sub()).toEqual({ status: 'cancelled', cancelled_by: 'google_play (expired)' });
    await post(push(subscriptionData(2, purchaseToken)).body);
    expect(await sub()).toEqual({ status: 'active', cancelled_by: null });
    expect((await post(push(subscriptionData(4, purchaseToken)).body)).body.outcome).toBe('ignored');
    expect(await sub()).toEqual({ status: 'active', cancelled_by: null });
    const actions = await db().selectFrom('audit_events').select('action').where('action', '=', 'subscription.store_renewal').execute();
    expect(actions).toHaveLength(4);
  });
});

describe('the google_play payment channel (migration 2026-12-06T21-google-play)', () => {
  it('orders accept google_play and still refuse an unknown channel; the rebuilt table keeps its indexes and foreign keys', async () => {
    const { order } = await playOrder();
    expect(order.payment_channel).toBe('google_play');
    const member = await insertMember(db());
    // SQLite: "CHECK constraint failed"; PostgreSQL: "violates check constraint" (and the same for foreign keys)
    await expect(insertOrder(db(), member.uid, { payment_channel: 'paypal' as 'alipay' })).rejects.toThrow(/CHECK constraint/i);
    await expect(insertOrder(db(), 'no-such-member', {})).rejects.toThrow(/FOREIGN KEY/i);
    const raw = desk.world.deps.db;
    const { sql } = await import('kysely');
    const postgres = engineOf(raw) === 'postgres';
    const indexes = (
      await (
        postgres
          ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'orders'`
          : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'orders' and sql is not null`
      ).execute(raw)
    ).rows.map((r) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'orders_sort_at',
        'orders_member',
        'orders_channel',
        'orders_status_channel_sort_at',
        'orders_purchase_token',
      ]),
    );
    if (!postgres) expect((await sql`pragma foreign_key_check`.execute(raw)).rows).toEqual([]); // PostgreSQL checks every row as it is written
  });
});

describe('Google Play refunds from the console', () => {
  /** The console's settings for the Play Developer API at `base`, with the fake's service account. */
  const playApiAt = (base: string) => ({
    base,
    packageName: PACKAGE,
    clientEmail: play.key.client_email,
    privateKeyPem: play.key.private_key,
    tokenUri: play.key.token_uri,
  });

  /** The console's gateway with the Play Developer API in front, talking to the fake in its own process. */
  function withPlay() {
    const api = playApiAt(play.base);
    desk.world.deps.config.google = { ...desk.config, api };
    desk.world.deps.gateway = createPlayGateway(api, db(), desk.world.deps.gateway);
  }

  it('refunds a whole order through the Play API exactly once (refund and revoke); Google’s void of it settles nothing twice', async () => {
    withPlay();
    const { order, orderId, purchaseToken } = await playOrder({ activatedDaysAgo: null, paidDaysAgo: 2 });
    const { caller: api, caseNo } = await openStoreCase(desk.world, order.order_no, { requested: 'full', statement: '没用过' });
    const quote = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(quote).toMatchObject({ outcome: 'full', amountFen: order.paid_fen });
    const result = await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'play-key-0001' });
    expect(result).toMatchObject({ status: 'refunded' });
    // a double click: the same key answers the same, and Google is not asked to pay again
    await expect(api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'play-key-0001' })).resolves.toEqual(result);
    const seen = await play.received();
    expect(seen.refunded.filter((id) => id === orderId)).toEqual([orderId]);
    expect(seen.requests.filter((r) => r.orderId === orderId).every((r) => r.revoke)).toBe(true);
    expect(await orderNow(order.order_no)).toMatchObject({ refunded_fen: order.paid_fen, status: 'refunded' });
    const refunds = await db()
      .selectFrom('refunds')
      .select(['status', 'gateway_ref', 'amount_fen'])
      .where('order_no', '=', order.order_no)
      .execute();
    expect(refunds).toEqual([{ status: 'succeeded', gateway_ref: `play:${orderId}`, amount_fen: order.paid_fen }]);

    // Google then tells of the void it made at the console's request: nothing counts twice
    const before = await auditCount();
    const res = await post(push(voidedData(orderId, purchaseToken, { voidedSource: 1 })).body);
    expect(res.body.outcome).toBe('stale');
    expect(await orderNow(order.order_no)).toMatchObject({ refunded_fen: order.paid_fen });
    expect(await db().selectFrom('refunds').select('id').where('order_no', '=', order.order_no).execute()).toHaveLength(1);
    expect(await auditCount()).toBe(before + 1); // the stale notification, audited
    // the store's view: Google refunded it, the console's own refund, not a store refund
    expect((await api.cases.get({ caseNo })).case.status).toBe('refunded');
    expect((await api.orders.get({ orderNo: order.order_no })).store).toMatchObject({ refundStatus: 'refunded', storeRefundedFen: null });
  });

  it('the dashboard counts Google’s own refunds apart from the console’s refunds of Google Play orders', async () => {
    withPlay();
    const localDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai
    const range = { from: localDate(nowMs() - DAY), to: localDate(nowMs() + DAY) };
    const supervisor = callerFor(desk.world, await createStaff(desk.world, { role: 'supervisor' }));
    // the console refunds one order in full through the Play API, and Google tells of that void
    const ours = await playOrder({ activatedDaysAgo: null, paidDaysAgo: 2 });
    const { caller: api, caseNo } = await openStoreCase(desk.world, ours.order.order_no, { requested: 'full', statement: '没用过' });
    const quote = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'play-key-dash1' });
    await post(push(voidedData(ours.orderId, ours.purchaseToken, { voidedSource: 1 })).body);
    // Google refunds another on its own
    const theirs = await playOrder();
    await post(push(voidedData(theirs.orderId, theirs.purchaseToken)).body);

    const summary = await supervisor.dashboard.summary(range);
    expect(summary.totals).toMatchObject({ refunds: 1, amountFen: ours.order.paid_fen });
    expect(summary.storeRefunds).toEqual({
      count: 1,
      amountFen: theirs.order.paid_fen,
      byStore: [{ key: 'google', count: 1, amountFen: theirs.order.paid_fen }],
    });
  });

  it('a void the console started settles its pending refund (answer lost) instead of counting a second refund', async () => {
    withPlay();
    // the Play API unreachable: the refund stays pending
    desk.world.deps.gateway = createPlayGateway(playApiAt('http://127.0.0.1:9'), db(), desk.world.deps.gateway);
    const { order, orderId, purchaseToken } = await playOrder({ activatedDaysAgo: null, paidDaysAgo: 2 });
    const { caller: api, caseNo } = await openStoreCase(desk.world, order.order_no, { requested: 'full', statement: '没用过' });
    const quote = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    const first = await api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'play-key-0002' });
    expect(first.status).toBe('approved'); // paid back not yet: the refund waits at the gateway
    expect(await db().selectFrom('refunds').select('status').where('order_no', '=', order.order_no).execute()).toEqual([
      { status: 'pending' },
    ]);
    const res = await post(push(voidedData(orderId, purchaseToken, { voidedSource: 1 })).body);
    expect(res.body).toMatchObject({ outcome: 'applied', caseNo });
    const refunds = await db().selectFrom('refunds').select(['status', 'amount_fen']).where('order_no', '=', order.order_no).execute();
    expect(refunds).toEqual([{ status: 'succeeded', amount_fen: order.paid_fen }]);
    expect(await orderNow(order.order_no)).toMatchObject({ refunded_fen: order.paid_fen, status: 'refunded' });
    expect((await api.cases.get({ caseNo })).case.status).toBe('refunded');
    expect((await api.orders.get({ orderNo: order.order_no })).store).toMatchObject({ refundStatus: 'refunded', storeRefundedFen: null });
    // the reconciler has nothing left to send
    expect(await reconcileRefunds(db(), desk.world.deps.gateway, () => new Date(nowMs() + DAY))).toBe(0);
  });

  it('refuses a prorated or partial refund of a Google Play order before anyone proposes or approves it; nothing reaches Google', async () => {
    withPlay();
    const { order, orderId } = await playOrder(); // activated 10 days ago: the policy pays a prorated share
    const { caller: api, caseNo } = await openStoreCase(desk.world, order.order_no, { requested: 'prorated', statement: '剩余天数退款' });
    const quote = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(quote.outcome).toBe('prorated');
    expect(quote.amountFen).toBeLessThan(order.paid_fen);
    const refusal = { code: 'PRECONDITION_FAILED', message: expect.stringMatching(/Google Play refunds only a whole order/) };
    await expect(api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'play-key-0003' })).rejects.toMatchObject(refusal);
    await expect(api.cases.propose({ caseNo, quoteId: quote.quoteId, note: '按比例' })).rejects.toMatchObject(refusal);
    expect(await db().selectFrom('refunds').select('id').where('order_no', '=', order.order_no).execute()).toEqual([]);
    expect((await api.cases.get({ caseNo })).case.status).not.toBe('approved');
    expect((await play.received()).requests.filter((r) => r.orderId === orderId)).toEqual([]);
  });
});
