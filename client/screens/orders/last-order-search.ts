import type { OrderSearchParams } from './order-search-params';

// The search the agent last looked at, so the order page's "back to results" returns to the
// same filters and page instead of an empty search. In memory only: a reload starts afresh.
let last: OrderSearchParams = {};

export function rememberOrderSearch(params: OrderSearchParams): void {
  last = params;
}

export function lastOrderSearch(): OrderSearchParams {
  return last;
}
