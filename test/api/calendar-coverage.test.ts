import { describe, expect, it } from 'vitest';
import { addBusinessDaysChecked } from '../../shared/time/business-days';
import { HOLIDAYS_2026 } from '../../shared/time/holidays-2026';
import type { BusinessCalendar } from '../../shared/time/business-days';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { openCase, orderWithMember } from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

// docs/spec.md §3 "Business days": an SLA that reaches past the last year the holiday calendar
// covers is computed on weekdays and flagged, and admins see a warning to load the next year
// (policy.calendarCoverage). A year is loaded when the calendar holds any day in it.

// 2026 alone (the demo's calendar also carries New Year 2027, which loads 2027 by this rule)
const ONLY_2026: BusinessCalendar = {
  holidays: HOLIDAYS_2026.holidays.filter((d) => d.startsWith('2026')),
  makeupWorkdays: HOLIDAYS_2026.makeupWorkdays.filter((d) => d.startsWith('2026')),
};

let world: TestWorld;
worldWithPlansEachTest('2026-11-10T02:00:00.000Z', (w) => (world = w));

async function loadDay(date: string, kind: 'holiday' | 'makeup_workday', name = '测试') {
  await world.deps.db.insertInto('calendar_days').values({ date, kind, name }).execute();
}

describe('policy.calendarCoverage', () => {
  it('says nothing is covered on an empty calendar, then the last loaded year and whether 60 days ahead are covered', async () => {
    const admin = await createStaff(world, { role: 'admin' });
    const api = callerFor(world, admin);
    expect(await api.policy.calendarCoverage()).toEqual({ lastCoveredDate: null, coversNext60Days: false });

    await loadDay('2026-10-01', 'holiday');
    // 2026-11-10 + 60 days is 2027-01-09: 2026 alone does not reach it
    expect(await api.policy.calendarCoverage()).toEqual({ lastCoveredDate: '2026-12-31', coversNext60Days: false });
    world.clock.now = new Date('2026-10-01T02:00:00.000Z');
    expect(await api.policy.calendarCoverage()).toEqual({ lastCoveredDate: '2026-12-31', coversNext60Days: true });
    world.clock.now = new Date('2026-11-10T02:00:00.000Z');

    // an admin loads 2027 (one day of it is enough to count the year as loaded)
    await api.policy.setCalendarDay({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(await api.policy.calendarCoverage()).toEqual({ lastCoveredDate: '2027-12-31', coversNext60Days: true });
  });

  it('a year after a gap does not extend the coverage', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    await loadDay('2026-10-01', 'holiday');
    await loadDay('2028-01-03', 'holiday');
    expect(await callerFor(world, agent).policy.calendarCoverage()).toEqual({ lastCoveredDate: '2026-12-31', coversNext60Days: false });
  });
});

describe('an SLA past the calendar is estimated on weekdays and flagged', () => {
  it('addBusinessDaysChecked says whether the count crossed a year the calendar does not cover', () => {
    const inside = addBusinessDaysChecked('2026-11-10T02:00:00.000Z', 3, ONLY_2026, 'Asia/Shanghai');
    expect(inside).toEqual({ dueAt: '2026-11-13T15:59:59.999Z', estimated: false });
    // Thursday 2026-12-31 + 3 working days: Fri 1 Jan 2027 is not known as a holiday → counted as a weekday
    const past = addBusinessDaysChecked('2026-12-31T02:00:00.000Z', 3, ONLY_2026, 'Asia/Shanghai');
    expect(past).toEqual({ dueAt: '2027-01-05T15:59:59.999Z', estimated: true });
    // with New Year 2027 loaded the same count is exact (and a day later)
    expect(addBusinessDaysChecked('2026-12-31T02:00:00.000Z', 3, HOLIDAYS_2026, 'Asia/Shanghai')).toEqual({
      dueAt: '2027-01-06T15:59:59.999Z',
      estimated: false,
    });
  });

  it('cases.get and cases.list carry slaEstimated: false inside the calendar, true past it, false again once the year is loaded', async () => {
    const agent = await createStaff(world, { role: 'agent' });
    const api = callerFor(world, agent);
    for (const d of ONLY_2026.holidays) await loadDay(d, 'holiday');

    const { order: early } = await orderWithMember(world, { paid_at: '2026-11-09T02:00:00.000Z' });
    const inside = await openCase(world, agent, early.order_no);
    expect((await api.cases.get({ caseNo: inside })).case.slaEstimated).toBe(false);

    world.clock.now = new Date('2026-12-30T02:00:00.000Z');
    const { order: late } = await orderWithMember(world, { paid_at: '2026-12-29T02:00:00.000Z' });
    const past = await openCase(world, agent, late.order_no);
    const detail = await api.cases.get({ caseNo: past });
    expect(detail.case.slaDueAt > '2027-01-01').toBe(true);
    expect(detail.case.slaEstimated).toBe(true);
    const listed = await api.cases.list({ limit: 50 });
    const flags = Object.fromEntries(listed.items.map((i) => [i.caseNo, i.slaEstimated]));
    expect(flags).toMatchObject({ [inside]: false, [past]: true });

    await loadDay('2027-01-01', 'holiday', '元旦');
    expect((await api.cases.get({ caseNo: past })).case.slaEstimated).toBe(false);
    expect((await api.cases.list({ limit: 50 })).items.find((i) => i.caseNo === past)?.slaEstimated).toBe(false);
  });
});
