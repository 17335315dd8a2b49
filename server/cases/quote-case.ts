import { DomainError } from '../errors';
import { nextStatus } from '../../shared/case-transitions';
import { computeRefund, formatFen, type Basis, type Quote } from '../../shared/refund';
import { recordAudit, type Actor } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { currentPolicy } from '../policy/current-policy';
import { applyTransition, loadCase, type CaseRow } from './apply-transition';
import { engineInput, orderFacts, type OrderFacts } from './order-facts';
import { leftToRefund } from '../refunds/left-to-refund';
import { decidingFacts, factsDigest, usageDigestOf } from './quote-currency';

export type StoredQuote = Quote & { quoteId: number; createdAt: string; createdBy: string; goodwill: boolean };

function assertQuotable(kase: { status: Parameters<typeof nextStatus>[0] }, facts: OrderFacts) {
  if (!nextStatus(kase.status, 'quote')) {
    throw new DomainError('CONFLICT', `A case that is ${kase.status} cannot be quoted`);
  }
  if (facts.order.payment_channel === 'apple_iap') {
    throw new DomainError(
      'PRECONDITION_FAILED',
      'Apple in-app purchases are refunded by Apple only: send the member the App Store route and close the case as redirected',
    );
  }
}

// The stored input keeps the facts and a digest of the usage log rather than every event:
// the log itself stays in usage_events, and the digest shows whether it changed since.
function storedInput(input: ReturnType<typeof engineInput>) {
  const digest = usageDigestOf(input.usage);
  return {
    ...input,
    usage: { count: input.usage.length, firstAt: input.usage[0]?.at ?? null, lastAt: input.usage.at(-1)?.at ?? null, sha256: digest },
  };
}

async function storeQuote(
  tx: Db,
  caseNo: string,
  orderNo: string,
  quote: Quote,
  input: unknown,
  actor: Actor,
  now: Date,
  basisKind: 'calendar' | 'evidence' | 'manual' | 'goodwill' = quote.basis.kind,
  usageDigest: string | null = null,
) {
  // what the quote was computed on, so an approval can tell whether it is still current
  const facts = factsDigest(await decidingFacts(tx, orderNo));
  const row = await tx
    .insertInto('quotes')
    .values({
      case_no: caseNo,
      order_no: orderNo,
      policy_version: quote.policyVersion,
      basis_kind: basisKind,
      outcome: quote.outcome,
      reason_code: quote.reasonCode,
      amount_fen: quote.amountFen,
      needs_supervisor: quote.needsSupervisor ? 1 : 0,
      input: JSON.stringify(input),
      result: JSON.stringify(quote),
      created_by: actor.id ?? 0,
      created_at: now.toISOString(),
      facts_digest: facts,
      usage_digest: usageDigest,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(
    tx,
    actor,
    {
      action: 'quote.create',
      entityType: 'case',
      entityId: caseNo,
      after: { quoteId: row.id, basis: basisKind, outcome: quote.outcome, amountFen: quote.amountFen, policyVersion: quote.policyVersion },
    },
    now,
  );
  return row.id;
}

// A quote is recorded with the case's next version, so an approval made on the version seen
// before it is stale; a new case moves into review.
async function afterQuote(tx: Db, kase: CaseRow, quoteId: number, actor: Actor, now: Date) {
  if (kase.status === 'new') await applyTransition(tx, kase, 'quote', actor, now, { quoteId });
  else
    await tx
      .updateTable('refund_cases')
      .set({ version: kase.version + 1, updated_at: now.toISOString() })
      .where('case_no', '=', kase.case_no)
      .execute();
}

// The case and the facts are read inside the write transaction: a quote read before a
// concurrent approval would otherwise land on a refunded case, computed on stale facts.
export async function quoteCase(db: Db, actor: Actor, caseNo: string, basis: Basis, now: Date): Promise<StoredQuote> {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, caseNo);
    const facts = await orderFacts(tx, kase.order_no);
    assertQuotable(kase, facts);
    const policy = await currentPolicy(tx);
    const input = engineInput(facts, basis, policy, now, kase.applied_at ?? kase.created_at);
    const quote = computeRefund(input);
    const stored = storedInput(input);
    const quoteId = await storeQuote(tx, caseNo, kase.order_no, quote, stored, actor, now, quote.basis.kind, stored.usage.sha256);
    await afterQuote(tx, kase, quoteId, actor, now);
    return { ...quote, quoteId, createdAt: now.toISOString(), createdBy: actor.username, goodwill: false };
  });
}

// A refund outside the rules, decided by a supervisor with a written reason. It is an
// exception by definition, so it always needs a supervisor's approval — another supervisor's:
// its maker never checks it. Never on an order that is unpaid, under chargeback or risk hold,
// or has nothing left; never above paid − refunded − in flight (docs/spec.md §3 "Goodwill").
// On a case waiting for approval it replaces the proposal, with this supervisor as its maker.
export async function goodwillQuote(
  db: Db,
  actor: Actor,
  input: { caseNo: string; amountFen: number; reason: string },
  now: Date,
): Promise<StoredQuote> {
  return writeTx(db, async (tx) => {
    const kase = await loadCase(tx, input.caseNo);
    const facts = await orderFacts(tx, kase.order_no);
    assertQuotable(kase, facts);
    const { order } = facts;
    if (order.status === 'payment_failed' || order.paid_at === null) {
      throw new DomainError('PRECONDITION_FAILED', 'This order was never paid: there is nothing to refund as goodwill');
    }
    if (order.anomaly === 'chargeback' || order.anomaly === 'risk_hold') {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `This order is under ${order.anomaly === 'chargeback' ? 'a chargeback' : 'a risk hold'}: no goodwill refund while it is investigated (the member could be paid twice)`,
      );
    }
    const left = await leftToRefund(tx, order);
    if (left <= 0) throw new DomainError('PRECONDITION_FAILED', 'Nothing is left to refund on this order');
    if (input.amountFen > left) {
      throw new DomainError('PRECONDITION_FAILED', `A goodwill refund cannot exceed what is left to refund (${formatFen(left)})`);
    }
    const policy = await currentPolicy(tx);
    const base = computeRefund(engineInput(facts, { kind: 'calendar' }, policy, now, kase.applied_at ?? kase.created_at));
    const quote: Quote = {
      ...base,
      outcome: input.amountFen === order.paid_fen - order.refunded_fen ? 'full' : 'prorated',
      reasonCode: 'goodwill',
      amountFen: input.amountFen,
      exception: true,
      needsSupervisor: true,
      basis: { kind: 'manual', usedDays: base.usedDays, reason: `goodwill: ${input.reason}` },
      lines: [
        {
          code: 'paid',
          labelZh: `主管特批的善意退款：${formatFen(input.amountFen)}（${input.reason}）`,
          labelEn: `Goodwill refund approved as an exception: ${formatFen(input.amountFen)} (${input.reason})`,
          amountFen: input.amountFen,
        },
      ],
    };
    const stored = { kind: 'goodwill', facts: engineInput(facts, { kind: 'calendar' }, policy, now).order, reason: input.reason };
    const quoteId = await storeQuote(tx, input.caseNo, kase.order_no, quote, stored, actor, now, 'goodwill');
    if (kase.status === 'pending_approval') await replaceProposal(tx, kase, quoteId, actor, now, input.reason);
    else await afterQuote(tx, kase, quoteId, actor, now);
    return { ...quote, quoteId, createdAt: now.toISOString(), createdBy: actor.username, goodwill: true };
  });
}

// A supervisor's goodwill on a case waiting for approval becomes the proposal: the supervisor is
// its proposer (and so can never check it), and a second supervisor approves or sends it back.
async function replaceProposal(tx: Db, kase: CaseRow, quoteId: number, actor: Actor, now: Date, reason: string) {
  const nowIso = now.toISOString();
  const updated = await tx
    .updateTable('refund_cases')
    .set({ proposed_by: actor.id, proposed_quote_id: quoteId, version: kase.version + 1, updated_at: nowIso })
    .where('case_no', '=', kase.case_no)
    .where('version', '=', kase.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', 'The case changed at the same moment: reload and try again');
  await tx
    .insertInto('case_decisions')
    .values({
      case_no: kase.case_no,
      action: 'propose',
      quote_id: quoteId,
      reason_code: null,
      note: `goodwill: ${reason}`,
      actor_id: actor.id ?? 0,
      created_at: nowIso,
    })
    .execute();
  await recordAudit(
    tx,
    actor,
    {
      action: 'case.propose',
      entityType: 'case',
      entityId: kase.case_no,
      before: { status: kase.status, version: kase.version, proposedQuoteId: kase.proposed_quote_id },
      after: { status: kase.status, version: kase.version + 1, proposedQuoteId: quoteId },
      reason: `goodwill replaces the proposal: ${reason}`,
    },
    now,
  );
}
