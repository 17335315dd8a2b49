import type { UsageInput, UsageKind } from './order-page-types';

export interface UsageFilters {
  kind?: UsageKind;
  from?: string;
  to?: string;
  dir: 'asc' | 'desc';
}

/** The filters as the orders.usage input (local Beijing dates → instants). */
export function usageInput(orderNo: string, filters: UsageFilters, limit: number): UsageInput {
  return {
    orderNo,
    dir: filters.dir,
    limit,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.from ? { from: `${filters.from}T00:00:00.000+08:00` } : {}),
    ...(filters.to ? { to: `${filters.to}T23:59:59.999+08:00` } : {}),
  };
}
