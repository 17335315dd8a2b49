import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/refund';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { insertMember, insertOrder } from '../support/factories';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
worldWithPlansEachTest('2026-11-10T07:00:00.000Z', (w) => (world = w));

const { version: _v, ...defaults } = DEFAULT_POLICY;

describe('policy versions', () => {
  it('an admin publishes a new version and the next quote uses it; the old quote keeps its version', async () => {
    const admin = await createStaff(world, { role: 'admin' });
    const agent = await createStaff(world, { role: 'agent' });
    const m = await insertMember(world.deps.db);
    // paid 10 days ago, never used: outside a 7-day window, inside a 14-day one
    const order = await insertOrder(world.deps.db, m.uid, { paid_at: '2026-10-31T07:00:00.000Z' });
    const api = callerFor(world, agent);
    const { caseNo } = await api.cases.create({
      orderNo: order.order_no,
      channel: 'app',
      reason: 'unused',
      requested: 'full',
      statement: '',
    });
    const q1 = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(q1).toMatchObject({ outcome: 'none', reasonCode: 'outside_window', policyVersion: 1 });

    // with no published row the built-in default is version 1, so the first publish is version 2
    await expect(
      callerFor(world, admin).policy.publish({
        settings: { ...defaults, fullRefundWindowDays: 14 },
        note: '延长全额退款期至14天',
        baseVersion: 1,
      }),
    ).resolves.toEqual({ version: 2 });
    expect(await callerFor(world, agent).policy.current()).toMatchObject({ version: 2, fullRefundWindowDays: 14 });

    const q2 = await api.cases.quote({ caseNo, basis: { kind: 'calendar' } });
    expect(q2).toMatchObject({ outcome: 'full', reasonCode: 'full_unused', amountFen: 2500, policyVersion: 2 });
    const stored = await world.deps.db.selectFrom('quotes').select(['id', 'policy_version']).orderBy('id').execute();
    expect(stored.map((q) => q.policy_version)).toEqual([1, 2]);
  });

  it('refuses a publish over a newer version, a missing note and non-admins, changing nothing', async () => {
    const admin = await createStaff(world, { role: 'admin' });
    const sup = await createStaff(world, { role: 'supervisor' });
    await callerFor(world, admin).policy.publish({ settings: defaults, note: '第二版', baseVersion: 1 });
    await expect(
      callerFor(world, admin).policy.publish({ settings: defaults, note: '旧基础上修改', baseVersion: 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(callerFor(world, admin).policy.publish({ settings: defaults, note: '', baseVersion: 2 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      callerFor(world, admin).policy.publish({ settings: { ...defaults, agentApprovalLimitFen: 12.5 }, note: '非法金额', baseVersion: 2 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(callerFor(world, sup).policy.publish({ settings: defaults, note: '主管无权发布', baseVersion: 2 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const versions = await world.deps.db.selectFrom('policy_versions').select('version').execute();
    expect(versions).toEqual([{ version: 2 }]);
  });

  it('edits the holiday calendar and the SLA of a new case follows it', async () => {
    const admin = await createStaff(world, { role: 'admin' });
    const agent = await createStaff(world, { role: 'agent' });
    // Tuesday 2026-11-10 15:00 local: 3 business days → end of Friday 11-13, unless Thursday is a holiday
    await callerFor(world, admin).policy.setCalendarDay({ date: '2026-11-12', kind: 'holiday', name: '测试假日' });
    await expect(
      callerFor(world, admin).policy.setCalendarDay({ date: '2026-11-11', kind: 'makeup_workday', name: '' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const m = await insertMember(world.deps.db);
    const order = await insertOrder(world.deps.db, m.uid);
    const { slaDueAt } = await callerFor(world, agent).cases.create({
      orderNo: order.order_no,
      channel: 'app',
      reason: 'unused',
      requested: 'full',
      statement: '',
    });
    expect(slaDueAt).toBe('2026-11-16T15:59:59.999Z');
    const cal = await callerFor(world, agent).policy.calendar({ year: 2026 });
    expect(cal).toEqual([{ date: '2026-11-12', kind: 'holiday', name: '测试假日' }]);
  });
});
