import { apiShape, type RowOf } from '../api-shape';
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

/** The one API shape of a communication. */
export function toComm({ id, ...r }: RowOf<typeof selectComms>) {
  return { commId: id, ...apiShape(r) };
}
