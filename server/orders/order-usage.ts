import { literal } from '../db/literal-limit';
import type { z } from 'zod';
import type { orderUsageInput } from '../../shared/schemas/orders';
import { apiShape } from '../api-shape';
import type { Db } from '../db/client';
import { decodeCursor, encodeCursor } from './cursor';

type Input = z.output<typeof orderUsageInput>;

// One page of an order's usage log, keyset on (at, id) over the (order_no, at, id) index:
// constant cost at any depth, even at tens of thousands of events.
export async function orderUsage(db: Db, input: Input) {
  const desc = input.dir === 'desc';
  let query = db
    .selectFrom('usage_events')
    .select(['id', 'at', 'kind', 'detail', 'value_fen', 'ip', 'device'])
    .where('order_no', '=', input.orderNo);
  if (input.kind) query = query.where('kind', '=', input.kind);
  if (input.from) query = query.where('at', '>=', new Date(input.from).toISOString());
  if (input.to) query = query.where('at', '<=', new Date(input.to).toISOString());
  if (input.cursor) {
    const [at, id] = decodeCursor<[string, number]>(input.cursor, ['string', 'number']);
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('at', 'id'), desc ? '<' : '>', tuple(at, id)));
  }
  const rows = await query
    .orderBy('at', desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc')
    .limit(literal(input.limit + 1))
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => apiShape(r)), // each selected column under its API name
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.at, last.id]) : null,
  };
}
