import type { Db } from '../db/client';

/** A message with its author, as every list of messages reads it (a case, an order's timeline, the search). */
export function selectComms(db: Db) {
  return db
    .selectFrom('communications')
    .leftJoin('staff', 'staff.id', 'communications.author_id')
    .select([
      'communications.id',
      'communications.case_no',
      'communications.member_uid',
      'communications.direction',
      'communications.channel',
      'communications.body',
      'communications.duration_sec',
      'communications.delivery_status',
      'communications.created_at',
      'communications.edited_at',
      'staff.username as author',
      'staff.display_name as author_name',
    ]);
}

type CommRow = Awaited<ReturnType<ReturnType<typeof selectComms>['executeTakeFirstOrThrow']>>;

/** The one API shape of a communication. */
export function toComm(r: CommRow) {
  return {
    commId: r.id,
    caseNo: r.case_no,
    memberUid: r.member_uid,
    direction: r.direction,
    channel: r.channel,
    body: r.body,
    durationSec: r.duration_sec,
    deliveryStatus: r.delivery_status,
    author: r.author,
    authorName: r.author_name,
    createdAt: r.created_at,
    editedAt: r.edited_at,
  };
}
