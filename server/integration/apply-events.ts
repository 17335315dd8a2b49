import { sql, type Insertable } from 'kysely';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';
import { settleRefundIn } from '../refunds/settle-refund';
import { nameGrams } from '../../shared/search-query';
import type { CheckedEvent, EventOf, PlatformEvent } from './events';
import { ingestDb, type IngestDb, type IngestEventsTable, type WaitsFor } from './ingest-schema';

// Applies a batch of checked events in ONE write transaction (docs/integration.md §1):
// - by event id: a replay (same id, same body) is a duplicate and changes nothing; the same id
//   with another body refuses the whole batch (409), nothing written;
// - an event naming a member, plan, order, refund or message not known yet is parked with the
//   reason, and applied when that arrives (in the same transaction as its arrival);
// - an older fact never overwrites a newer one: each kind of fact about an entity keeps the
//   (occurredAt, event id) it holds in ingest_versions, and only a later pair replaces it — so
//   any order of arrival converges to the same state;
// - one audit event per batch names its event ids and what each did.

export const PLATFORM_ACTOR: Actor = { id: null, username: 'platform', role: 'system' };

export interface IngestResult {
  batchId: string;
  accepted: number;
  duplicates: number;
  parked: number;
  stale: number;
  /** events parked earlier (this batch's or before) that this batch's arrivals let through */
  unparked: number;
}

type Outcome = 'applied' | 'parked' | 'stale';

export async function ingestBatch(db: Db, events: CheckedEvent[], now: Date): Promise<IngestResult> {
  const batchId = crypto.randomUUID();
  return writeTx(db, async (plain) => {
    // duplicates and conflicts first: a conflict refuses the batch before anything is written
    const { fresh, duplicates, conflicts } = await sortOut(plain, events);
    if (conflicts.length > 0)
      throw new DomainError('CONFLICT', `${conflicts.length} event id(s) were seen before with a different body; nothing was written`, {
        details: { eventIds: conflicts.slice(0, 50).map((e) => e.event.id) },
      });
    let applied: Applied;
    try {
      applied = await applyFresh(plain, fresh, now, batchId);
    } catch (error) {
      if (error instanceof EventRefused) throw refusalOf(error.cause, events.indexOf(error.checked), error.checked.event);
      throw error;
    }
    const result: IngestResult = { batchId, duplicates, ...applied.counts };
    if (fresh.length > 0)
      await recordAudit(
        plain,
        PLATFORM_ACTOR,
        {
          action: 'integration.events_ingested',
          entityType: 'ingest_batch',
          entityId: batchId,
          after: {
            ...result,
            applied: applied.outcomes.applied,
            parkedIds: applied.outcomes.parked,
            staleIds: applied.outcomes.stale,
            unparkedIds: applied.unparked,
          },
        },
        now,
      );
    return result;
  });
}

export interface Sorted {
  /** events whose id the console has not seen (the first of each id within the list) */
  fresh: CheckedEvent[];
  /** replays: an id seen before with the same body */
  duplicates: number;
  /** an id seen before with another body */
  conflicts: CheckedEvent[];
}

/** Tells new events from replays and conflicts by event id (inside the write transaction). */
export async function sortOut(plain: Db, events: CheckedEvent[]): Promise<Sorted> {
  const tx = ingestDb(plain);
  const seen = new Map<string, string>();
  const known = new Map<string, string>();
  const ids = events.map((e) => e.event.id);
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await tx
      .selectFrom('ingest_events')
      .select(['id', 'body_sha256'])
      .where('id', 'in', ids.slice(i, i + 400))
      .execute();
    for (const r of rows) known.set(r.id, r.body_sha256);
  }
  const fresh: CheckedEvent[] = [];
  const conflicts: CheckedEvent[] = [];
  let duplicates = 0;
  for (const e of events) {
    const before = known.get(e.event.id) ?? seen.get(e.event.id);
    if (before === undefined) {
      seen.set(e.event.id, e.sha256);
      fresh.push(e);
    } else if (before === e.sha256) duplicates++;
    else conflicts.push(e);
  }
  return { fresh, duplicates, conflicts };
}

/** An event the database refused (a constraint); the transaction must roll back. */
export class EventRefused extends Error {
  constructor(
    readonly checked: CheckedEvent,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export interface Applied {
  counts: Omit<IngestResult, 'batchId' | 'duplicates'>;
  outcomes: Record<Outcome, string[]>;
  unparked: string[];
}

/**
 * Applies events sorted out as fresh (sortOut) inside the caller's write transaction and records
 * each id in ingest_events. Throws EventRefused naming the event the database refused.
 */
export async function applyFresh(plain: Db, fresh: CheckedEvent[], now: Date, batchId: string): Promise<Applied> {
  const tx = ingestDb(plain);
  const nowIso = now.toISOString();
  const outcomes: Record<Outcome, string[]> = { applied: [], parked: [], stale: [] };
  const unparked: string[] = [];
  const applier = new Applier(tx, plain, now, unparked);
  const received: Insertable<IngestEventsTable>[] = [];
  for (const checked of fresh) {
    const { event, sha256 } = checked;
    const outcome = await applier.apply(event).catch((error: unknown) => {
      throw isConstraint(error) ? new EventRefused(checked, error) : error;
    });
    outcomes[outcome].push(event.id);
    received.push({
      id: event.id,
      type: event.type,
      body_sha256: sha256,
      occurred_at: event.occurredAt,
      received_at: nowIso,
      batch_id: batchId,
      outcome,
    });
  }
  // one statement per 100 ids rather than one per event
  for (let i = 0; i < received.length; i += 100)
    await tx
      .insertInto('ingest_events')
      .values(received.slice(i, i + 100))
      .execute();
  // an event parked and let through within this batch counts as applied here
  const gone = new Set(unparked);
  const parkedStill = outcomes.parked.filter((id) => !gone.has(id));
  if (unparked.length > 0) {
    for (let i = 0; i < unparked.length; i += 400)
      await tx
        .updateTable('ingest_events')
        .set({ outcome: 'applied' })
        .where('id', 'in', unparked.slice(i, i + 400))
        .execute();
    outcomes.applied.push(...outcomes.parked.filter((id) => gone.has(id)));
    outcomes.parked = parkedStill;
  }
  return {
    counts: { accepted: fresh.length, parked: parkedStill.length, stale: outcomes.stale.length, unparked: unparked.length },
    outcomes,
    unparked,
  };
}

class Parked extends Error {
  constructor(
    readonly waitsFor: WaitsFor,
    readonly key: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const USAGE_KIND = { login: 'login', play: 'playback', discount: 'discount_use', item_redeem: 'perk_redemption' } as const;

class Applier {
  constructor(
    private readonly tx: IngestDb,
    private readonly plain: Db,
    private readonly now: Date,
    private readonly unparked: string[],
  ) {}

  /** Applies one event, parking it if it names something unknown; what it unblocks follows. */
  async apply(event: PlatformEvent): Promise<Outcome> {
    let outcome: Outcome;
    try {
      outcome = (await this.applyOne(event)) ? 'applied' : 'stale';
    } catch (error) {
      if (!(error instanceof Parked)) throw error;
      await this.tx
        .insertInto('ingest_parked')
        .values({
          event_id: event.id,
          type: event.type,
          waits_for: error.waitsFor,
          waits_key: error.key,
          reason: error.reason,
          event: JSON.stringify(event),
          occurred_at: event.occurredAt,
          parked_at: this.now.toISOString(),
        })
        .onConflict((oc) => oc.column('event_id').doUpdateSet({ waits_for: error.waitsFor, waits_key: error.key, reason: error.reason }))
        .execute();
      return 'parked';
    }
    return outcome;
  }

  /** Lets through the events parked waiting for this member, plan, order, refund or message. */
  private async arrived(waitsFor: WaitsFor, key: string): Promise<void> {
    const waiting = await this.tx
      .selectFrom('ingest_parked')
      .select(['event_id', 'event'])
      .where('waits_for', '=', waitsFor)
      .where('waits_key', '=', key)
      .orderBy('occurred_at')
      .orderBy('event_id')
      .execute();
    for (const w of waiting) {
      await this.tx.deleteFrom('ingest_parked').where('event_id', '=', w.event_id).execute();
      const outcome = await this.apply(JSON.parse(w.event) as PlatformEvent);
      if (outcome !== 'parked') this.unparked.push(w.event_id);
    }
  }

  /** True when (occurredAt, id) is later than what the console holds for this fact; then it holds this one. */
  private async newer(entity: string, key: string, event: PlatformEvent): Promise<boolean> {
    const held = await this.tx
      .selectFrom('ingest_versions')
      .select(['occurred_at', 'event_id'])
      .where('entity', '=', entity)
      .where('key', '=', key)
      .executeTakeFirst();
    if (held && (held.occurred_at > event.occurredAt || (held.occurred_at === event.occurredAt && held.event_id >= event.id))) return false;
    await this.tx
      .insertInto('ingest_versions')
      .values({ entity, key, occurred_at: event.occurredAt, event_id: event.id })
      .onConflict((oc) => oc.columns(['entity', 'key']).doUpdateSet({ occurred_at: event.occurredAt, event_id: event.id }))
      .execute();
    return true;
  }

  private async needMember(uid: string) {
    const m = await this.tx.selectFrom('members').select('uid').where('uid', '=', uid).executeTakeFirst();
    if (!m) throw new Parked('member', uid, `member ${uid} is not known yet`);
  }

  private async needPlan(code: string) {
    const p = await this.tx.selectFrom('plans').select(['code', 'duration_days']).where('code', '=', code).executeTakeFirst();
    if (!p) throw new Parked('plan', code, `plan ${code} is not known yet`);
    return p;
  }

  private async needOrder(orderNo: string) {
    const o = await this.tx
      .selectFrom('orders')
      .select(['order_no', 'member_uid', 'plan_code', 'paid_fen', 'refunded_fen', 'status'])
      .where('order_no', '=', orderNo)
      .executeTakeFirst();
    if (!o) throw new Parked('order', orderNo, `order ${orderNo} is not known yet`);
    return o;
  }

  private async applyOne(event: PlatformEvent): Promise<boolean> {
    switch (event.type) {
      case 'plan.upserted':
        return this.plan(event);
      case 'member.upserted':
        return this.member(event);
      case 'member.consent':
        return this.consent(event);
      case 'order.created':
        return this.orderCreated(event);
      case 'order.paid':
        return this.orderPaid(event);
      case 'order.payment_failed':
        return this.orderFailed(event);
      case 'order.flagged':
        return this.orderFlagged(event);
      case 'order.refunded':
        return this.orderRefunded(event);
      case 'entitlement.activated':
        return this.entitlementActivated(event);
      case 'usage.recorded':
        return this.usage(event);
      case 'subscription.updated':
        return this.subscription(event);
      case 'refund.settled':
      case 'refund.failed':
        return this.refund(event);
      case 'message.delivered':
      case 'message.failed':
        return this.message(event);
    }
  }

  private async plan(event: EventOf<'plan.upserted'>) {
    const d = event.data;
    if (!(await this.newer('plan', d.code, event))) return false;
    const row = {
      name_zh: d.nameZh,
      name_en: d.nameEn,
      tier: d.tier,
      duration_days: d.durationDays,
      price_fen: d.priceFen,
      auto_renew: d.autoRenew ? 1 : 0,
    };
    await this.tx
      .insertInto('plans')
      .values({ code: d.code, ...row })
      .onConflict((oc) => oc.column('code').doUpdateSet(row))
      .execute();
    await this.arrived('plan', d.code);
    return true;
  }

  private async member(event: EventOf<'member.upserted'>) {
    const d = event.data;
    if (!(await this.newer('member', d.uid, event))) return false;
    const held = await this.tx.selectFrom('members').select(['nickname', 'registered_at']).where('uid', '=', d.uid).executeTakeFirst();
    // an upsert is the member's whole record as of occurredAt: a field left out is empty
    const row = {
      nickname: d.nickname,
      phone: d.phone ?? '',
      phone_last4: (d.phone ?? '').slice(-4),
      email: d.email ?? null,
      registered_at: d.registeredAt ?? held?.registered_at ?? event.occurredAt,
    };
    if (held) await this.tx.updateTable('members').set(row).where('uid', '=', d.uid).execute();
    else
      await this.tx
        .insertInto('members')
        .values({ uid: d.uid, ...row })
        .execute();
    if (held?.nickname !== d.nickname) await this.indexName(d.uid, held?.nickname ?? null, d.nickname);
    await this.arrived('member', d.uid);
    return true;
  }

  /**
   * The name indexes the order search reads (server/orders/search-orders.ts), kept by key: the old
   * name's grams by their primary key, the trigram row by the member's rowid (as the seed writes
   * it). Neither table can be searched by uid without reading all of it — at a million members
   * that was most of an import's time.
   */
  private async indexName(uid: string, old: string | null, nickname: string) {
    const { rowid } = (await sql<{ rowid: number }>`select rowid from members where uid = ${uid}`.execute(this.tx)).rows[0]!;
    if (old !== null) {
      const gone = await sql`delete from member_name_fts where rowid = ${rowid} and uid = ${uid}`.execute(this.tx);
      // a row written before the trigram rowid followed the member's (the first ingest): found by uid
      if (Number(gone.numAffectedRows ?? 0) === 0) await sql`delete from member_name_fts where uid = ${uid}`.execute(this.tx);
      for (const gram of nameGrams(old))
        await this.tx.deleteFrom('member_name_grams').where('gram', '=', gram).where('member_uid', '=', uid).execute();
    }
    const taken = (await sql`select 1 from member_name_fts where rowid = ${rowid}`.execute(this.tx)).rows.length > 0;
    if (taken) await sql`insert into member_name_fts (nickname, uid) values (${nickname}, ${uid})`.execute(this.tx);
    else await sql`insert into member_name_fts (rowid, nickname, uid) values (${rowid}, ${nickname}, ${uid})`.execute(this.tx);
    await this.tx
      .insertInto('member_name_grams')
      .values(nameGrams(nickname).map((gram) => ({ gram, member_uid: uid })))
      .execute();
  }

  private async consent(event: EventOf<'member.consent'>) {
    const d = event.data;
    await this.needMember(d.uid);
    if (!(await this.newer('member.consent', d.uid, event))) return false;
    const row = { store_consumption_data: d.storeConsumptionData ? 1 : 0, at: d.at };
    await this.tx
      .insertInto('member_consents')
      .values({ member_uid: d.uid, ...row })
      .onConflict((oc) => oc.column('member_uid').doUpdateSet(row))
      .execute();
    return true;
  }

  private async orderCreated(event: EventOf<'order.created'>) {
    const d = event.data;
    if (!(await this.newer('order.created', d.orderNo, event))) return false;
    const row = {
      member_uid: d.memberUid,
      plan_code: d.planCode,
      price_fen: d.priceFen,
      created_at: d.createdAt,
      platform: d.platform,
      payment_channel: d.paymentChannel,
    };
    await this.tx
      .insertInto('ingest_order_drafts')
      .values({ order_no: d.orderNo, ...row })
      .onConflict((oc) => oc.column('order_no').doUpdateSet(row))
      .execute();
    // the order's creation time is the created fact's, whichever of created and paid came first
    await this.tx.updateTable('orders').set({ created_at: d.createdAt }).where('order_no', '=', d.orderNo).execute();
    await this.arrived('order', d.orderNo);
    return true;
  }

  private async orderPaid(event: EventOf<'order.paid'>) {
    const d = event.data;
    await this.needMember(d.memberUid);
    const plan = await this.needPlan(d.planCode);
    if (!(await this.newer('order.payment', d.orderNo, event))) return false;
    const held = await this.tx.selectFrom('orders').select(['refunded_fen']).where('order_no', '=', d.orderNo).executeTakeFirst();
    const refunded = held?.refunded_fen ?? 0;
    const row = {
      member_uid: d.memberUid,
      plan_code: d.planCode,
      paid_fen: d.paidFen,
      status: statusFor(d.paidFen, refunded),
      payment_channel: d.paymentChannel,
      platform: d.platform,
      transaction_id: d.transactionId,
      paid_at: d.paidAt,
    };
    if (held) await this.tx.updateTable('orders').set(row).where('order_no', '=', d.orderNo).execute();
    else {
      const draft = await this.tx
        .selectFrom('ingest_order_drafts')
        .select('created_at')
        .where('order_no', '=', d.orderNo)
        .executeTakeFirst();
      await this.tx
        .insertInto('orders')
        .values({ order_no: d.orderNo, ...row, created_at: draft?.created_at ?? d.paidAt })
        .execute();
    }
    const startsAt = d.paidAt;
    const endsAt = new Date(Date.parse(d.paidAt) + plan.duration_days * 86_400_000).toISOString();
    await this.tx
      .insertInto('entitlements')
      .values({ order_no: d.orderNo, member_uid: d.memberUid, starts_at: startsAt, ends_at: endsAt, activated_at: null, revoked_at: null })
      .onConflict((oc) => oc.column('order_no').doUpdateSet({ member_uid: d.memberUid, starts_at: startsAt, ends_at: endsAt }))
      .execute();
    await this.arrived('order', d.orderNo);
    return true;
  }

  private async orderFailed(event: EventOf<'order.payment_failed'>) {
    const d = event.data;
    const held = await this.tx.selectFrom('orders').select(['order_no']).where('order_no', '=', d.orderNo).executeTakeFirst();
    if (!held) {
      const draft = await this.tx.selectFrom('ingest_order_drafts').selectAll().where('order_no', '=', d.orderNo).executeTakeFirst();
      if (!draft) throw new Parked('order', d.orderNo, `order ${d.orderNo} is not known yet (no order.created or order.paid)`);
      await this.needMember(draft.member_uid);
      await this.needPlan(draft.plan_code);
      if (!(await this.newer('order.payment', d.orderNo, event))) return false;
      await this.tx
        .insertInto('orders')
        .values({
          order_no: d.orderNo,
          member_uid: draft.member_uid,
          plan_code: draft.plan_code,
          paid_fen: 0,
          status: 'payment_failed',
          payment_channel: draft.payment_channel as 'alipay',
          platform: draft.platform as 'web',
          // the orders table wants a unique transaction id; a failed payment has none
          transaction_id: `failed:${d.orderNo}`,
          created_at: draft.created_at,
          paid_at: null,
        })
        .execute();
      await this.arrived('order', d.orderNo);
      return true;
    }
    if (!(await this.newer('order.payment', d.orderNo, event))) return false;
    await this.tx.updateTable('orders').set({ status: 'payment_failed' }).where('order_no', '=', d.orderNo).execute();
    return true;
  }

  private async orderFlagged(event: EventOf<'order.flagged'>) {
    const d = event.data;
    await this.needOrder(d.orderNo);
    if (!(await this.newer('order.anomaly', d.orderNo, event))) return false;
    await this.tx.updateTable('orders').set({ anomaly: d.anomaly }).where('order_no', '=', d.orderNo).execute();
    return true;
  }

  private async orderRefunded(event: EventOf<'order.refunded'>) {
    const d = event.data;
    const order = await this.needOrder(d.orderNo);
    // amounts add up (each refund its own event); never past what was paid (the CHECK's rule)
    const refunded = Math.min(order.paid_fen, order.refunded_fen + d.amountFen);
    await this.tx
      .updateTable('orders')
      .set({ refunded_fen: refunded, status: statusFor(order.paid_fen, refunded) })
      .where('order_no', '=', d.orderNo)
      .execute();
    if (refunded >= order.paid_fen)
      await this.tx
        .updateTable('entitlements')
        .set({ revoked_at: d.at })
        .where('order_no', '=', d.orderNo)
        .where('revoked_at', 'is', null)
        .execute();
    return true;
  }

  private async entitlementActivated(event: EventOf<'entitlement.activated'>) {
    const d = event.data;
    await this.needOrder(d.orderNo);
    const ent = await this.tx.selectFrom('entitlements').select('order_no').where('order_no', '=', d.orderNo).executeTakeFirst();
    if (!ent) throw new Parked('order', d.orderNo, `order ${d.orderNo} has no entitlement yet (not paid)`);
    if (!(await this.newer('entitlement.activation', d.orderNo, event))) return false;
    await this.tx.updateTable('entitlements').set({ activated_at: d.at }).where('order_no', '=', d.orderNo).execute();
    return true;
  }

  private async usage(event: EventOf<'usage.recorded'>) {
    const d = event.data;
    await this.needOrder(d.orderNo);
    await this.tx
      .insertInto('usage_events')
      .values({
        order_no: d.orderNo,
        at: d.at,
        kind: USAGE_KIND[d.kind],
        detail: d.detail ?? '',
        value_fen: d.amountFen ?? null,
        ip: d.ip ?? null,
        device: d.device ?? null,
      })
      .execute();
    return true;
  }

  private async subscription(event: EventOf<'subscription.updated'>) {
    const d = event.data;
    await this.needMember(d.memberUid);
    await this.needPlan(d.planCode);
    const held = await this.tx
      .selectFrom('subscriptions')
      .select(['id', 'started_at'])
      .where('member_uid', '=', d.memberUid)
      .where('plan_code', '=', d.planCode)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    // started: the earliest fact about it, whatever order they came in
    const startedAt = held && held.started_at < event.occurredAt ? held.started_at : event.occurredAt;
    if (!(await this.newer('subscription', `${d.memberUid}/${d.planCode}`, event))) {
      if (held && startedAt !== held.started_at)
        await this.tx.updateTable('subscriptions').set({ started_at: startedAt }).where('id', '=', held.id).execute();
      return false;
    }
    const active = d.status === 'active';
    const row = {
      status: active ? ('active' as const) : ('cancelled' as const),
      started_at: startedAt,
      next_charge_at: active ? (d.nextChargeAt ?? null) : null,
      cancelled_at: active ? null : event.occurredAt,
      // the code has no 'expired' status: an expired subscription is a cancelled one, said so here
      cancelled_by: active ? null : d.status === 'expired' ? 'platform (expired)' : 'platform',
    };
    if (held) await this.tx.updateTable('subscriptions').set(row).where('id', '=', held.id).execute();
    else
      await this.tx
        .insertInto('subscriptions')
        .values({ member_uid: d.memberUid, plan_code: d.planCode, ...row })
        .execute();
    return true;
  }

  private async refund(event: EventOf<'refund.settled'> | EventOf<'refund.failed'>) {
    const d = event.data;
    const refund = await this.tx
      .selectFrom('refunds')
      .select(['id', 'status'])
      .where('idempotency_key', '=', d.idempotencyKey)
      .executeTakeFirst();
    if (!refund) throw new Parked('refund', d.idempotencyKey, `no refund with idempotency key ${d.idempotencyKey}`);
    if (refund.status !== 'pending') return false; // settled already: the first answer stands
    await settleRefundIn(
      this.plain,
      refund.id,
      event.type === 'refund.settled'
        ? { status: 'succeeded', gatewayRef: d.gatewayRef ?? `platform:${event.id}` }
        : { status: 'failed', reason: d.reason ?? 'the gateway refused the refund' },
      PLATFORM_ACTOR,
      new Date(d.at),
    );
    return true;
  }

  private async message(event: EventOf<'message.delivered'> | EventOf<'message.failed'>) {
    const d = event.data;
    const out = await this.tx
      .selectFrom('outbox')
      .select(['id', 'communication_id'])
      .where('dedupe_key', '=', d.messageId)
      .executeTakeFirst();
    if (!out) throw new Parked('message', d.messageId, `no message with id ${d.messageId}`);
    if (!(await this.newer('message.receipt', d.messageId, event))) return false;
    const delivered = event.type === 'message.delivered';
    if (!delivered)
      await this.tx
        .updateTable('outbox')
        .set({ last_error: d.reason ?? 'not delivered' })
        .where('id', '=', out.id)
        .execute();
    if (out.communication_id !== null)
      await this.tx
        .updateTable('communications')
        .set({ delivery_status: delivered ? 'delivered' : 'failed' })
        .where('id', '=', out.communication_id)
        .execute();
    return true;
  }
}

/**
 * An event the database refuses (a constraint: another order's transaction id, an amount a CHECK
 * forbids) is an invalid event: 400 naming it, and the batch rolls back. Busy, full disk and the
 * like go on as they are (db-errors.ts).
 */
function isConstraint(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

function refusalOf(error: unknown, index: number, event: PlatformEvent): DomainError {
  const message = error instanceof Error ? error.message : String(error);
  return new DomainError('BAD_REQUEST', `Event ${index} (${event.id}) contradicts the console's data; nothing was written`, {
    details: { errors: [{ index, id: event.id, path: '', message }] },
  });
}

function statusFor(paidFen: number, refundedFen: number) {
  return refundedFen === 0 ? ('paid' as const) : refundedFen >= paidFen ? ('refunded' as const) : ('partially_refunded' as const);
}
