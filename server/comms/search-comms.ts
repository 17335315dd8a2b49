import { literal } from '../db/literal-limit';
import { containsPattern, containsText, epochMs } from '../db/engine-sql';
import { engineOf } from '../db/engine';
import { DomainError } from '../errors';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { commsListInput } from '../../shared/schemas/comms';
import type { Db } from '../db/client';
import { decodeCursor, encodeCursor } from '../orders/cursor';
import { withAttachments } from './comm-attachments';
import { selectComms, toComm } from './to-comm';

type Input = z.output<typeof commsListInput>;

/** 1–2 characters: the gram table (trigram FTS cannot match them); 3 or more: the trigram index. */
const isShort = (q: string) => Array.from(q).length <= 2;

/**
 * The communications search as one query, newest first (exported so tests can read its plan).
 *
 * A short query with no case or member to narrow it walks the gram's rows in the gram table's
 * own key order (gram, at_ms, comm_id), joining each to its message: a page costs a page of
 * index rows plus those the other filters drop, never a scan of every body. With a case or
 * member, their index drives and the gram is a primary-key probe per message.
 */
export function commsSearchQuery(db: Db, input: Input) {
  const cursor = input.cursor ? decodeCursor<[string, number]>(input.cursor, ['string', 'number']) : null;
  const from = input.from ? new Date(input.from).toISOString() : undefined;
  const to = input.to ? new Date(input.to).toISOString() : undefined;
  const q = input.q;
  const byGram = q !== undefined && isShort(q) && !input.caseNo && !input.memberUid;

  let query = selectComms(db);
  if (input.caseNo) query = query.where('communications.case_no', '=', input.caseNo);
  if (input.memberUid) query = query.where('communications.member_uid', '=', input.memberUid);
  if (input.direction) query = query.where('communications.direction', '=', input.direction);
  if (input.channel) query = query.where('communications.channel', '=', input.channel);
  if (input.author) {
    const author = input.author;
    query = query.where('communications.author_id', '=', (eb) =>
      eb.selectFrom('staff as s').select('s.id').where('s.username', '=', author),
    );
  }
  if (q !== undefined && !byGram) {
    if (isShort(q)) {
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('communication_grams as g')
            .select(sql`1`.as('one'))
            .where('g.gram', '=', sql<string>`lower(${q})`)
            // a message's time as the gram table keys it (epoch ms), computed as its trigger does
            .where('g.at_ms', '=', epochMs(db, 'communications.created_at'))
            .whereRef('g.comm_id', '=', 'communications.id'),
        ),
      );
    } else {
      const pattern = containsPattern(db, q);
      query =
        engineOf(db) === 'postgres'
          ? query.where(containsText(db, 'communications_fts', 'communications.body', pattern))
          : query.where('communications.id', 'in', (eb) =>
              eb
                .selectFrom('communications_fts')
                .select('communications_fts.rowid')
                .where(containsText(db, 'communications_fts', 'communications.body', pattern)),
            );
    }
  }

  if (byGram) {
    // The gram's own columns carry the order, the page boundary and the dates: one index range.
    // (ISO times and epoch milliseconds order alike, so the pages are those of the other paths.)
    let gramQuery = query.innerJoin('communication_grams as g', 'g.comm_id', 'communications.id');
    gramQuery = gramQuery.where('g.gram', '=', sql<string>`lower(${q})`);
    if (from) gramQuery = gramQuery.where('g.at_ms', '>=', Date.parse(from));
    if (to) gramQuery = gramQuery.where('g.at_ms', '<=', Date.parse(to));
    if (cursor) {
      const atMs = Date.parse(cursor[0]);
      if (Number.isNaN(atMs)) throw new DomainError('BAD_REQUEST', 'Invalid cursor: start again from the first page');
      gramQuery = gramQuery.where(({ eb, refTuple, tuple }) => eb(refTuple('g.at_ms', 'g.comm_id'), '<', tuple(atMs, cursor[1])));
    }
    return gramQuery
      .orderBy('g.at_ms', 'desc')
      .orderBy('g.comm_id', 'desc')
      .limit(literal(input.limit + 1));
  }

  if (from) query = query.where('communications.created_at', '>=', from);
  if (to) query = query.where('communications.created_at', '<=', to);
  if (cursor) {
    query = query.where(({ eb, refTuple, tuple }) =>
      eb(refTuple('communications.created_at', 'communications.id'), '<', tuple(cursor[0], cursor[1])),
    );
  }
  return query
    .orderBy('communications.created_at', 'desc')
    .orderBy('communications.id', 'desc')
    .limit(literal(input.limit + 1));
}

export async function searchComms(db: Db, input: Input) {
  const rows = await commsSearchQuery(db, input).execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toComm),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.created_at, last.id]) : null,
  };
}

/** comms.list: a page of the search with each message's attachments. */
export async function listComms(db: Db, input: Input) {
  const page = await searchComms(db, input);
  return { ...page, items: await withAttachments(db, page.items) };
}

/** Who may appear as an author: the staff who work cases (for the screen's author filter). */
export function commAuthors(db: Db) {
  return db
    .selectFrom('staff')
    .select(['username', 'display_name as displayName', 'role'])
    .where('role', 'in', ['agent', 'supervisor'])
    .orderBy('role')
    .orderBy('username')
    .execute();
}
