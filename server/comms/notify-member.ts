import { formatFen } from '../../shared/refund';
import { renderTemplate } from '../../shared/templates';
import type { Db } from '../db/client';
import { enqueueMessage } from './enqueue-message';

// Used when the template library lacks a code (a fresh database): the member is still told.
const FALLBACK: Record<string, string> = {
  approval: '【卡盟会员】您好 {{nickname}}，您的订单 {{orderNo}} 退款 {{amount}} 已受理，将原路退回。',
  auto_renew_cancelled: '【卡盟会员】您好 {{nickname}}，您的自动续费已关闭，不会再扣款。',
  apple_store_redirect: '【卡盟会员】您好 {{nickname}}，订单 {{orderNo}} 通过 App Store 支付，退款需向 Apple 申请：reportaproblem.apple.com。',
};

export async function templateBody(tx: Db, code: string): Promise<string> {
  const row = await tx
    .selectFrom('message_templates')
    .select('body')
    .where('code', '=', code)
    .where('locale', '=', 'zh-CN')
    .executeTakeFirst();
  return row?.body ?? FALLBACK[code] ?? '{{message}}';
}

export async function caseVariables(tx: Db, caseNo: string) {
  const row = await tx
    .selectFrom('refund_cases')
    .innerJoin('members', 'members.uid', 'refund_cases.member_uid')
    .select(['refund_cases.order_no', 'refund_cases.member_uid', 'refund_cases.version', 'refund_cases.sla_due_at', 'members.nickname'])
    .where('refund_cases.case_no', '=', caseNo)
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Tells the member about a decision by in-app message and SMS, through the outbox, inside the
 * decision's transaction. The dedupe key names the case version, so each decision notifies
 * exactly once however often the code path runs.
 */
export async function notifyMember(
  tx: Db,
  caseNo: string,
  event: string,
  body: string | { template: string; vars?: Record<string, string | number> },
  authorId: number | null,
  now: Date,
): Promise<void> {
  const c = await caseVariables(tx, caseNo);
  const text =
    typeof body === 'string'
      ? body
      : renderTemplate(await templateBody(tx, body.template), { nickname: c.nickname, orderNo: c.order_no, caseNo, ...body.vars });
  for (const channel of ['in_app_message', 'sms'] as const) {
    await enqueueMessage(
      tx,
      { memberUid: c.member_uid, caseNo, channel, body: text, dedupeKey: `${caseNo}:${event}:${channel}`, authorId },
      now,
    );
  }
}

export const amountVar = (fen: number) => formatFen(fen);
