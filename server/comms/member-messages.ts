import { arrivalPhrase, channelName } from '../../shared/payment-wording';
import { formatFen } from '../../shared/refund';
import { renderTemplate } from '../../shared/templates';
import { toLocalDate } from '../../shared/time/local-date';
import type { Db } from '../db/client';
import { currentPolicy } from '../policy/current-policy';
import { enqueueMessage } from './enqueue-message';
import { notifyMember, templateBody } from './notify-member';

// What the member is told, one function per event (docs/spec.md §4.7): each an in-app message
// and an SMS through the outbox, enqueued inside the transaction of the change it reports and
// deduped per event, so the member hears of each exactly once however often the path runs.
// Wording lives in the template library (server/seed/templates.ts), with fallbacks in
// notify-member.ts for a database without it.

/** The days a quote's amount rests on (the engine's result, stored with the quote). */
export async function quoteDays(tx: Db, quoteId: number) {
  const row = await tx.selectFrom('quotes').select(['outcome', 'result']).where('id', '=', quoteId).executeTakeFirstOrThrow();
  const result = JSON.parse(row.result) as { usedDays?: number; totalDays?: number; remainingDays?: number };
  return {
    outcome: row.outcome,
    usedDays: result.usedDays ?? null,
    totalDays: result.totalDays ?? null,
    remainingDays: result.remainingDays ?? null,
  };
}

/**
 * On approval, where the refund is reserved: the amount and when it arrives on the order's
 * payment channel; a prorated refund explains the deduction (used days of total days).
 */
export async function tellApproval(
  tx: Db,
  refund: { caseNo: string; refundId: number; amountFen: number; channel: string; quoteId: number },
  authorId: number | null,
  now: Date,
): Promise<void> {
  const days = await quoteDays(tx, refund.quoteId);
  const prorated = days.outcome === 'prorated' && days.usedDays !== null && days.totalDays !== null;
  const vars = {
    amount: formatFen(refund.amountFen),
    channelName: channelName(refund.channel, 'zh-CN'),
    arrival: arrivalPhrase(refund.channel, 'zh-CN'),
    ...(prorated ? { usedDays: days.usedDays!, totalDays: days.totalDays! } : {}),
  };
  await notifyMember(
    tx,
    refund.caseNo,
    `approve-${refund.refundId}`,
    { template: prorated ? 'approval_prorated' : 'approval', vars },
    authorId,
    now,
  );
}

/** On arrival: the refund settled and the money is back on the payment channel. */
export async function tellArrival(
  tx: Db,
  refund: { caseNo: string; refundId: number; amountFen: number; channel: string },
  authorId: number | null,
  now: Date,
): Promise<void> {
  const vars = { amount: formatFen(refund.amountFen), channelName: channelName(refund.channel, 'zh-CN') };
  // the key names the refund as the approval message did when it was sent at settlement
  await notifyMember(tx, refund.caseNo, `refund-${refund.refundId}`, { template: 'refund_arrived', vars }, authorId, now);
}

/** On a reopening (an appeal): the case is reviewed again, with the new review deadline. */
export async function tellReopened(
  tx: Db,
  kase: { caseNo: string; version: number; slaDueAt: string },
  authorId: number | null,
  now: Date,
): Promise<void> {
  const policy = await currentPolicy(tx);
  const vars = { slaDate: toLocalDate(kase.slaDueAt, policy.timezone) };
  await notifyMember(tx, kase.caseNo, `reopen-v${kase.version}`, { template: 'case_reopened', vars }, authorId, now);
}

/**
 * On an auto-renew cancellation, by an agent on its own or by a refund: once per cancelled
 * subscription (the key names them), on the case when a case caused it.
 */
export async function tellAutoRenewCancelled(
  tx: Db,
  cancellation: { memberUid: string; planCode: string; subscriptionIds: number[]; caseNo: string | null },
  authorId: number | null,
  now: Date,
): Promise<void> {
  if (cancellation.subscriptionIds.length === 0) return;
  const member = await tx.selectFrom('members').select('nickname').where('uid', '=', cancellation.memberUid).executeTakeFirstOrThrow();
  const plan = await tx.selectFrom('plans').select('name_zh').where('code', '=', cancellation.planCode).executeTakeFirst();
  const body = renderTemplate(await templateBody(tx, 'auto_renew_cancelled'), {
    nickname: member.nickname,
    planName: plan?.name_zh ?? cancellation.planCode,
    caseNo: cancellation.caseNo,
  });
  const event = `subscription-${[...cancellation.subscriptionIds].sort((a, b) => a - b).join('-')}:auto-renew-cancelled`;
  for (const channel of ['in_app_message', 'sms'] as const) {
    await enqueueMessage(
      tx,
      { memberUid: cancellation.memberUid, caseNo: cancellation.caseNo, channel, body, dedupeKey: `${event}:${channel}`, authorId },
      now,
    );
  }
}
