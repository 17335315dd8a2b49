import { useQueries, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';
import type { AuditEvent, HistoryEntityType } from './audit-types';

const MAX_CASES = 20;

/**
 * The full history of a case or an order, oldest first, as one list of audit events:
 * - a case: audit.history (the case, its refunds and its order's events);
 * - an order: its own events and the full history of every case opened on it.
 * The demo seed files its cases' events under the entity type `refund_case` where live events
 * say `case`; those are fetched from the log too, so a seeded case's history is complete.
 */
export function useEntityHistory(entityType: HistoryEntityType, entityId: string) {
  const trpc = useTRPC();
  const order = useQuery({ ...trpc.orders.get.queryOptions({ orderNo: entityId }), enabled: entityType === 'order', retry: false });
  const caseNos =
    entityType === 'case' ? [entityId] : entityType === 'order' ? (order.data?.cases ?? []).slice(0, MAX_CASES).map((c) => c.caseNo) : [];

  const queries = useQueries({
    queries: [
      trpc.audit.history.queryOptions({ entityType, entityId }),
      ...caseNos
        .filter((no) => no !== entityId || entityType !== 'case')
        .map((caseNo) => trpc.audit.history.queryOptions({ entityType: 'case', entityId: caseNo })),
      ...caseNos.map((caseNo) => trpc.audit.list.queryOptions({ entityType: 'refund_case', entityId: caseNo, limit: 200 })),
    ],
  });

  const byId = new Map<number, AuditEvent>();
  for (const q of queries) {
    const events = Array.isArray(q.data) ? q.data : (q.data?.items ?? []);
    for (const e of events) byId.set(e.id, e);
  }
  const events = [...byId.values()].sort((a, b) => a.id - b.id);
  return {
    events,
    caseNos,
    order: order.data?.order,
    // queries[0], the entity's own history, is first in the list: its error is the one shown
    isPending: (entityType === 'order' && order.isPending) || queries.some((q) => q.isPending),
    error: queries.find((q) => q.error)?.error ?? null,
    refetch: () => Promise.all(queries.map((q) => q.refetch())),
    isFetching: queries.some((q) => q.isFetching),
  };
}
