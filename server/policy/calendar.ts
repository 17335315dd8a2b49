import type { z } from 'zod';
import type { calendarListInput, calendarSetInput } from '../../shared/schemas/policy';
import { addDays, toLocalDate, weekday } from '../../shared/time/local-date';
import { currentPolicy } from './current-policy';
import type { StaffActor } from '../actor';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/client';
import { writeTx } from '../db/write-tx';
import { DomainError } from '../errors';

/** The years the calendar covers: a year with any day in it is loaded (docs/spec.md §3). */
export async function calendarYears(db: Db): Promise<Set<number>> {
  const rows = await db
    .selectFrom('calendar_days')
    .select((eb) => eb.fn<string>('substr', ['date', eb.val(1), eb.val(4)]).as('year'))
    .distinct()
    .execute();
  return new Set(rows.map((r) => Number(r.year)));
}

/** How far the calendar counts working days from today without guessing. */
export const COVERAGE_AHEAD_DAYS = 60;

/**
 * The last date the calendar covers without a gap from today's year (null when today's year is
 * not loaded), and whether that reaches 60 days ahead: admins are warned to load the next year.
 */
export async function calendarCoverage(db: Db, now: Date): Promise<{ lastCoveredDate: string | null; coversNext60Days: boolean }> {
  const [years, policy] = await Promise.all([calendarYears(db), currentPolicy(db)]);
  const today = toLocalDate(now.toISOString(), policy.timezone);
  let year = Number(today.slice(0, 4));
  if (!years.has(year)) return { lastCoveredDate: null, coversNext60Days: false };
  while (years.has(year + 1)) year += 1;
  const lastCoveredDate = `${year}-12-31`;
  return { lastCoveredDate, coversNext60Days: addDays(today, COVERAGE_AHEAD_DAYS) <= lastCoveredDate };
}

/** The holidays and make-up working days of one year. */
export function listCalendar(db: Db, input: z.output<typeof calendarListInput>) {
  return db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('date', '>=', `${input.year}-01-01`)
    .where('date', '<=', `${input.year}-12-31`)
    .orderBy('date')
    .execute();
}

export function setCalendarDay(db: Db, actor: StaffActor, input: z.output<typeof calendarSetInput>, now: Date) {
  const day = weekday(input.date);
  const weekend = day === 0 || day === 6;
  if (input.kind === 'makeup_workday' && !weekend) throw new DomainError('BAD_REQUEST', 'A make-up working day must fall on a weekend');
  if (input.kind === 'holiday' && weekend) throw new DomainError('BAD_REQUEST', 'Weekends are already days off: mark weekdays as holidays');
  return writeTx(db, async (tx) => {
    const before = await tx.selectFrom('calendar_days').select(['kind', 'name']).where('date', '=', input.date).executeTakeFirst();
    const kind = input.kind;
    if (kind === 'normal') await tx.deleteFrom('calendar_days').where('date', '=', input.date).execute();
    else {
      await tx
        .insertInto('calendar_days')
        .values({ date: input.date, kind, name: input.name })
        .onConflict((oc) => oc.column('date').doUpdateSet({ kind, name: input.name }))
        .execute();
    }
    await recordAudit(
      tx,
      actor,
      {
        action: 'calendar.set',
        entityType: 'calendar_day',
        entityId: input.date,
        before: before ?? { kind: 'normal' },
        after: { kind: input.kind, name: input.name },
      },
      now,
    );
    return { date: input.date, kind: input.kind };
  });
}
