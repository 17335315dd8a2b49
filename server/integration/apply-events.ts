import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { constraintViolationMessage, isConstraintViolation } from '../db/db-errors';
import { engineOf } from '../db/engine';
import { first, rows, run } from '../db/raw-sql';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';
import { settleRefundIn } from '../refunds/settle-refund';
import { applyAppleNotification } from '../stores/apply-apple';
import type { AppleNotification } from '../stores/apple-verify';
import { applyGoogleNotification, GOOGLE_PARKED_PREFIX } from '../stores/apply-google';
import type { GoogleNotification } from '../stores/google-verify';
import { nameGrams } from '../../shared/search-query';
import type { CheckedEvent, EventOf, PlatformEvent } from './events';
import { ingestDb, type IngestDb, type IngestOrderDraftsTable, type WaitsFor } from './ingest-schema';

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

const INGEST_EVENT_COLUMNS = ['id', 'type', 'body_sha256', 'occurred_at', 'received_at', 'batch_id', 'outcome'] as const;
const ROWS_PER_INSERT = 100;
const insertIngestEvents = (rows: number) =>
  `insert into ingest_events (${INGEST_EVENT_COLUMNS.join(', ')}) values ${Array(rows)
    .fill(`(${INGEST_EVENT_COLUMNS.map(() => '?').join(', ')})`)
    .join(', ')}`;
const INSERT_INGEST_EVENTS = insertIngestEvents(ROWS_PER_INSERT);

/** events applied between two turns of the event loop */
const YIELD_EVERY = 25;

export async function ingestBatch(db: Db, events: CheckedEvent[], now: Date): Promise<IngestResult> {
  const batchId = crypto.randomUUID();
  return writeTx(db, async (plain) => {
    // duplicates and conflicts first: a conflict refuses the batch before anything is written
    const { fresh, duplicates, duplicateTypes, conflicts } = await sortOut(plain, events);
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
    await countMinute(plain, now, fresh, duplicateTypes, new Set(applied.outcomes.parked));
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

/** The integration page's per-minute figures (ingest_minutes), in the batch's transaction; a week kept. */
export async function countMinute(plain: Db, now: Date, fresh: CheckedEvent[], duplicateTypes: string[], parked: Set<string>) {
  const tx: IngestDb = ingestDb(plain);
  const minute = now.toISOString().slice(0, 16);
  const byType = new Map<string, { accepted: number; duplicates: number; parked: number }>();
  const of = (type: string) => byType.get(type) ?? byType.set(type, { accepted: 0, duplicates: 0, parked: 0 }).get(type)!;
  for (const { event } of fresh) {
    of(event.type).accepted++;
    if (parked.has(event.id)) of(event.type).parked++;
  }
  for (const type of duplicateTypes) of(type).duplicates++;
  for (const [type, n] of byType)
    await tx
      .insertInto('ingest_minutes')
      .values({ minute, type, ...n })
      .onConflict((oc) =>
        // qualified: PostgreSQL finds a bare `accepted` ambiguous beside `excluded.accepted`
        oc.columns(['minute', 'type']).doUpdateSet((eb) => ({
          accepted: eb('ingest_minutes.accepted', '+', n.accepted),
          duplicates: eb('ingest_minutes.duplicates', '+', n.duplicates),
          parked: eb('ingest_minutes.parked', '+', n.parked),
        })),
      )
      .execute();
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString().slice(0, 16);
  await tx.deleteFrom('ingest_minutes').where('minute', '<', weekAgo).execute();
}

export interface Sorted {
  /** events whose id the console has not seen (the first of each id within the list) */
  fresh: CheckedEvent[];
  /** replays: an id seen before with the same body */
  duplicates: number;
  /** the replays' types (the integration page counts them per type and minute) */
  duplicateTypes: string[];
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
  const duplicateTypes: string[] = [];
  for (const e of events) {
    const before = known.get(e.event.id) ?? seen.get(e.event.id);
    if (before === undefined) {
      seen.set(e.event.id, e.sha256);
      fresh.push(e);
    } else if (before === e.sha256) duplicateTypes.push(e.event.type);
    else conflicts.push(e);
  }
  return { fresh, duplicates: duplicateTypes.length, duplicateTypes, conflicts };
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
  const applier = new Applier(plain, now, unparked);
  const received: unknown[] = []; // ingest_events rows, flat, in INGEST_EVENT_COLUMNS order
  for (const [i, checked] of fresh.entries()) {
    // give way to other requests now and then: a batch holds the write lock, not the server —
    // agents' reads go on, on their reader connection, beside the open transaction
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const { event, sha256 } = checked;
    const outcome = await applier.apply(event).catch((error: unknown) => {
      throw isConstraint(error) ? new EventRefused(checked, error) : error;
    });
    outcomes[outcome].push(event.id);
    received.push(event.id, event.type, sha256, event.occurredAt, nowIso, batchId, outcome);
  }
  // one statement per 100 ids rather than one per event
  const width = INGEST_EVENT_COLUMNS.length;
  for (let i = 0; i < received.length; i += width * ROWS_PER_INSERT) {
    const values = received.slice(i, i + width * ROWS_PER_INSERT);
    const text = values.length === width * ROWS_PER_INSERT ? INSERT_INGEST_EVENTS : insertIngestEvents(values.length / width);
    await run(plain, text, ...values);
  }
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
  /** SQLite keeps a member's trigram row at the member's rowid; PostgreSQL's table is indexed by uid */
  private readonly sqlite: boolean;

  constructor(
    private readonly tx: Db,
    private readonly now: Date,
    private readonly unparked: string[],
  ) {
    this.sqlite = engineOf(tx) === 'sqlite';
  }

  /** Applies one event, parking it if it names something unknown; what it unblocks follows. */
  async apply(event: PlatformEvent): Promise<Outcome> {
    let outcome: Outcome;
    try {
      outcome = (await this.applyOne(event)) ? 'applied' : 'stale';
    } catch (error) {
      if (!(error instanceof Parked)) throw error;
      await run(
        this.tx,
        `insert into ingest_parked (event_id, type, waits_for, waits_key, reason, event, occurred_at, parked_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (event_id) do update set waits_for = excluded.waits_for, waits_key = excluded.waits_key, reason = excluded.reason`,
        event.id,
        event.type,
        error.waitsFor,
        error.key,
        error.reason,
        JSON.stringify(event),
        event.occurredAt,
        this.now.toISOString(),
      );
      return 'parked';
    }
    return outcome;
  }

  /** Lets through the events parked waiting for this member, plan, order, refund or message. */
  private async arrived(waitsFor: WaitsFor, key: string): Promise<void> {
    const waiting = await rows<{ event_id: string; event: string }>(
      this.tx,
      'select event_id, event from ingest_parked where waits_for = ? and waits_key = ? order by occurred_at, event_id',
      waitsFor,
      key,
    );
    for (const w of waiting) {
      await run(this.tx, 'delete from ingest_parked where event_id = ?', w.event_id);
      const outcome = await this.apply(JSON.parse(w.event) as PlatformEvent);
      if (outcome !== 'parked') this.unparked.push(w.event_id);
    }
  }

  /** True when (occurredAt, id) is later than what the console holds for this fact; then it holds this one. */
  private async newer(entity: string, key: string, event: PlatformEvent): Promise<boolean> {
    const held = await first<{ occurred_at: string; event_id: string }>(
      this.tx,
      'select occurred_at, event_id from ingest_versions where entity = ? and key = ?',
      entity,
      key,
    );
    if (held && (held.occurred_at > event.occurredAt || (held.occurred_at === event.occurredAt && held.event_id >= event.id))) return false;
    if (held)
      await run(
        this.tx,
        'update ingest_versions set occurred_at = ?, event_id = ? where entity = ? and key = ?',
        event.occurredAt,
        event.id,
        entity,
        key,
      );
    else
      await run(
        this.tx,
        'insert into ingest_versions (entity, key, occurred_at, event_id) values (?, ?, ?, ?)',
        entity,
        key,
        event.occurredAt,
        event.id,
      );
    return true;
  }

  private async needMember(uid: string) {
    const m = await first(this.tx, 'select 1 from members where uid = ?', uid);
    if (!m) throw new Parked('member', uid, `member ${uid} is not known yet`);
  }

  private async needPlan(code: string) {
    const p = await first<{ duration_days: number }>(this.tx, 'select duration_days from plans where code = ?', code);
    if (!p) throw new Parked('plan', code, `plan ${code} is not known yet`);
    return p;
  }

  private async needOrder(orderNo: string) {
    const o = await first<{ paid_fen: number; refunded_fen: number }>(
      this.tx,
      'select paid_fen, refunded_fen from orders where order_no = ?',
      orderNo,
    );
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
    await run(
      this.tx,
      `insert into plans (code, name_zh, name_en, tier, duration_days, price_fen, auto_renew) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, tier = excluded.tier,
         duration_days = excluded.duration_days, price_fen = excluded.price_fen, auto_renew = excluded.auto_renew`,
      d.code,
      d.nameZh,
      d.nameEn,
      d.tier,
      d.durationDays,
      d.priceFen,
      d.autoRenew ? 1 : 0,
    );
    await this.arrived('plan', d.code);
    return true;
  }

  private async member(event: EventOf<'member.upserted'>) {
    const d = event.data;
    if (!(await this.newer('member', d.uid, event))) return false;
    const held = await first<{ rowid: number; nickname: string; registered_at: string }>(
      this.tx,
      this.sqlite
        ? 'select rowid, nickname, registered_at from members where uid = ?'
        : 'select 0 as rowid, nickname, registered_at from members where uid = ?',
      d.uid,
    );
    // an upsert is the member's whole record as of occurredAt: a field left out is empty
    const phone = d.phone ?? '';
    const registeredAt = d.registeredAt ?? held?.registered_at ?? event.occurredAt;
    let rowid: number;
    if (held) {
      rowid = held.rowid;
      await run(
        this.tx,
        'update members set nickname = ?, phone = ?, phone_last4 = ?, email = ?, registered_at = ? where uid = ?',
        d.nickname,
        phone,
        phone.slice(-4),
        d.email ?? null,
        registeredAt,
        d.uid,
      );
    } else {
      await run(
        this.tx,
        'insert into members (uid, nickname, phone, phone_last4, email, registered_at) values (?, ?, ?, ?, ?, ?)',
        d.uid,
        d.nickname,
        phone,
        phone.slice(-4),
        d.email ?? null,
        registeredAt,
      );
      rowid = this.sqlite ? (await first<{ rowid: number }>(this.tx, 'select last_insert_rowid() as rowid'))!.rowid : 0;
    }
    if (held?.nickname !== d.nickname) await this.indexName(d.uid, rowid, held?.nickname ?? null, d.nickname);
    await this.arrived('member', d.uid);
    return true;
  }

  /**
   * The name indexes the order search reads (server/orders/search-orders.ts), kept by key: the old
   * name's grams by their primary key, the trigram row by the member's rowid (as the seed writes
   * it). Neither table can be searched by uid without reading all of it — at a million members
   * that was most of an import's time.
   */
  private async indexName(uid: string, rowid: number, old: string | null, nickname: string) {
    if (old !== null) {
      if (this.sqlite) {
        const gone = await run(this.tx, 'delete from member_name_fts where rowid = ? and uid = ?', rowid, uid);
        // a row written before the trigram rowid followed the member's (the first ingest): found by uid
        if (gone === 0) await run(this.tx, 'delete from member_name_fts where uid = ?', uid);
      } else await run(this.tx, 'delete from member_name_fts where uid = ?', uid); // indexed by uid there
      for (const gram of nameGrams(old)) await run(this.tx, 'delete from member_name_grams where gram = ? and member_uid = ?', gram, uid);
    }
    const taken = this.sqlite && (await first(this.tx, 'select 1 from member_name_fts where rowid = ?', rowid));
    if (taken || !this.sqlite) await run(this.tx, 'insert into member_name_fts (nickname, uid) values (?, ?)', nickname, uid);
    else await run(this.tx, 'insert into member_name_fts (rowid, nickname, uid) values (?, ?, ?)', rowid, nickname, uid);
    for (const gram of nameGrams(nickname)) await run(this.tx, 'insert into member_name_grams (gram, member_uid) values (?, ?)', gram, uid);
  }

  private async consent(event: EventOf<'member.consent'>) {
    const d = event.data;
    await this.needMember(d.uid);
    if (!(await this.newer('member.consent', d.uid, event))) return false;
    await run(
      this.tx,
      `insert into member_consents (member_uid, store_consumption_data, at, source, recorded_by) values (?, ?, ?, 'platform', null)
       on conflict (member_uid) do update set store_consumption_data = excluded.store_consumption_data, at = excluded.at,
         source = excluded.source, recorded_by = excluded.recorded_by`,
      d.uid,
      d.storeConsumptionData ? 1 : 0,
      d.at,
    );
    return true;
  }

  private async orderCreated(event: EventOf<'order.created'>) {
    const d = event.data;
    if (!(await this.newer('order.created', d.orderNo, event))) return false;
    await run(
      this.tx,
      `insert into ingest_order_drafts (order_no, member_uid, plan_code, price_fen, created_at, platform, payment_channel)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (order_no) do update set member_uid = excluded.member_uid, plan_code = excluded.plan_code,
         price_fen = excluded.price_fen, created_at = excluded.created_at, platform = excluded.platform,
         payment_channel = excluded.payment_channel`,
      d.orderNo,
      d.memberUid,
      d.planCode,
      d.priceFen,
      d.createdAt,
      d.platform,
      d.paymentChannel,
    );
    // the order's creation time is the created fact's, whichever of created and paid came first
    await run(this.tx, 'update orders set created_at = ? where order_no = ?', d.createdAt, d.orderNo);
    await this.arrived('order', d.orderNo);
    return true;
  }

  private async orderPaid(event: EventOf<'order.paid'>) {
    const d = event.data;
    await this.needMember(d.memberUid);
    const plan = await this.needPlan(d.planCode);
    if (!(await this.newer('order.payment', d.orderNo, event))) return false;
    const held = await first<{ refunded_fen: number }>(this.tx, 'select refunded_fen from orders where order_no = ?', d.orderNo);
    const status = statusFor(d.paidFen, held?.refunded_fen ?? 0);
    // what order.paid sets on the order: updated in place, or inserted with its number and creation time
    const paid = {
      member_uid: d.memberUid,
      plan_code: d.planCode,
      paid_fen: d.paidFen,
      status,
      payment_channel: d.paymentChannel,
      platform: d.platform,
      transaction_id: d.transactionId,
      paid_at: d.paidAt,
      purchase_token: d.purchaseToken ?? null,
    };
    const columns = Object.keys(paid);
    const values = Object.values(paid);
    if (held) await run(this.tx, `update orders set ${columns.map((c) => `${c} = ?`).join(', ')} where order_no = ?`, ...values, d.orderNo);
    else {
      const draft = await first<{ created_at: string }>(
        this.tx,
        'select created_at from ingest_order_drafts where order_no = ?',
        d.orderNo,
      );
      const placeholders = columns.map(() => '?').join(', ');
      await run(
        this.tx,
        `insert into orders (order_no, ${columns.join(', ')}, created_at) values (?, ${placeholders}, ?)`,
        d.orderNo,
        ...values,
        draft?.created_at ?? d.paidAt,
      );
    }
    const startsAt = d.paidAt;
    const endsAt = new Date(Date.parse(d.paidAt) + plan.duration_days * 86_400_000).toISOString();
    await run(
      this.tx,
      `insert into entitlements (order_no, member_uid, starts_at, ends_at, activated_at, revoked_at) values (?, ?, ?, ?, null, null)
       on conflict (order_no) do update set member_uid = excluded.member_uid, starts_at = excluded.starts_at, ends_at = excluded.ends_at`,
      d.orderNo,
      d.memberUid,
      startsAt,
      endsAt,
    );
    await this.arrived('order', d.orderNo);
    await this.arrivedStore(d.transactionId);
    if (d.purchaseToken) await this.arrivedStore(d.purchaseToken);
    return true;
  }

  /** Applies the store notifications parked waiting for this transaction or purchase token (server/stores/apply-apple.ts, apply-google.ts). */
  private async arrivedStore(transactionId: string): Promise<void> {
    const waiting = await rows<{ event_id: string; event: string }>(
      this.tx,
      `select event_id, event from ingest_parked where waits_for = 'store_transaction' and waits_key = ? order by occurred_at, event_id`,
      transactionId,
    );
    for (const w of waiting) {
      await run(this.tx, 'delete from ingest_parked where event_id = ?', w.event_id);
      const { outcome } = w.event_id.startsWith(GOOGLE_PARKED_PREFIX)
        ? await applyGoogleNotification(this.tx, JSON.parse(w.event) as GoogleNotification, this.now)
        : await applyAppleNotification(this.tx, JSON.parse(w.event) as AppleNotification, this.now);
      if (outcome !== 'parked') this.unparked.push(w.event_id);
    }
  }

  private async orderFailed(event: EventOf<'order.payment_failed'>) {
    const d = event.data;
    const held = await first(this.tx, 'select 1 from orders where order_no = ?', d.orderNo);
    if (!held) {
      // the columns named: a statement prepared once per connection (PostgreSQL) must not change shape under a migration
      const draft = await first<IngestOrderDraftsTable>(
        this.tx,
        'select order_no, member_uid, plan_code, price_fen, created_at, platform, payment_channel from ingest_order_drafts where order_no = ?',
        d.orderNo,
      );
      if (!draft) throw new Parked('order', d.orderNo, `order ${d.orderNo} is not known yet (no order.created or order.paid)`);
      await this.needMember(draft.member_uid);
      await this.needPlan(draft.plan_code);
      if (!(await this.newer('order.payment', d.orderNo, event))) return false;
      // the orders table wants a unique transaction id; a failed payment has none
      await run(
        this.tx,
        `insert into orders (order_no, member_uid, plan_code, paid_fen, status, payment_channel, platform, transaction_id, created_at, paid_at)
         values (?, ?, ?, 0, 'payment_failed', ?, ?, ?, ?, null)`,
        d.orderNo,
        draft.member_uid,
        draft.plan_code,
        draft.payment_channel,
        draft.platform,
        `failed:${d.orderNo}`,
        draft.created_at,
      );
      await this.arrived('order', d.orderNo);
      return true;
    }
    if (!(await this.newer('order.payment', d.orderNo, event))) return false;
    await run(this.tx, `update orders set status = 'payment_failed' where order_no = ?`, d.orderNo);
    return true;
  }

  private async orderFlagged(event: EventOf<'order.flagged'>) {
    const d = event.data;
    await this.needOrder(d.orderNo);
    if (!(await this.newer('order.anomaly', d.orderNo, event))) return false;
    await run(this.tx, 'update orders set anomaly = ? where order_no = ?', d.anomaly, d.orderNo);
    return true;
  }

  private async orderRefunded(event: EventOf<'order.refunded'>) {
    const d = event.data;
    const order = await this.needOrder(d.orderNo);
    // amounts add up (each refund its own event); never past what was paid (the CHECK's rule)
    const refunded = Math.min(order.paid_fen, order.refunded_fen + d.amountFen);
    await run(
      this.tx,
      'update orders set refunded_fen = ?, status = ? where order_no = ?',
      refunded,
      statusFor(order.paid_fen, refunded),
      d.orderNo,
    );
    if (refunded >= order.paid_fen)
      await run(this.tx, 'update entitlements set revoked_at = ? where order_no = ? and revoked_at is null', d.at, d.orderNo);
    return true;
  }

  private async entitlementActivated(event: EventOf<'entitlement.activated'>) {
    const d = event.data;
    await this.needOrder(d.orderNo);
    const ent = await first(this.tx, 'select 1 from entitlements where order_no = ?', d.orderNo);
    if (!ent) throw new Parked('order', d.orderNo, `order ${d.orderNo} has no entitlement yet (not paid)`);
    if (!(await this.newer('entitlement.activation', d.orderNo, event))) return false;
    await run(this.tx, 'update entitlements set activated_at = ? where order_no = ?', d.at, d.orderNo);
    return true;
  }

  private async usage(event: EventOf<'usage.recorded'>) {
    const d = event.data;
    await this.needOrder(d.orderNo);
    await run(
      this.tx,
      'insert into usage_events (order_no, at, kind, detail, value_fen, ip, device) values (?, ?, ?, ?, ?, ?, ?)',
      d.orderNo,
      d.at,
      USAGE_KIND[d.kind],
      d.detail ?? '',
      d.amountFen ?? null,
      d.ip ?? null,
      d.device ?? null,
    );
    return true;
  }

  private async subscription(event: EventOf<'subscription.updated'>) {
    const d = event.data;
    await this.needMember(d.memberUid);
    await this.needPlan(d.planCode);
    const held = await first<{ id: number; started_at: string }>(
      this.tx,
      'select id, started_at from subscriptions where member_uid = ? and plan_code = ? order by id desc limit 1',
      d.memberUid,
      d.planCode,
    );
    // started: the earliest fact about it, whatever order they came in
    const startedAt = held && held.started_at < event.occurredAt ? held.started_at : event.occurredAt;
    if (!(await this.newer('subscription', `${d.memberUid}/${d.planCode}`, event))) {
      if (held && startedAt !== held.started_at)
        await run(this.tx, 'update subscriptions set started_at = ? where id = ?', startedAt, held.id);
      return false;
    }
    const active = d.status === 'active';
    const row = [
      active ? 'active' : 'cancelled',
      startedAt,
      active ? (d.nextChargeAt ?? null) : null,
      active ? null : event.occurredAt,
      // the code has no 'expired' status: an expired subscription is a cancelled one, said so here
      active ? null : d.status === 'expired' ? 'platform (expired)' : 'platform',
    ];
    if (held)
      await run(
        this.tx,
        'update subscriptions set status = ?, started_at = ?, next_charge_at = ?, cancelled_at = ?, cancelled_by = ? where id = ?',
        ...row,
        held.id,
      );
    else
      await run(
        this.tx,
        `insert into subscriptions (member_uid, plan_code, status, started_at, next_charge_at, cancelled_at, cancelled_by)
         values (?, ?, ?, ?, ?, ?, ?)`,
        d.memberUid,
        d.planCode,
        ...row,
      );
    return true;
  }

  private async refund(event: EventOf<'refund.settled'> | EventOf<'refund.failed'>) {
    const d = event.data;
    const refund = await first<{ id: number; status: string }>(
      this.tx,
      'select id, status from refunds where idempotency_key = ?',
      d.idempotencyKey,
    );
    if (!refund) throw new Parked('refund', d.idempotencyKey, `no refund with idempotency key ${d.idempotencyKey}`);
    if (refund.status !== 'pending') return false; // settled already: the first answer stands
    await settleRefundIn(
      this.tx,
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
    const out = await first<{ id: number; communication_id: number | null }>(
      this.tx,
      'select id, communication_id from outbox where dedupe_key = ?',
      d.messageId,
    );
    if (!out) throw new Parked('message', d.messageId, `no message with id ${d.messageId}`);
    if (!(await this.newer('message.receipt', d.messageId, event))) return false;
    const delivered = event.type === 'message.delivered';
    if (!delivered) await run(this.tx, 'update outbox set last_error = ? where id = ?', d.reason ?? 'not delivered', out.id);
    if (out.communication_id !== null)
      await run(
        this.tx,
        'update communications set delivery_status = ? where id = ?',
        delivered ? 'delivered' : 'failed',
        out.communication_id,
      );
    return true;
  }
}

/**
 * An event the database refuses (a constraint: another order's transaction id, an amount a CHECK
 * forbids) is an invalid event: 400 naming it, and the batch rolls back. Busy, full disk and the
 * like go on as they are (db-errors.ts).
 */
function isConstraint(error: unknown): boolean {
  return isConstraintViolation(error);
}

function refusalOf(error: unknown, index: number, event: PlatformEvent): DomainError {
  const message = constraintViolationMessage(error);
  return new DomainError('BAD_REQUEST', `Event ${index} (${event.id}) contradicts the console's data; nothing was written`, {
    details: { errors: [{ index, id: event.id, path: '', message }] },
  });
}

function statusFor(paidFen: number, refundedFen: number) {
  return refundedFen === 0 ? ('paid' as const) : refundedFen >= paidFen ? ('refunded' as const) : ('partially_refunded' as const);
}
