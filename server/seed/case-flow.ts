// A case's history after it was opened, by the status it ends in: the agent's reply and notes,
// proposals, approvals, rejections, appeals, the refund and the messages sent to the member.
import { DEFAULT_POLICY, formatFen } from '../../shared/refund';
import { toLocalDate } from '../../shared/time/local-date';
import { ACKS, APPEALS, APPLE_NOTES, CALL_SUMMARIES, PROPOSE_NOTES, REOPEN_NOTES, REVIEW_NOTES, WITHDRAWALS } from './case-text';
import type { CaseChannel, CommChannel, SeedCase, SeedComm, SeedDecision, SeedQuote } from './case-types';
import { chance, digits, int, pick, type Rng } from './prng';
import { STAFF, type SeedStaff } from './reference-data';
import { DAY_MS, HOUR_MS, MINUTE_MS, later } from './seed-time';
import { renderTemplate } from './templates';

const COMM_CHANNEL: Record<CaseChannel, CommChannel> = { app: 'in_app_message', web: 'in_app_message', online_chat: 'online_chat', phone: 'phone', email: 'email' };

const REJECT_CODE: Record<string, string> = {
  outside_window: 'outside_window',
  fully_used: 'already_used',
  non_refundable_plan: 'non_refundable_plan',
  order_anomaly: 'order_anomaly',
};

function comm(c: SeedCase, direction: SeedComm['direction'], channel: CommChannel, body: string, author: SeedStaff | null, at: number, durationSec: number | null = null): void {
  const delivery = direction === 'outbound' ? 'delivered' : null;
  c.comms.push({ direction, channel, body, durationSec, author, delivery, createdMs: at });
}

function decide(c: SeedCase, action: SeedDecision['action'], actor: SeedStaff, at: number, extra: Partial<SeedDecision> = {}): void {
  c.decisions.push({ action, quote: null, reasonCode: null, note: '', actor, createdMs: at, ...extra });
}

/** A decision goes to the member as an in-app message and an SMS. */
function tellMember(c: SeedCase, template: string, quote: SeedQuote | null, author: SeedStaff, at: number): void {
  const q = quote?.result;
  const body = renderTemplate(template, {
    nickname: c.order.member.nickname,
    orderNo: c.order.orderNo,
    amount: formatFen(q?.amountFen ?? 0),
    usedDays: q?.usedDays ?? 0,
    remainingDays: q?.remainingDays ?? 0,
    reason: q && q.outcome === 'none' ? (q.lines[0]?.labelZh ?? '') : '',
  });
  comm(c, 'outbound', 'in_app_message', body, author, at + 5_000);
  comm(c, 'outbound', 'sms', `【卡盟会员】${body.slice(0, 60)}${body.length > 60 ? '…' : ''}`, author, at + 8_000);
}

function gatewayRef(r: Rng, channel: string, at: number): string {
  const stamp = new Date(at).toISOString().slice(0, 10).replaceAll('-', '');
  return `${channel === 'bcoin' ? 'BCR' : channel === 'bank_card' ? 'UPR' : channel === 'alipay' ? 'ALR' : 'WXR'}${stamp}${digits(r, 12)}`;
}

export function buildFlow(r: Rng, c: SeedCase, nowMs: number): void {
  const agent = c.assignee ?? c.createdBy;
  const channel = COMM_CHANNEL[c.channel];
  const t0 = c.createdMs;
  if (c.channel === 'phone') comm(c, 'inbound', 'phone', `来电：${c.statement}`, agent, t0, int(r, 60, 600));
  else comm(c, 'inbound', channel, c.statement, null, t0);
  if (c.assignee && c.channel !== 'phone') comm(c, 'outbound', channel, pick(r, ACKS), c.assignee, later(r, t0, 2 * MINUTE_MS, 40 * MINUTE_MS, nowMs));
  if (c.status === 'new') return;

  const quote = c.quotes[c.quotes.length - 1];
  const q = quote.createdMs;
  comm(c, 'note', channel, pick(r, REVIEW_NOTES), agent, q + 30_000);
  if (c.reason === 'duplicate_charge' && c.status === 'in_review' && chance(r, 0.5)) {
    const slaDate = toLocalDate(c.slaDueAt, DEFAULT_POLICY.timezone);
    comm(c, 'outbound', 'in_app_message', renderTemplate('evidence_request', { nickname: c.order.member.nickname, orderNo: c.order.orderNo, slaDate }), agent, q + 60_000);
  }
  if (c.status === 'in_review') {
    if (chance(r, 0.2)) comm(c, 'note', 'phone', pick(r, CALL_SUMMARIES), agent, later(r, q, HOUR_MS, DAY_MS, nowMs), int(r, 60, 400));
    return;
  }
  const d = later(r, q + MINUTE_MS, 5 * MINUTE_MS, 2 * HOUR_MS, nowMs);
  switch (c.status) {
    case 'pending_approval':
      decide(c, 'propose', agent, d, { quote, note: pick(r, PROPOSE_NOTES) });
      comm(c, 'note', channel, pick(r, PROPOSE_NOTES), agent, d + 1_000);
      c.proposedBy = agent;
      c.proposedQuote = quote;
      return;
    case 'approved':
    case 'refunded':
      return approveAndPay(r, c, quote, agent, d, nowMs);
    case 'rejected':
    case 'reopened': {
      const code = REJECT_CODE[quote.result.reasonCode] ?? 'insufficient_evidence';
      decide(c, 'reject', agent, d, { quote, reasonCode: code, note: quote.result.lines[0]?.labelZh ?? '' });
      tellMember(c, `rejection_${code}`, quote, agent, d);
      c.rejectReasonCode = code;
      c.closedMs = d;
      if (c.status === 'rejected') return;
      const appeal = later(r, d, 6 * HOUR_MS, 4 * DAY_MS, nowMs);
      comm(c, 'inbound', channel, pick(r, APPEALS), null, appeal);
      const by = chance(r, 0.5) ? STAFF.super1 : agent;
      decide(c, 'reopen', by, later(r, appeal, 10 * MINUTE_MS, 6 * HOUR_MS, nowMs), { note: pick(r, REOPEN_NOTES) });
      c.rejectReasonCode = null;
      c.closedMs = null;
      return;
    }
    case 'closed':
      if (c.order.channel === 'apple_iap') {
        decide(c, 'close', agent, d, { reasonCode: 'redirected_to_store', note: APPLE_NOTES[0] });
        tellMember(c, 'apple_store_redirect', null, agent, d);
      } else {
        comm(c, 'inbound', channel, pick(r, WITHDRAWALS), null, d - 30_000);
        decide(c, 'close', agent, d, { reasonCode: 'withdrawn', note: '会员撤回退款申请。' });
      }
      c.closedMs = d;
      return;
  }
}

function approveAndPay(r: Rng, c: SeedCase, quote: SeedQuote, agent: SeedStaff, d: number, nowMs: number): void {
  let approvedAt = d;
  let approver = agent;
  if (quote.result.needsSupervisor) {
    decide(c, 'propose', agent, d, { quote, note: PROPOSE_NOTES[0] });
    c.proposedBy = agent;
    c.proposedQuote = quote;
    approvedAt = later(r, d, 30 * MINUTE_MS, 20 * HOUR_MS, nowMs);
    approver = STAFF.super1;
  }
  const how = quote.result.outcome === 'full' ? '全额退款' : `按剩余 ${quote.result.remainingDays} 天折算退款`;
  decide(c, 'approve', approver, approvedAt, { quote, note: `同意${how} ${formatFen(quote.result.amountFen)}。` });
  tellMember(c, quote.result.outcome === 'prorated' ? 'prorated_explanation' : 'approval', quote, approver, approvedAt);
  const payChannel = c.order.channel;
  if (c.status === 'approved' && payChannel !== 'bank_card') return; // execution still to come
  const created = later(r, approvedAt, MINUTE_MS, 10 * MINUTE_MS, nowMs);
  const settles = payChannel === 'bank_card' ? later(r, created, DAY_MS, 3 * DAY_MS, nowMs) : created + int(r, 2, 20) * 1000;
  const succeeded = c.status === 'refunded';
  c.refund = {
    quote,
    amountFen: quote.result.amountFen,
    status: succeeded ? 'succeeded' : 'pending',
    gatewayRef: gatewayRef(r, payChannel, created),
    approvedBy: approver,
    createdMs: created,
    settledMs: succeeded ? Math.max(created, Math.min(settles, nowMs - 1)) : null,
  };
  if (succeeded) c.closedMs = c.refund.settledMs;
}
