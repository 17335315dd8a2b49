// The app's own steps, replayed on a planned case: each does to the rows what the live
// procedure does (server/cases, server/refunds, server/comms) — the state machine's transition
// with its decision and audit event, quotes, logged and sent messages, auto-renew cancellation,
// refund settlement — so a seeded history reads exactly like one the console wrote.
import { nextStatus, OPEN_STATUSES, type CaseAction } from '../../shared/case-transitions';
import { channelName } from '../../shared/payment-wording';
import { formatFen } from '../../shared/refund';
import { renderTemplate } from '../../shared/templates';
import type { AuditFields, CommChannel, SeedCase, SeedComm, SeedQuote, SeedRefund } from './case-types';
import { int, type Rng } from './prng';
import type { SeedStaff } from './reference-data';
import { DAY_MS, iso } from './seed-time';
import { TEMPLATES } from './templates';

type Actor = SeedStaff | null; // null: the system

export function audit(c: SeedCase, at: number, actor: Actor, fields: () => AuditFields): void {
  c.audit.push({ at, actor, fields });
}

/** applyTransition: the state machine's move, the version, the decision row and the audit event. */
export function transition(
  c: SeedCase,
  action: CaseAction,
  actor: Actor,
  at: number,
  d: { quote?: SeedQuote; reasonCode?: string; note?: string; onBehalfOf?: SeedStaff } = {},
): void {
  const to = nextStatus(c.status, action);
  if (!to) throw new Error(`seed: a ${c.status} case cannot be moved by "${action}"`);
  const before = { status: c.status, version: c.version };
  c.status = to;
  c.version++;
  c.updatedMs = at;
  c.closedMs = OPEN_STATUSES.includes(to) ? null : at;
  const after = { status: to, version: c.version };
  const { quote, reasonCode, note = '' } = d;
  if (action !== 'quote') {
    c.decisions.push({
      action,
      quote: quote ?? null,
      reasonCode: reasonCode ?? null,
      note,
      actorId: actor?.id ?? d.onBehalfOf!.id,
      createdMs: at,
    });
  }
  audit(c, at, actor, () => ({
    action: `case.${action}`,
    entityType: 'case',
    entityId: c.caseNo,
    before,
    after: { ...after, quoteId: quote?.id, reasonCode },
    reason: note || null,
  }));
}

/** storeQuote + afterQuote: a new case moves into review, any other gets a new version. */
export function recordQuote(c: SeedCase, q: SeedQuote): void {
  const r = q.result;
  audit(c, q.createdMs, q.createdBy, () => ({
    action: 'quote.create',
    entityType: 'case',
    entityId: c.caseNo,
    after: { quoteId: q.id, basis: q.basis, outcome: r.outcome, amountFen: r.amountFen, policyVersion: r.policyVersion },
  }));
  if (c.status === 'new') {
    transition(c, 'quote', q.createdBy, q.createdMs, { quote: q });
  } else {
    c.version++;
    c.updatedMs = q.createdMs;
  }
}

function comm(c: SeedCase, fields: Omit<SeedComm, 'id'>): SeedComm {
  const row: SeedComm = { id: 0, ...fields };
  c.comms.push(row);
  c.updatedMs = Math.max(c.updatedMs, fields.createdMs);
  return row;
}

/** comms.log: a call, chat, e-mail or note recorded by an agent. */
export function logComm(
  c: SeedCase,
  direction: SeedComm['direction'],
  channel: CommChannel,
  body: string,
  author: SeedStaff,
  at: number,
  durationSec: number | null = null,
): void {
  const row = comm(c, { direction, channel, body, durationSec, author, createdMs: at, outbox: null });
  audit(c, at, author, () => ({
    action: 'comm.log',
    entityType: 'case',
    entityId: c.caseNo,
    after: { commId: row.id, direction, channel },
  }));
}

function outboxMessage(
  r: Rng,
  c: SeedCase,
  channel: 'in_app_message' | 'sms',
  body: string,
  author: Actor,
  at: number,
  dedupeKey: () => string,
): void {
  comm(c, {
    direction: 'outbound',
    channel,
    body,
    durationSec: null,
    author,
    createdMs: at,
    outbox: { dedupeKey, sentMs: at + int(r, 2_000, 20_000) },
  });
}

/** notifyMember: an in-app message and an SMS through the outbox, once per event. */
/** `event` is lazy: it may name a row id given only when written. */
export function notify(r: Rng, c: SeedCase, event: () => string, body: string, author: Actor, at: number): void {
  for (const channel of ['in_app_message', 'sms'] as const)
    outboxMessage(r, c, channel, body, author, at, () => `${c.caseNo}:${event()}:${channel}`);
}

/** comms.send: an agent's reply from a template. */
export function reply(r: Rng, c: SeedCase, channel: 'in_app_message' | 'sms', body: string, author: SeedStaff, at: number): void {
  const key = `${c.caseNo}:reply:${requestId(r)}:${channel}`;
  outboxMessage(r, c, channel, body, author, at, () => key);
  audit(c, at, author, () => ({ action: 'comm.send', entityType: 'case', entityId: c.caseNo, after: { channel } }));
}

export function message(code: string, c: SeedCase, vars: Record<string, string | number> = {}): string {
  const template = TEMPLATES[code];
  if (!template) throw new Error(`seed: no template ${code}`);
  return renderTemplate(template['zh-CN'].body, { nickname: c.order.member.nickname, orderNo: c.order.orderNo, caseNo: c.caseNo, ...vars });
}

/** cancelAutoRenew: the member's active auto-renew on the order's plan is turned off. */
export function cancelAutoRenew(c: SeedCase, actor: Actor, at: number, reason: string): void {
  const o = c.order;
  const sub = o.sub;
  if (!sub || (sub.status === 'cancelled' && sub.cancelledMs! <= at)) return;
  const nextChargeAt = iso(o.paidMs! + o.plan.durationDays * DAY_MS);
  sub.status = 'cancelled';
  sub.cancelledMs = at;
  sub.cancelledBy = actor?.username ?? 'system';
  sub.nextChargeMs = null;
  audit(c, at, actor, () => ({
    action: 'subscription.cancel',
    entityType: 'subscription',
    entityId: String(sub.id),
    before: { status: 'active', nextChargeAt },
    after: { status: 'cancelled' },
    reason,
  }));
}

/** settleRefund, success: the money facts move, the member is told of the arrival, the case is refunded. */
export function settleSucceeded(r: Rng, c: SeedCase, refund: SeedRefund, actor: Actor, at: number): void {
  const o = c.order;
  const before = { refundedFen: o.refundedFen, status: o.status };
  refund.status = 'succeeded';
  refund.settledMs = at;
  o.refundedFen += refund.amountFen;
  o.status = o.refundedFen >= o.plan.priceFen ? 'refunded' : 'partially_refunded';
  o.revokedMs = at;
  const after = { refundedFen: o.refundedFen, status: o.status };
  audit(c, at, actor, () => ({
    action: 'refund.succeed',
    entityType: 'order',
    entityId: o.orderNo,
    before,
    after: { ...after, refundId: refund.id, gatewayRef: refund.gatewayRef(refund.id), entitlementRevoked: true },
  }));
  transition(c, 'payment_succeeded', actor, at, { quote: refund.quote, onBehalfOf: refund.approvedBy });
  const arrived = message('refund_arrived', c, { amount: formatFen(refund.amountFen), channelName: channelName(o.channel, 'zh-CN') });
  notify(r, c, () => `refund-${refund.id}`, arrived, actor, at);
}

/** A request id as the HTTP layer makes them (a UUID), from the seeded stream. */
export function requestId(r: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(r, 0, 3)]}${hex(3)}-${hex(12)}`;
}

/** The simulated gateway's reference: GW + its clock in base 36 + its running number. */
export function gatewayRef(at: number, sequence: number): string {
  return `GW${at.toString(36).toUpperCase()}${sequence}`;
}
