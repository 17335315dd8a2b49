// A case's history from opening to the status it ends in, step by step as the console would
// have written it: opened with evidence and the member's message, quoted, then proposed,
// approved and paid back, rejected (and perhaps appealed or closed), or redirected to Apple.
import { DEFAULT_POLICY } from '../../shared/refund';
import { addBusinessDays } from '../../shared/time/business-days';
import { HOLIDAYS_2026 } from '../../shared/time/holidays-2026';
import { inSample } from '../qa/sample-for-qa';
import { ACKS, APPEALS, APPLE_NOTES, CALL_SUMMARIES, proposeNote, QA_COMMENTS, REOPEN_NOTES, REVIEW_NOTES } from './case-text';
import {
  audit,
  cancelAutoRenew,
  gatewayRef,
  logComm,
  message,
  notify,
  recordQuote,
  reply,
  requestId,
  settleSucceeded,
  transition,
} from './case-events';
import type { CaseChannel, CommChannel, SeedCase, SeedQuote } from './case-types';
import { chance, int, pick, type Rng } from './prng';
import { STAFF, type SeedStaff } from './reference-data';
import { DAY_MS, HOUR_MS, MINUTE_MS, iso, later } from './seed-time';

export interface FlowCtx {
  r: Rng;
  nowMs: number;
  /** the simulated gateway's running number */
  gatewaySequence: number;
}

const COMM_CHANNEL: Record<CaseChannel, CommChannel> = {
  app: 'in_app_message',
  web: 'in_app_message',
  online_chat: 'online_chat',
  phone: 'phone',
  email: 'email',
};
const REJECT_CODE: Record<string, string> = {
  outside_window: 'outside_window',
  fully_used: 'already_used',
  non_refundable_plan: 'non_refundable_plan',
  order_anomaly: 'order_anomaly',
};
const QA_SAMPLE_PERCENT = 20; // the migration's default setting

export function buildFlow(ctx: FlowCtx, c: SeedCase): void {
  const { r, nowMs } = ctx;
  const { agent, createdMs: t0, order: o } = c;
  const channel = COMM_CHANNEL[c.channel];
  audit(c, t0, agent, () => ({
    action: 'case.create',
    entityType: 'case',
    entityId: c.caseNo,
    after: { orderNo: o.orderNo, channel: c.channel, reason: c.reason, requested: c.requested, slaDueAt: c.slaDueAt },
  }));
  if (c.channel === 'phone') logComm(c, 'inbound', 'phone', `来电：${c.statement}`, agent, t0 + 20_000, int(r, 60, 600));
  else logComm(c, 'inbound', channel, c.statement, agent, t0 + 20_000);
  if (c.channel === 'online_chat' || c.channel === 'email')
    logComm(c, 'outbound', channel, pick(r, ACKS), agent, later(r, t0, 2 * MINUTE_MS, 40 * MINUTE_MS, nowMs));
  if (c.target === 'new') return;

  if (o.channel === 'apple_iap') {
    // Apple decides: the member gets the store's route and the case closes as redirected.
    const at = later(r, t0, 10 * MINUTE_MS, 4 * HOUR_MS, nowMs);
    transition(c, 'redirect_to_store', agent, at, { note: APPLE_NOTES[0] });
    notify(r, c, () => `store-v${c.version}`, message('apple_store_redirect', c), agent, at);
    return;
  }

  for (const q of c.quotes) recordQuote(c, q);
  const quote = c.quotes.at(-1);
  if (!quote) throw new Error(`seed: case ${c.caseNo} is past new without a quote`);
  logComm(c, 'note', channel, pick(r, REVIEW_NOTES), agent, quote.createdMs + 30_000);
  if (c.target === 'in_review') return inReview(ctx, c, quote);
  const decidedAt = later(r, quote.createdMs + MINUTE_MS, 5 * MINUTE_MS, 2 * HOUR_MS, nowMs);
  if (c.target === 'pending_approval') return propose(c, quote, decidedAt, proposeNote(quote, DEFAULT_POLICY.agentApprovalLimitFen));
  if (c.target === 'approved' || c.target === 'refunded') return approveAndPay(ctx, c, quote, decidedAt);
  reject(ctx, c, quote, decidedAt);
}

function inReview(ctx: FlowCtx, c: SeedCase, quote: SeedQuote): void {
  const { r, nowMs } = ctx;
  if (c.reason === 'duplicate_charge' && chance(r, 0.5)) {
    const slaDate = iso(Date.parse(c.slaDueAt) + 8 * HOUR_MS).slice(0, 10);
    reply(r, c, 'in_app_message', message('evidence_request', c, { slaDate }), c.agent, quote.createdMs + 60_000);
  }
  if (chance(r, 0.2))
    logComm(c, 'note', 'phone', pick(r, CALL_SUMMARIES), c.agent, later(r, quote.createdMs, HOUR_MS, DAY_MS, nowMs), int(r, 60, 400));
}

function propose(c: SeedCase, quote: SeedQuote, at: number, note: string): void {
  transition(c, 'propose', c.agent, at, { quote, note });
  c.proposedBy = c.agent;
  c.proposedQuote = quote;
}

/** approveCase: approve, turn auto-renew off, reserve the refund, pay it back through the channel. */
function approveAndPay(ctx: FlowCtx, c: SeedCase, quote: SeedQuote, decidedAt: number): void {
  const { r, nowMs } = ctx;
  let approver: SeedStaff = c.agent;
  let at = decidedAt;
  if (quote.result.needsSupervisor) {
    propose(c, quote, decidedAt, proposeNote(quote, DEFAULT_POLICY.agentApprovalLimitFen));
    approver = chance(r, 0.5) ? STAFF.super1 : STAFF.super2;
    at = later(r, decidedAt, 30 * MINUTE_MS, 20 * HOUR_MS, nowMs);
  }
  transition(c, 'approve', approver, at, { quote });
  cancelAutoRenew(c, approver, at, `refund approved on ${c.caseNo}`);
  const payChannel = c.order.channel;
  // B-coins are paid by the console itself, Google Play through the Play API (refund and revoke,
  // the whole order: server/adapters/play-gateway.ts), the rest through the payment gateway.
  const sequence = payChannel === 'bcoin' || payChannel === 'google_play' ? 0 : ++ctx.gatewaySequence;
  const ref = payChannel === 'google_play' ? `play:${c.order.txId}` : gatewayRef(at, sequence);
  const refund = (c.refund = {
    id: 0,
    quote,
    amountFen: quote.result.amountFen,
    status: 'pending' as const,
    gatewayRef: (id: number) => (payChannel === 'bcoin' ? `BCOIN-${id}` : ref),
    idempotencyKey: requestId(r),
    approvedBy: approver,
    createdMs: at,
    settledMs: null,
  });
  audit(c, at, approver, () => ({
    action: 'refund.create',
    entityType: 'refund',
    entityId: String(refund.id),
    after: { caseNo: c.caseNo, orderNo: c.order.orderNo, amountFen: refund.amountFen, quoteId: quote.id, status: 'pending' },
  }));
  if (payChannel === 'bank_card') {
    // Accepted now, confirmed days later by the reconciler (the system).
    if (c.target === 'refunded') settle(ctx, c, null, later(r, at, DAY_MS, 3 * DAY_MS, nowMs));
    return;
  }
  settle(ctx, c, approver, at + int(r, 150, 900));
}

function settle(ctx: FlowCtx, c: SeedCase, actor: SeedStaff | null, at: number): void {
  const { r, nowMs } = ctx;
  const refund = c.refund!;
  settleSucceeded(r, c, refund, actor, at);
  if (refund.approvedBy.role !== 'agent' || !inSample(c.caseNo, QA_SAMPLE_PERCENT)) return;
  // Refunds an agent approved alone are sampled for a supervisor's QA review.
  const reviewed = at < nowMs - 2 * DAY_MS && chance(r, 0.6);
  const reviewedMs = later(r, at, DAY_MS, 5 * DAY_MS, nowMs);
  c.qa = { agent: refund.approvedBy, sampledMs: at, review: null };
  if (!reviewed) return;
  const verdict = chance(r, 0.9) ? 'correct' : 'incorrect';
  const comment = pick(r, QA_COMMENTS[verdict]);
  c.qa.review = { verdict, comment, reviewedMs };
  audit(c, reviewedMs, STAFF.super1, () => ({
    action: 'qa.review',
    entityType: 'case',
    entityId: c.caseNo,
    after: { verdict },
    reason: comment || null,
  }));
}

/** rejectCase, then perhaps the member's appeal and a reopening, or closing after no appeal. */
function reject(ctx: FlowCtx, c: SeedCase, quote: SeedQuote, at: number): void {
  const { r, nowMs } = ctx;
  const code = REJECT_CODE[quote.result.reasonCode] ?? 'insufficient_evidence';
  const text = message(`rejection_${code}`, c, { usedDays: quote.result.usedDays, reason: quote.result.lines[0]?.labelZh ?? '' });
  transition(c, 'reject', c.agent, at, { quote, reasonCode: code, note: text });
  c.rejectReasonCode = code;
  notify(r, c, () => `reject-v${c.version}`, text, c.agent, at);
  if (c.target === 'rejected') return;
  if (c.target === 'closed') {
    transition(c, 'close', c.agent, later(r, at, 3 * DAY_MS, 7 * DAY_MS, nowMs), { note: '会员未再申诉，结案。' });
    return;
  }
  const appeal = later(r, at, 6 * HOUR_MS, 4 * DAY_MS, nowMs);
  logComm(c, 'inbound', COMM_CHANNEL[c.channel], pick(r, APPEALS), c.agent, appeal);
  const by = chance(r, 0.5) ? STAFF.super1 : c.agent;
  const reopenedAt = later(r, appeal, 10 * MINUTE_MS, 6 * HOUR_MS, nowMs);
  transition(c, 'reopen', by, reopenedAt, { note: pick(r, REOPEN_NOTES) });
  // An appeal restarts the review clock.
  c.slaDueAt = addBusinessDays(iso(reopenedAt), DEFAULT_POLICY.reviewSlaBusinessDays, HOLIDAYS_2026, DEFAULT_POLICY.timezone);
  c.rejectReasonCode = null;
  c.proposedBy = null;
  c.proposedQuote = null;
}
