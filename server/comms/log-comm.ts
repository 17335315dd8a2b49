import type { z } from 'zod';
import type { commsEditInput, commsLogInput, commsSendInput, commsSendTemplateInput } from '../../shared/schemas/comms';
import { EDIT_WINDOW_MS } from '../../shared/schemas/comms';
import { AMOUNT_VARIABLES, renderTemplate, templateUsesAmount, templateVariables } from '../../shared/templates';
import type { StaffActor } from '../actor';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { DomainError, found } from '../errors';
import { attachToComm } from './comm-attachments';
import { enqueueMessage } from './enqueue-message';
import { replyVariables } from './reply-vars';

/** A contact is audited on its case, or on the member when it has none. */
const onCaseOrMember = (caseNo: string | null | undefined, memberUid: string) =>
  caseNo ? { entityType: 'case' as const, entityId: caseNo } : { entityType: 'member' as const, entityId: memberUid };

/** Records a call, chat, e-mail or internal note, on a case or on the member alone. */
export async function logComm(db: Db, actor: StaffActor, input: z.output<typeof commsLogInput>, now: Date) {
  return writeTx(db, async (tx) => {
    await found(tx.selectFrom('members').select('uid').where('uid', '=', input.memberUid), `No member ${input.memberUid}`);
    if (input.caseNo) {
      const kase = await found(
        tx.selectFrom('refund_cases').select('member_uid').where('case_no', '=', input.caseNo),
        `No case ${input.caseNo}`,
      );
      if (kase.member_uid !== input.memberUid) throw new DomainError('BAD_REQUEST', 'The case belongs to another member');
    }
    const row = await tx
      .insertInto('communications')
      .values({
        case_no: input.caseNo ?? null,
        member_uid: input.memberUid,
        direction: input.direction,
        channel: input.channel,
        body: input.body,
        duration_sec: input.durationSec ?? null,
        author_id: actor.id,
        delivery_status: null,
        created_at: now.toISOString(),
        edited_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const attachments = await attachToComm(tx, actor.id, row.id, input.attachments ?? []);
    await recordAudit(
      tx,
      actor,
      {
        action: 'comm.log',
        ...onCaseOrMember(input.caseNo, input.memberUid),
        after: {
          commId: row.id,
          direction: input.direction,
          channel: input.channel,
          attachments: attachments.length ? attachments.map((a) => a.uploadId) : undefined,
        },
      },
      now,
    );
    return { commId: row.id };
  });
}

/** The author may correct a logged contact within 15 minutes; the change is audited with both versions. */
export async function editComm(db: Db, actor: StaffActor, input: z.output<typeof commsEditInput>, now: Date) {
  return writeTx(db, async (tx) => {
    const comm = await found(
      tx
        .selectFrom('communications')
        .select(['id', 'author_id', 'body', 'created_at', 'direction', 'case_no', 'member_uid'])
        .where('id', '=', input.commId),
      `No communication ${input.commId}`,
    );
    if (comm.author_id !== actor.id) throw new DomainError('FORBIDDEN', 'Only the author may edit a record');
    const sent = await tx.selectFrom('outbox').select('id').where('communication_id', '=', comm.id).executeTakeFirst();
    if (sent) throw new DomainError('PRECONDITION_FAILED', 'A message sent to the member cannot be edited');
    if (now.getTime() - Date.parse(comm.created_at) > EDIT_WINDOW_MS) {
      throw new DomainError('PRECONDITION_FAILED', 'Records can be edited for 15 minutes only: add a note instead');
    }
    await tx.updateTable('communications').set({ body: input.body, edited_at: now.toISOString() }).where('id', '=', comm.id).execute();
    await recordAudit(
      tx,
      actor,
      {
        action: 'comm.edit',
        ...onCaseOrMember(comm.case_no, comm.member_uid),
        before: { commId: comm.id, body: comm.body },
        after: { commId: comm.id, body: input.body },
      },
      now,
    );
    return { commId: comm.id, editedAt: now.toISOString() };
  });
}

/**
 * Sends the member a message from the console through the outbox: either the agent's own text
 * (`body`) or a template the server renders from the case (`templateCode` + `locale`). A
 * template that names an amount is refused while the case has no approved refund (docs/spec.md
 * §4.7: no reply may promise an amount before it is approved).
 */
export async function sendReply(db: Db, actor: StaffActor, input: z.output<typeof commsSendInput>, now: Date) {
  return writeTx(db, async (tx) => {
    const kase = await found(
      tx.selectFrom('refund_cases').select(['member_uid']).where('case_no', '=', input.caseNo),
      `No case ${input.caseNo}`,
    );
    const body = 'templateCode' in input ? await renderReply(tx, input) : input.body;
    const key = `${input.caseNo}:reply:${actor.requestId}:${input.channel}`;
    await enqueueMessage(
      tx,
      { memberUid: kase.member_uid, caseNo: input.caseNo, channel: input.channel, body, dedupeKey: key, authorId: actor.id },
      now,
    );
    const template = 'templateCode' in input ? { templateCode: input.templateCode, locale: input.locale } : {};
    await recordAudit(
      tx,
      actor,
      { action: 'comm.send', entityType: 'case', entityId: input.caseNo, after: { channel: input.channel, ...template } },
      now,
    );
    return { queued: true };
  });
}

async function renderReply(tx: Db, input: z.output<typeof commsSendTemplateInput>): Promise<string> {
  const template = await found(
    tx.selectFrom('message_templates').select('body').where('code', '=', input.templateCode).where('locale', '=', input.locale),
    `No template ${input.templateCode} in ${input.locale}`,
  );
  const given = Object.keys(input.vars ?? {}).filter((name) => AMOUNT_VARIABLES.includes(name));
  if (given.length > 0)
    throw new DomainError('BAD_REQUEST', `The amount comes from the case, not from the console: remove ${given.join(', ')}`);
  const filled = await replyVariables(tx, input.caseNo, input.locale);
  if (filled.approvedFen === null && templateUsesAmount(template.body)) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `No amount may be promised before it is approved: case ${input.caseNo} is ${filled.status} with no approved refund, and template ${input.templateCode} names an amount`,
      { details: { refusal: 'amount_before_approval' } },
    );
  }
  const body = renderTemplate(template.body, { ...input.vars, ...filled.vars }).trim();
  const unfilled = templateVariables(body);
  if (unfilled.length > 0) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `The case has no value for ${unfilled.map((v) => `{{${v}}}`).join(', ')}: fill it in before sending`,
      {
        details: { refusal: 'unfilled', unfilled },
      },
    );
  }
  if (body.length > 2000) throw new DomainError('BAD_REQUEST', 'The message is longer than 2000 characters');
  return body;
}
