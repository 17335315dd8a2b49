import { sql, type ExpressionBuilder } from 'kysely';
import { classifySearch } from '../../shared/search-query';
import type { OrderRow, orderSearchInput } from '../../shared/schemas/orders';
import type { z } from 'zod';
import type { Db } from '../db/client';
import type { DB } from '../db/schema';
import { literal } from '../db/literal-limit';
import { decodeCursor, encodeCursor } from './cursor';
import { selectOrderRows, toOrderRow } from './order-row';

type Input = z.output<typeof orderSearchInput>;
type Eb = ExpressionBuilder<DB & { orders: DB['orders'] }, 'orders'>;

// The members a free-text query names: exact keys first, nickname fragments otherwise.
// 1–2 character fragments use the gram table (trigram FTS cannot serve them, STACK.md);
// longer ones use the trigram FTS index.
function memberFilter(eb: Eb, kind: string, value: string) {
  switch (kind) {
    case 'phone':
      return eb('orders.member_uid', 'in', eb.selectFrom('members').select('uid').where('phone', '=', value));
    case 'phoneLast4':
      return eb('orders.member_uid', 'in', eb.selectFrom('members').select('uid').where('phone_last4', '=', value));
    case 'email':
      return eb('orders.member_uid', 'in', eb.selectFrom('members').select('uid').where(sql`lower(email)`, '=', value));
    default:
      return null;
  }
}

const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

function nicknameFilter(eb: Eb, value: string, common: boolean) {
  const text = value.toLowerCase();
  // A common fragment is tested beside the sort's index (unary +), not looked up through it.
  const memberUid = common ? sql<string>`+orders.member_uid` : sql.ref<string>('orders.member_uid');
  if (Array.from(text).length <= 2) {
    return eb(memberUid, 'in', eb.selectFrom('member_name_grams').select('member_uid').where('gram', '=', text));
  }
  return eb(memberUid, 'in', eb.selectFrom('member_name_fts').select('uid').where(sql<boolean>`member_name_fts match ${ftsPhrase(text)}`));
}

// A nickname fragment shared by this many members (快乐, 萌萌, "le", 小可爱) names so many orders
// that collecting and sorting them all costs more than walking the orders in page order and
// keeping those of a matching member (measured at 1,000,000 orders: 200 ms against 5–10 ms).
const COMMON_FRAGMENT_MEMBERS = 1000;

async function isCommonFragment(db: Db, value: string): Promise<boolean> {
  const text = value.toLowerCase();
  // Is there a 1000th member with it? One bounded walk of the gram or trigram index.
  const nth =
    Array.from(text).length <= 2
      ? await db.selectFrom('member_name_grams').select('member_uid').where('gram', '=', text).limit(literal(1)).offset(literal(COMMON_FRAGMENT_MEMBERS - 1)).executeTakeFirst()
      : await db
          .selectFrom('member_name_fts')
          .select('uid')
          .where(sql<boolean>`member_name_fts match ${ftsPhrase(text)}`)
          .limit(literal(1))
          .offset(literal(COMMON_FRAGMENT_MEMBERS - 1))
          .executeTakeFirst();
  return nth !== undefined;
}

export async function searchOrders(db: Db, input: Input): Promise<{ items: OrderRow[]; nextCursor: string | null }> {
  const key = input.q ? classifySearch(input.q) : null;
  const common = key?.kind === 'text' && (await isCommonFragment(db, key.value));
  const sort = input.sort;
  const sortColumn = sort === 'paidFen' ? 'orders.paid_fen' : 'orders.sort_at';
  const desc = input.dir === 'desc';

  // A range on the column the page is not sorted by is checked beside the sort's index rather
  // than through its own (a unary + keeps SQLite off that index): a wide range (a month of
  // orders, every ¥25 order) would otherwise collect and sort every match before the first page.
  const sortAt = sort === 'paidFen' ? sql<string>`+orders.sort_at` : sql.ref<string>('orders.sort_at');
  const paidFen = sort === 'paidFen' ? sql.ref<number>('orders.paid_fen') : sql<number>`+orders.paid_fen`;

  const where = (eb: Eb) => {
    const conditions = [];
    if (key?.kind === 'orderNo') conditions.push(eb('orders.order_no', '=', key.value));
    else if (key?.kind === 'uid') conditions.push(eb('orders.member_uid', '=', key.value));
    else if (key?.kind === 'text') {
      conditions.push(eb.or([eb('orders.transaction_id', '=', key.value), nicknameFilter(eb, key.value, common)]));
    } else if (key) {
      const filter = memberFilter(eb, key.kind, key.value);
      if (filter) conditions.push(filter);
    }
    if (input.status) conditions.push(eb('orders.status', '=', input.status));
    if (input.planCode) conditions.push(eb('orders.plan_code', '=', input.planCode));
    if (input.tier) conditions.push(eb('orders.plan_code', 'in', eb.selectFrom('plans').select('code').where('tier', '=', input.tier)));
    if (input.autoRenew !== undefined) {
      conditions.push(
        eb('orders.plan_code', 'in', eb.selectFrom('plans').select('code').where('auto_renew', '=', input.autoRenew ? 1 : 0)),
      );
    }
    if (input.paymentChannel) conditions.push(eb('orders.payment_channel', '=', input.paymentChannel));
    if (input.platform) conditions.push(eb('orders.platform', '=', input.platform));
    if (input.from) conditions.push(eb(sortAt, '>=', new Date(input.from).toISOString()));
    if (input.to) conditions.push(eb(sortAt, '<=', new Date(input.to).toISOString()));
    if (input.minFen !== undefined) conditions.push(eb(paidFen, '>=', input.minFen));
    if (input.maxFen !== undefined) conditions.push(eb(paidFen, '<=', input.maxFen));
    if (input.hasOpenCase !== undefined) {
      conditions.push(eb('orders.open_case_no', input.hasOpenCase ? 'is not' : 'is', null));
    }
    if (input.cursor) {
      const [value, orderNo] =
        input.sort === 'paidFen'
          ? decodeCursor<[number, string]>(input.cursor, ['number', 'string'])
          : decodeCursor<[string, string]>(input.cursor, ['string', 'string']);
      // Row-value comparison: one index range, no OR chains (SQLite 3.15+).
      conditions.push(
        sql<boolean>`(${sql.ref(sortColumn)}, orders.order_no) ${sql.raw(desc ? '<' : '>')} (${value}, ${orderNo})`,
      );
    }
    return eb.and(conditions);
  };
  const dir = desc ? 'desc' : 'asc';

  // Usually one query. For a common fragment the page's order numbers are found on the orders
  // table alone (its sort index is then the only way in: no join to start from), and their
  // rows joined after.
  const query = common
    ? selectOrderRows(db)
        .where('orders.order_no', 'in', (eb) =>
          eb.selectFrom('orders').select('orders.order_no').where(where).orderBy(sortColumn, dir).orderBy('orders.order_no', dir).limit(literal(input.limit + 1)),
        )
        .orderBy(sortColumn, dir)
        .orderBy('orders.order_no', dir)
    : selectOrderRows(db).where(where).orderBy(sortColumn, dir).orderBy('orders.order_no', dir).limit(literal(input.limit + 1));

  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor([input.sort === 'paidFen' ? last.paid_fen : last.sort_at, last.order_no])
      : null;
  return { items: page.map(toOrderRow), nextCursor };
}
