import { createHash } from 'node:crypto';
import { formatFen, type RefundInput, type RefundPolicy } from '../../shared/refund';
import type { Db } from '../db/client';
import type { QuotesTable } from '../db/schema';
import { DomainError, found } from '../errors';

// A quote is paid only while it is current (docs/spec.md §3): the policy in force is the one it
// was computed under, the order's deciding facts are those it was computed on, the usage log
// too where the basis reads it, it is younger than the policy's quoteValidHours, and no newer
// quote on the same basis exists on the case. Approval checks this inside its transaction; the
// case page and the approvals queue show the same verdict.

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The facts of an order whose change makes a quote on it stale. */
export async function decidingFacts(db: Db, orderNo: string) {
  const row = await db
    .selectFrom('orders')
    .leftJoin('entitlements', 'entitlements.order_no', 'orders.order_no')
    .select([
      'orders.status',
      'orders.anomaly',
      'orders.paid_fen',
      'orders.refunded_fen',
      'orders.related_order_no',
      'orders.member_uid',
      'orders.plan_code',
      'entitlements.activated_at',
    ])
    .where('orders.order_no', '=', orderNo)
    .executeTakeFirstOrThrow();
  const autoRenew = await db
    .selectFrom('subscriptions')
    .select('status')
    .where('member_uid', '=', row.member_uid)
    .where('plan_code', '=', row.plan_code)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return toDecidingFacts(row, autoRenew !== undefined);
}

/** The deciding facts from an order row (the seed reads the same columns with SQL of its own). */
export function toDecidingFacts(
  row: {
    status: string;
    anomaly: string | null;
    paid_fen: number;
    refunded_fen: number;
    activated_at: string | null;
    related_order_no: string | null;
  },
  autoRenewActive: boolean,
) {
  return {
    status: row.status,
    anomaly: row.anomaly,
    paidFen: row.paid_fen,
    refundedFen: row.refunded_fen,
    activatedAt: row.activated_at ?? null,
    relatedOrderNo: row.related_order_no,
    autoRenew: autoRenewActive ? 'active' : 'none',
  };
}

export type DecidingFacts = ReturnType<typeof toDecidingFacts>;

export const factsDigest = (facts: DecidingFacts) => sha256(facts);

/** The digest of a usage log as the engine reads it (the same value a quote's stored input keeps). */
export const usageDigestOf = (usage: RefundInput['usage']) => sha256(usage);

/** The order's usage log, in the order it happened (the order the engine reads it in). */
export function usageLog(db: Db, orderNo: string) {
  return db
    .selectFrom('usage_events')
    .select(['at', 'kind', 'value_fen'])
    .where('order_no', '=', orderNo)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The order's usage log now, digested the way a quote keeps it. */
export async function currentUsageDigest(db: Db, orderNo: string) {
  const rows = await usageLog(db, orderNo);
  return usageDigestOf(rows.map(usageForEngine));
}

/** A usage row as the engine reads it. */
export const usageForEngine = (u: { at: string; kind: RefundInput['usage'][number]['kind']; value_fen: number | null }) =>
  u.value_fen === null ? { at: u.at, kind: u.kind } : { at: u.at, kind: u.kind, valueFen: u.value_fen };

export type Staleness =
  | { code: 'policy_changed'; message: string }
  | { code: 'facts_changed'; message: string }
  | { code: 'usage_changed'; message: string }
  | { code: 'expired'; message: string }
  | { code: 'superseded'; message: string };

type QuoteRow = Pick<
  QuotesTable,
  'case_no' | 'order_no' | 'policy_version' | 'basis_kind' | 'reason_code' | 'created_at' | 'facts_digest' | 'usage_digest'
> & { id: number };

/**
 * Quote `quoteId` of case `caseNo`, to propose or approve: it must pay something back; `instead`
 * tells the user what to do when it does not.
 */
export async function payingQuote(db: Db, caseNo: string, quoteId: number, instead: string) {
  const quote = await found(
    db
      .selectFrom('quotes')
      .select([
        'id',
        'case_no',
        'order_no',
        'amount_fen',
        'outcome',
        'needs_supervisor',
        'basis_kind',
        'reason_code',
        'policy_version',
        'created_by',
        'created_at',
        'facts_digest',
        'usage_digest',
      ])
      .where('id', '=', quoteId)
      .where('case_no', '=', caseNo),
    `No quote ${quoteId} on case ${caseNo}`,
  );
  if (quote.outcome === 'none' || quote.amount_fen <= 0) {
    throw new DomainError('PRECONDITION_FAILED', `This quote pays nothing back: ${instead}`);
  }
  await assertStoreCanPay(db, quote.order_no, quote.amount_fen);
  return quote;
}

/** Why a quote may no longer be paid, or null when it is current. */
/** The order's current digests, each read once however many of its quotes are judged (a case page judges every quote). */
export interface CurrentDigests {
  facts?: Promise<string>;
  usage?: Promise<string>;
}

export async function quoteStaleness(
  db: Db,
  quote: QuoteRow,
  policy: RefundPolicy,
  now: Date,
  current: CurrentDigests = {},
): Promise<Staleness | null> {
  if (quote.policy_version !== policy.version) {
    return {
      code: 'policy_changed',
      message: `Policy v${policy.version} was published after this quote (v${quote.policy_version}): recompute before approving`,
    };
  }
  if (now.getTime() - Date.parse(quote.created_at) > policy.quoteValidHours * 3_600_000) {
    return { code: 'expired', message: `This quote is older than ${policy.quoteValidHours} hours: recompute before approving` };
  }
  const newer = await db
    .selectFrom('quotes')
    .select('id')
    .where('case_no', '=', quote.case_no)
    .where('basis_kind', '=', quote.basis_kind)
    .where('id', '>', quote.id)
    .executeTakeFirst();
  if (newer)
    return { code: 'superseded', message: `A newer quote on the same basis (#${newer.id}) replaces this one: decide on the newer quote` };
  current.facts ??= decidingFacts(db, quote.order_no).then(factsDigest);
  if (!quote.facts_digest || quote.facts_digest !== (await current.facts)) {
    return {
      code: 'facts_changed',
      message: 'The order changed since this quote (status, refunds, activation, anomaly or auto-renew): recompute before approving',
    };
  }
  const readsUsage = quote.basis_kind === 'evidence' || quote.reason_code === 'full_unused';
  if (readsUsage && quote.usage_digest !== (await (current.usage ??= currentUsageDigest(db, quote.order_no)))) {
    return { code: 'usage_changed', message: 'The member’s usage log changed since this quote: recompute before approving' };
  }
  return null;
}

/**
 * Google Play refunds a whole order or nothing (its refund takes no amount, and revokes): a
 * partial or prorated refund of a Google Play order is refused before anyone proposes or approves it.
 */
async function assertStoreCanPay(db: Db, orderNo: string, amountFen: number) {
  const order = await db
    .selectFrom('orders')
    .select(['payment_channel', 'paid_fen', 'refunded_fen'])
    .where('order_no', '=', orderNo)
    .executeTakeFirstOrThrow();
  if (order.payment_channel !== 'google_play') return;
  if (order.refunded_fen === 0 && amountFen === order.paid_fen) return;
  throw new DomainError(
    'PRECONDITION_FAILED',
    `Google Play refunds only a whole order (refund and revoke, no amount): this quote pays ${formatFen(amountFen)} of ${formatFen(order.paid_fen)}${order.refunded_fen > 0 ? ` on an order already refunded ${formatFen(order.refunded_fen)}` : ''}. Quote the full amount or reject the case`,
    { details: { storeRule: 'google_play_full_only' } },
  );
}
