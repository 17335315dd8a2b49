import { endOfLocalDay, startOfLocalDay } from '../../shared/time/local-date';
import { DISPLAY_TIME_ZONE } from '../lib/format';

export type CsvExportKind = 'cases' | 'refunds' | 'communications' | 'audit';

/**
 * The address of a CSV export (plain GET, same origin: the session cookie goes along, the
 * server streams the file as an attachment). The range is in local (Beijing) dates and is sent
 * as the instants that bound those days; the server accepts only from, to and status.
 */
export function csvExportHref(kind: CsvExportKind, range: { from?: string; to?: string; status?: string } = {}): string {
  const params = new URLSearchParams();
  if (range.from) params.set('from', startOfLocalDay(range.from, DISPLAY_TIME_ZONE));
  if (range.to) params.set('to', endOfLocalDay(range.to, DISPLAY_TIME_ZONE));
  if (range.status) params.set('status', range.status);
  const query = params.toString();
  return `/export/${kind}.csv${query ? `?${query}` : ''}`;
}
