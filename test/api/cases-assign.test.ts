import { describe, expect, it } from 'vitest';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { caseRow, countRows, openCase, orderWithMember } from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

// Reassignment by a supervisor (docs/spec.md §1): only a case still being worked can change hands, a
// stale screen cannot overwrite a newer assignment, and every change is audited.

let world: TestWorld;
worldWithPlansEachTest('2026-11-20T04:00:00.000Z', (w) => (world = w));

async function assigneeOf(caseNo: string) {
  return (await callerFor(world, await createStaff(world, { role: 'auditor' })).cases.get({ caseNo })).case.assignee;
}

describe('cases.assign', () => {
  it('hands an open case to another agent, audited, and says who has it', async () => {
    const alice = await createStaff(world, { role: 'agent' });
    const bob = await createStaff(world, { role: 'agent' });
    const boss = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world);
    const caseNo = await openCase(world, alice, order.order_no);
    const audit = await countRows(world.deps.db, 'audit_events');

    await expect(callerFor(world, boss).cases.assign({ caseNo, username: bob.username })).resolves.toEqual({ assignee: bob.username });
    expect(await assigneeOf(caseNo)).toBe(bob.username);
    expect(await countRows(world.deps.db, 'audit_events')).toBe(audit + 1);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const alice = await createStaff(world, { role: 'agent' });
    const bob = await createStaff(world, { role: 'agent' });
    const carol = await createStaff(world, { role: 'agent' });
    const boss = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world);
    const caseNo = await openCase(world, alice, order.order_no);
    const seen = (await caseRow(world.deps.db, caseNo)).version;
    await callerFor(world, boss).cases.assign({ caseNo, username: bob.username, expectedVersion: seen });
    const before = await caseRow(world.deps.db, caseNo);
    const audit = await countRows(world.deps.db, 'audit_events');

    await expect(callerFor(world, boss).cases.assign({ caseNo, username: carol.username, expectedVersion: seen })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await caseRow(world.deps.db, caseNo)).toEqual(before);
    expect(await assigneeOf(caseNo)).toBe(bob.username);
    expect(await countRows(world.deps.db, 'audit_events')).toBe(audit);
  });

  it('refuses to reassign a closed case, with a clear message, and changes nothing', async () => {
    const alice = await createStaff(world, { role: 'agent' });
    const bob = await createStaff(world, { role: 'agent' });
    const boss = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world);
    const caseNo = await openCase(world, alice, order.order_no);
    await callerFor(world, alice).cases.reject({ caseNo, reasonCode: 'already_used', message: '会员权益已使用完毕' });
    await callerFor(world, boss).cases.close({ caseNo, note: '会员未再申诉' });
    const before = await caseRow(world.deps.db, caseNo);
    const audit = await countRows(world.deps.db, 'audit_events');

    const error = await callerFor(world, boss)
      .cases.assign({ caseNo, username: bob.username })
      .then(
        () => null,
        (e: { code: string; message: string }) => e,
      );
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(error?.message).toMatch(/closed/i);
    expect(await caseRow(world.deps.db, caseNo)).toEqual(before);
    expect(await assigneeOf(caseNo)).toBe(alice.username);
    expect(await countRows(world.deps.db, 'audit_events')).toBe(audit);
  });

  it('does nothing, and writes no audit event, when the case already has that assignee', async () => {
    const alice = await createStaff(world, { role: 'agent' });
    const boss = await createStaff(world, { role: 'supervisor' });
    const { order } = await orderWithMember(world);
    const caseNo = await openCase(world, alice, order.order_no);
    const before = await caseRow(world.deps.db, caseNo);
    const audit = await countRows(world.deps.db, 'audit_events');

    await expect(callerFor(world, boss).cases.assign({ caseNo, username: alice.username })).resolves.toEqual({ assignee: alice.username });
    expect(await caseRow(world.deps.db, caseNo)).toEqual(before);
    expect(await countRows(world.deps.db, 'audit_events')).toBe(audit);
  });
});
