import type { Page } from 'playwright-core';
import { query } from './api';

// What the case stories (cases.e2e.ts, decisions.e2e.ts) need from the seeded demo database: its
// accounts, and a paid order that fits the story, found through the API the console uses.

export const AGENT = { username: 'agent1', password: 'agent1-demo' };
export const SUPERVISOR = { username: 'super1', password: 'super1-demo' };
export const AUDITOR = { username: 'auditor1', password: 'auditor1-demo' };
/** Each story runs a few minutes' worth of clicks on a shared machine: more than vitest's default. */
export const STORY_MS = 150_000;
/** Channels the simulated gateway settles at once (a bank card stays pending; Apple refunds itself). */
const INSTANT_CHANNELS = ['alipay', 'wechat_pay', 'bcoin'];

export interface OrderRow {
  orderNo: string;
  memberUid: string;
  planCode: string;
  paidFen: number;
  refundedFen: number;
  paidAt: string;
  paymentChannel: string;
  anomaly: string | null;
  isRenewal: boolean;
}
export interface OrderPage {
  order: OrderRow & { activatedAt: string | null; durationDays: number; usedDaysSoFar: number };
  usage: { total: number; activeDays: number };
  subscription: { status: string } | null;
}

export interface Wanted {
  tier?: string;
  planCode?: string;
  autoRenew?: boolean;
  /** the order's anomaly flag: none unless asked for */
  anomaly?: 'duplicate_charge';
}

/** The newest paid order without an open case that fits, paid back at once (instant channel), or null. */
export async function findOrder(
  page: Page,
  { anomaly = undefined, ...search }: Wanted,
  accept: (row: OrderRow, detail: OrderPage) => boolean,
): Promise<OrderPage | null> {
  let cursor: string | null = null;
  for (let pageNo = 0; pageNo < 10; pageNo++) {
    const result: { items: OrderRow[]; nextCursor: string | null } = await query(page, 'orders.search', {
      status: 'paid',
      hasOpenCase: false,
      limit: 100,
      ...search,
      ...(cursor ? { cursor } : {}),
    });
    for (const row of result.items) {
      if (!INSTANT_CHANNELS.includes(row.paymentChannel) || row.anomaly !== (anomaly ?? null) || row.refundedFen > 0 || row.isRenewal)
        continue;
      const detail = await query<OrderPage>(page, 'orders.get', { orderNo: row.orderNo });
      if (accept(row, detail)) return detail;
    }
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return null;
}

/** What findOrder found, or the story stops saying what the demo database lacks. */
export function found<T>(order: T | null, what: string): T {
  if (!order) throw new Error(`the demo database has no ${what} left (other browser tests may have refunded them)`);
  return order;
}

/** A standard order used on fewer days than the calendar counts: the usage evidence refunds another amount. */
export async function disputedOrder(page: Page): Promise<OrderPage['order']> {
  const { order } = found(
    await findOrder(
      page,
      { tier: 'standard' },
      (row, d) =>
        row.paidFen <= 7_000 &&
        d.order.activatedAt !== null &&
        d.usage.activeDays + 2 <= d.order.usedDaysSoFar &&
        d.order.usedDaysSoFar < d.order.durationDays,
    ),
    'order used on fewer days than the calendar counts',
  );
  return order;
}
