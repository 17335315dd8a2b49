import dayjs from 'dayjs';
import { formatDate } from '../../lib/format';
import type { OrderPage } from './order-page-types';
import { USAGE_KINDS } from './order-page-types';

const MAX_DAYS = 400;

/**
 * The chart's days: every local date of the membership, from its start to its end (or the
 * revocation), with zeros where nothing happened, so gaps in use show as gaps; `today` tells
 * the chart where the days still to come begin. Usage outside the period (rare: clock skew,
 * data fixes) widens the range rather than disappearing.
 */
export function dailyUsageSeries(page: OrderPage, today = formatDate(new Date())) {
  const { order, usage } = page;
  const byDate = new Map(usage.daily.map((d) => [d.date, d]));
  const startAt = order.activatedAt ?? order.entitlement?.startsAt ?? order.paidAt ?? order.createdAt;
  const endAt = order.entitlement?.revokedAt ?? order.entitlement?.endsAt ?? null;
  let start = formatDate(startAt);
  let end = endAt ? formatDate(endAt) : today;
  const first = usage.daily[0]?.date;
  const last = usage.daily[usage.daily.length - 1]?.date;
  if (first && first < start) start = first;
  if (last && last > end) end = last;
  if (end < start) end = start;

  const days: ({ date: string } & Record<string, number | string>)[] = [];
  for (let d = dayjs(start); days.length < MAX_DAYS; d = d.add(1, 'day')) {
    const date = d.format('YYYY-MM-DD');
    if (date > end) break;
    const counts = byDate.get(date) as Record<string, number | string> | undefined;
    const row: { date: string } & Record<string, number | string> = { date };
    for (const kind of USAGE_KINDS) row[kind] = Number(counts?.[kind] ?? 0);
    days.push(row);
  }
  const future = days.find((d) => d.date > today)?.date ?? null;
  return { days, future, end: days[days.length - 1]?.date ?? start };
}

// A long plan (an annual one) used for a few weeks is zoomed to where something happened, a
// week past it, and the rest said in words: 26 days of use were a sliver beside 339 grey days.
const ZOOM_PAD_DAYS = 7;
const ZOOM_MIN_HIDDEN = 21;
const ZOOM_MIN_SHOWN = 14;

export interface UsageZoom {
  /** the days the chart shows */
  days: ({ date: string } & Record<string, number | string>)[];
  /** the days left out after them, summarised: how many had passed (all without use) and how many are still to come */
  rest: { from: string; to: string; days: number; pastDays: number; futureDays: number } | null;
}

/** The chart's days zoomed to the used range (first day to the last use or case marker, plus a week). */
export function zoomToUse(days: UsageZoom['days'], markers: string[], today = formatDate(new Date())): UsageZoom {
  let lastEvent = '';
  for (const d of days) if (USAGE_KINDS.some((k) => Number(d[k]) > 0)) lastEvent = d.date;
  for (const m of markers) if (m > lastEvent) lastEvent = m;
  if (!lastEvent) return { days, rest: null };
  // a week past the last event, but no further than today (the days to come are summarised),
  // and at least two weeks from the start so a few days of use are not drawn as wide blocks
  const padded = dayjs(lastEvent).add(ZOOM_PAD_DAYS, 'day').format('YYYY-MM-DD');
  let cut = padded < today ? padded : today > lastEvent ? today : lastEvent;
  const minEnd = days[0]
    ? dayjs(days[0].date)
        .add(ZOOM_MIN_SHOWN - 1, 'day')
        .format('YYYY-MM-DD')
    : cut;
  if (cut < minEnd) cut = minEnd;
  const shown = days.filter((d) => d.date <= cut);
  const hidden = days.slice(shown.length);
  if (hidden.length < ZOOM_MIN_HIDDEN) return { days, rest: null };
  const futureDays = hidden.filter((d) => d.date > today).length;
  return {
    days: shown,
    rest: {
      from: hidden[0]!.date,
      to: hidden[hidden.length - 1]!.date,
      days: hidden.length,
      pastDays: hidden.length - futureDays,
      futureDays,
    },
  };
}
