import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '../../../server/router';
import { compact } from '../../lib/url-search';
import { cursorStack, yuanToFen, type OrderSearchParams } from './order-search-params';

export type OrderSearchInput = inferRouterInputs<AppRouter>['orders']['search'];

export const PAGE_SIZE = 50;

/** What in the URL cannot be asked of the server as it stands (the filter bar says so beside the field). */
export interface SearchProblems {
  amount?: 'minAboveMax';
  dates?: 'fromAfterTo';
}

// Beijing has no daylight saving: a local day is [00:00, 24:00) at +08:00.
const dayStart = (date: string) => `${date}T00:00:00.000+08:00`;
const dayEnd = (date: string) => `${date}T23:59:59.999+08:00`;

function yesNo(value: 'yes' | 'no' | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'yes';
}

/** The URL's search as the orders.search input, or the reasons it cannot be sent. */
export function toSearchInput(params: OrderSearchParams): { input: OrderSearchInput; problems: SearchProblems } {
  const problems: SearchProblems = {};
  let minFen = params.min !== undefined ? yuanToFen(params.min) : undefined;
  let maxFen = params.max !== undefined ? yuanToFen(params.max) : undefined;
  if (minFen !== undefined && maxFen !== undefined && minFen > maxFen) {
    problems.amount = 'minAboveMax';
    minFen = maxFen = undefined;
  }
  let from = params.from;
  let to = params.to;
  if (from && to && from > to) {
    problems.dates = 'fromAfterTo';
    from = to = undefined;
  }
  const cursors = cursorStack(params);
  const input: OrderSearchInput = {
    q: params.q,
    status: params.status,
    tier: params.tier,
    planCode: params.plan,
    paymentChannel: params.channel,
    platform: params.platform,
    from: from ? dayStart(from) : undefined,
    to: to ? dayEnd(to) : undefined,
    minFen,
    maxFen,
    hasOpenCase: yesNo(params.openCase),
    autoRenew: yesNo(params.autoRenew),
    sort: params.sort ?? 'paidAt',
    dir: params.dir ?? 'desc',
    limit: PAGE_SIZE,
    cursor: cursors[cursors.length - 1] ?? null,
  };
  return { input: compact(input), problems };
}
