import { sql, type ExpressionBuilder } from 'kysely';
import { classifySearch, type SearchKey } from '../../shared/search-query';
import type { OrderRow, orderSearchInput } from '../../shared/schemas/orders';
import type { z } from 'zod';
import type { Db } from '../db/client';
import type { DB } from '../db/schema';
import { literal } from '../db/literal-limit';
import { engineOf } from '../db/engine';
import { containsPattern, containsText, unindexed } from '../db/engine-sql';
import { shapedQuery, type Slot } from '../db/shaped-query';
import { decodeCursor, encodeCursor } from './cursor';
import type { StaffActor } from '../actor';
import { recordPiiLookup } from '../members/pii-lookups';
import { selectOrderRows, toOrderRow } from './order-row';

type Input = z.output<typeof orderSearchInput>;
type Eb = ExpressionBuilder<DB & { orders: DB['orders'] }, 'orders'>;

// What the SQL of a search depends on; everything else is a value (SearchValues).
interface SearchShape {
  key: SearchKind | null;
  /** a 1–2 character nickname fragment (the gram table) rather than a longer one (trigram FTS) */
  shortText: boolean;
  common: boolean;
  sort: Input['sort'];
  desc: boolean;
  limit: number;
  filters: string[];
  hasOpenCase: boolean | null;
}

interface SearchValues {
  key: string;
  nickname: string;
  status: string;
  planCode: string;
  tier: string;
  autoRenew: number;
  paymentChannel: string;
  platform: string;
  from: string;
  to: string;
  minFen: number;
  maxFen: number;
  afterValue: string | number;
  afterOrderNo: string;
}

type SearchKind = SearchKey['kind'];
const FILTERS = [
  'status',
  'planCode',
  'tier',
  'autoRenew',
  'paymentChannel',
  'platform',
  'from',
  'to',
  'minFen',
  'maxFen',
  'cursor',
] as const;

// The members a free-text query names: exact keys first, nickname fragments otherwise.
// 1–2 character fragments use the gram table (trigram FTS cannot serve them, docs/stack.md);
// longer ones use the trigram FTS index.
function memberFilter(eb: Eb, kind: SearchKind, slot: Slot<SearchValues>) {
  switch (kind) {
    case 'phone':
      return eb('orders.member_uid', 'in', eb.selectFrom('members').select('uid').where('phone', '=', slot('key')));
    case 'phoneLast4':
      return eb('orders.member_uid', 'in', eb.selectFrom('members').select('uid').where('phone_last4', '=', slot('key')));
    case 'email':
      return eb(
        'orders.member_uid',
        'in',
        eb
          .selectFrom('members')
          .select('uid')
          .where(sql`lower(email)`, '=', slot('key')),
      );
    default:
      return null;
  }
}

const isShort = (text: string) => Array.from(text).length <= 2;

function nicknameFilter(db: Db, eb: Eb, shape: SearchShape, slot: Slot<SearchValues>) {
  // A common fragment is tested beside the sort's index (unary +), not looked up through it.
  const memberUid = shape.common ? unindexed<string>(db, 'orders.member_uid') : sql.ref<string>('orders.member_uid');
  const members = shape.shortText
    ? eb.selectFrom('member_name_grams').select('member_uid').where('gram', '=', slot('nickname'))
    : eb
        .selectFrom('member_name_fts')
        .select('uid')
        .where(containsText(db, 'member_name_fts', 'member_name_fts.nickname', slot('nickname')));
  // PostgreSQL plans `member_uid in (…)` beside the OR with the transaction id as a test of every
  // order in page order: 250–550 ms for a rare fragment at 1,000,000 orders. `= any(array(…))`
  // lets it look the members' orders up by their index (a BitmapOr with the transaction id's): 2 ms.
  if (!shape.common && engineOf(db) === 'postgres') return eb(memberUid, '=', sql<string>`any(array(${members}))`);
  return eb(memberUid, 'in', members);
}

// A nickname fragment shared by this many members (快乐, 萌萌, "le", 小可爱) names so many orders
// that collecting and sorting them all costs more than walking the orders in page order and
// keeping those of a matching member (measured at 1,000,000 orders: 200 ms against 5–10 ms).
const COMMON_FRAGMENT_MEMBERS = 1000;

async function isCommonFragment(db: Db, value: string): Promise<boolean> {
  const text = value.toLowerCase();
  // Is there a 1000th member with it? One bounded walk of the gram or trigram index.
  const nth = isShort(text)
    ? await db
        .selectFrom('member_name_grams')
        .select('member_uid')
        .where('gram', '=', text)
        .limit(literal(1))
        .offset(literal(COMMON_FRAGMENT_MEMBERS - 1))
        .executeTakeFirst()
    : await db
        .selectFrom('member_name_fts')
        .select('uid')
        .where(containsText(db, 'member_name_fts', 'member_name_fts.nickname', containsPattern(db, text)))
        .limit(literal(1))
        .offset(literal(COMMON_FRAGMENT_MEMBERS - 1))
        .executeTakeFirst();
  return nth !== undefined;
}

// One search's SQL for its shape. A range on the column the page is not sorted by is checked
// beside the sort's index rather than through its own (a unary + keeps SQLite off that index):
// a wide range (a month of orders, every ¥25 order) would otherwise collect and sort every
// match before the first page.
const searchQuery = shapedQuery((db: Db, shape: SearchShape, slot: Slot<SearchValues>) => {
  const byFen = shape.sort === 'paidFen';
  const sortColumn = byFen ? 'orders.paid_fen' : 'orders.sort_at';
  const sortAt = byFen ? unindexed<string>(db, 'orders.sort_at') : sql.ref<string>('orders.sort_at');
  const paidFen = byFen ? sql.ref<number>('orders.paid_fen') : unindexed<number>(db, 'orders.paid_fen');
  const has = (filter: (typeof FILTERS)[number]) => shape.filters.includes(filter);

  const where = (eb: Eb) => {
    const conditions = [];
    if (shape.key === 'orderNo') conditions.push(eb('orders.order_no', '=', slot('key')));
    else if (shape.key === 'uid') conditions.push(eb('orders.member_uid', '=', slot('key')));
    else if (shape.key === 'text')
      conditions.push(eb.or([eb('orders.transaction_id', '=', slot('key')), nicknameFilter(db, eb, shape, slot)]));
    else if (shape.key) {
      const filter = memberFilter(eb, shape.key, slot);
      if (filter) conditions.push(filter);
    }
    if (has('status')) conditions.push(eb('orders.status', '=', slot('status') as OrderRow['status']));
    if (has('planCode')) conditions.push(eb('orders.plan_code', '=', slot('planCode')));
    if (has('tier'))
      conditions.push(
        eb(
          'orders.plan_code',
          'in',
          eb
            .selectFrom('plans')
            .select('code')
            .where('tier', '=', slot('tier') as OrderRow['tier']),
        ),
      );
    if (has('autoRenew'))
      conditions.push(eb('orders.plan_code', 'in', eb.selectFrom('plans').select('code').where('auto_renew', '=', slot('autoRenew'))));
    if (has('paymentChannel')) conditions.push(eb('orders.payment_channel', '=', slot('paymentChannel') as OrderRow['paymentChannel']));
    if (has('platform')) conditions.push(eb('orders.platform', '=', slot('platform') as OrderRow['platform']));
    if (has('from')) conditions.push(eb(sortAt, '>=', slot('from')));
    if (has('to')) conditions.push(eb(sortAt, '<=', slot('to')));
    if (has('minFen')) conditions.push(eb(paidFen, '>=', slot('minFen')));
    if (has('maxFen')) conditions.push(eb(paidFen, '<=', slot('maxFen')));
    if (shape.hasOpenCase !== null) conditions.push(eb('orders.open_case_no', shape.hasOpenCase ? 'is not' : 'is', null));
    if (has('cursor')) {
      // Row-value comparison: one index range, no OR chains (SQLite 3.15+).
      conditions.push(
        sql<boolean>`(${sql.ref(sortColumn)}, orders.order_no) ${sql.raw(shape.desc ? '<' : '>')} (${slot('afterValue')}, ${slot('afterOrderNo')})`,
      );
    }
    return eb.and(conditions);
  };
  const dir = shape.desc ? 'desc' : 'asc';

  // Usually one query. For a common fragment the page's order numbers are found on the orders
  // table alone (its sort index is then the only way in: no join to start from), and their
  // rows joined after.
  return shape.common
    ? selectOrderRows(db)
        .where('orders.order_no', 'in', (eb) =>
          eb
            .selectFrom('orders')
            .select('orders.order_no')
            .where(where)
            .orderBy(sortColumn, dir)
            .orderBy('orders.order_no', dir)
            .limit(literal(shape.limit + 1)),
        )
        .orderBy(sortColumn, dir)
        .orderBy('orders.order_no', dir)
    : selectOrderRows(db)
        .where(where)
        .orderBy(sortColumn, dir)
        .orderBy('orders.order_no', dir)
        .limit(literal(shape.limit + 1));
});

/** The page a cursor continues after (a malformed cursor is a BAD_REQUEST). */
function afterCursor(input: Input): [string | number, string] {
  if (!input.cursor) return ['', ''];
  return input.sort === 'paidFen'
    ? decodeCursor<[number, string]>(input.cursor, ['number', 'string'])
    : decodeCursor<[string, string]>(input.cursor, ['string', 'string']);
}

/**
 * orders.search as staff run it: a full phone number or e-mail is first a PII lookup, audited
 * and limited (server/members/pii-lookups.ts); past the limit nothing is searched.
 */
/** A PII lookup is recorded on the main connection (a write); the search itself runs on `reader`. */
export async function searchOrdersAs(db: Db, reader: Db, actor: StaffActor, input: Input, now: Date) {
  afterCursor(input); // refuse a bad request before it is recorded as a lookup
  await recordPiiLookup(db, actor, input.q ? classifySearch(input.q) : null, now);
  return searchOrders(reader, input);
}

export async function searchOrders(db: Db, input: Input): Promise<{ items: OrderRow[]; nextCursor: string | null }> {
  const key = input.q ? classifySearch(input.q) : null;
  const text = key?.kind === 'text' ? key.value.toLowerCase() : '';
  const common = key?.kind === 'text' && (await isCommonFragment(db, key.value));
  const [afterValue, afterOrderNo] = afterCursor(input);

  const shape: SearchShape = {
    key: key?.kind ?? null,
    shortText: isShort(text),
    common,
    sort: input.sort,
    desc: input.dir === 'desc',
    limit: input.limit,
    filters: FILTERS.filter((f) => input[f] !== undefined && input[f] !== null),
    hasOpenCase: input.hasOpenCase ?? null,
  };
  const rows = await searchQuery(db, shape, {
    key: key?.value ?? '',
    nickname: isShort(text) ? text : containsPattern(db, text),
    status: input.status ?? '',
    planCode: input.planCode ?? '',
    tier: input.tier ?? '',
    autoRenew: input.autoRenew ? 1 : 0,
    paymentChannel: input.paymentChannel ?? '',
    platform: input.platform ?? '',
    from: input.from ? new Date(input.from).toISOString() : '',
    to: input.to ? new Date(input.to).toISOString() : '',
    minFen: input.minFen ?? 0,
    maxFen: input.maxFen ?? 0,
    afterValue,
    afterOrderNo,
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > input.limit && last ? encodeCursor([input.sort === 'paidFen' ? last.paid_fen : last.sort_at, last.order_no]) : null;
  return { items: page.map(toOrderRow), nextCursor };
}
