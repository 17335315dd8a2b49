import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { BusinessCalendar } from '../../../shared/time/business-days';
import { useTRPC } from '../../trpc';
import type { CalendarDay } from './settings-api-types';

/**
 * The business calendar of some years, as the server computes SLAs with it. An SLA can run
 * past New Year, so previews ask for the current year and the next.
 */
export function useBusinessCalendar(years: number[]) {
  const trpc = useTRPC();
  const results = useQueries({ queries: years.map((year) => trpc.policy.calendar.queryOptions({ year })) });
  const pending = results.some((r) => r.isPending);
  const error = results.find((r) => r.isError)?.error ?? null;
  const dataKey = results.map((r) => r.dataUpdatedAt).join();
  const days = useMemo(
    () => results.flatMap((r) => r.data ?? []) as CalendarDay[],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when any year's data changes
    [dataKey],
  );
  const calendar = useMemo<BusinessCalendar>(
    () => ({
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date),
    }),
    [days],
  );
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  return { calendar, byDate, pending, error, refetch: () => results.forEach((r) => void r.refetch()) };
}
