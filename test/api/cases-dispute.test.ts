import { describe, expect, it } from 'vitest';
import { diffQuotes } from '../../shared/refund';
import { insertUsage } from '../support/factories';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { caseRow, openCase, orderWithMember } from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
// quoted on 2026-11-10 at 15:00 in Shanghai
worldWithPlansEachTest('2026-11-10T07:00:00.000Z', (w) => (world = w));

// ¥25.00 monthly plan activated 2026-11-01 10:00 local
const activatedNov1 = { plan_code: 'std_month', paid_at: '2026-11-01T01:00:00.000Z', activated_at: '2026-11-01T02:00:00.000Z' } as const;

describe('a recomputation in a dispute', () => {
  it('keeps the calendar quote and the evidence quote side by side; the second never overwrites the first', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    // the member used it on three dates only
    const { order } = await orderWithMember(world, activatedNov1);
    await insertUsage(db, order.order_no, [
      { at: '2026-11-01T02:05:00.000Z' },
      { at: '2026-11-01T12:00:00.000Z', kind: 'playback' },
      { at: '2026-11-03T13:00:00.000Z', kind: 'playback' },
      { at: '2026-11-07T16:30:00.000Z' }, // 00:30 on 11-08 local
    ]);
    const caseNo = await openCase(world, agent, order.order_no);
    const api = callerFor(world, agent);

    const calendar = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(calendar).toMatchObject({ outcome: 'prorated', usedDays: 10, remainingDays: 20, amountFen: 1666, exception: false });
    const storedFirst = await db.selectFrom('quotes').selectAll().where('id', '=', calendar.quoteId).executeTakeFirstOrThrow();
    world.clock.advance(5 * 60_000);

    const evidence = await api.cases.quote({ caseNo, basis: { kind: 'evidence' } });

    expect(evidence.quoteId).not.toBe(calendar.quoteId);
    expect(evidence).toMatchObject({
      outcome: 'prorated',
      usedDays: 3,
      remainingDays: 27,
      amountFen: 2250,
      exception: true,
      needsSupervisor: true,
    });
    expect(await db.selectFrom('quotes').selectAll().where('id', '=', calendar.quoteId).executeTakeFirstOrThrow()).toEqual(storedFirst);

    const page = await api.cases.get({ caseNo });
    expect(page.quotes.map((q) => [q.quoteId, q.basis.kind, q.amountFen, q.usedDays])).toEqual([
      [calendar.quoteId, 'calendar', 1666, 10],
      [evidence.quoteId, 'evidence', 2250, 3],
    ]);
    expect(page.quotes[0]!.createdAt < page.quotes[1]!.createdAt).toBe(true);
    expect(page.quotes.every((q) => q.createdBy === agent.username)).toBe(true);
    // what the agent shows the member: 7 fewer used days, ¥5.84 more
    const diff = diffQuotes(page.quotes[0]!, page.quotes[1]!);
    expect(diff.summary).toMatchObject({ amountDeltaFen: 584, usedDaysDelta: -7, outcomeChanged: false });
    expect((await caseRow(db, caseNo)).status).toBe('in_review');
  });

  it('refuses a manual recomputation without a written justification and stores nothing', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, activatedNov1);
    const caseNo = await openCase(world, agent, order.order_no);
    await callerFor(world, agent).cases.quote({ caseNo, basis: { kind: 'calendar' } });

    await expect(
      callerFor(world, agent).cases.quote({ caseNo, basis: { kind: 'manual', usedDays: 2, reason: '  ' } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });

    const quotes = await db.selectFrom('quotes').select('basis_kind').where('case_no', '=', caseNo).execute();
    expect(quotes.map((q) => q.basis_kind)).toEqual(['calendar']);
  });
});
