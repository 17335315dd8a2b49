import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/router';
import { decidesIn, HOME_BY_ROLE, NAV_BY_ROLE, ROLES, type Role } from '../../shared/roles';
import { callerFor, createStaff, createTestWorld, procedureAt, type TestWorld } from '../support/test-db';

// The role × procedure matrix. Adding a procedure means adding it here: the test fails for
// any procedure that is not listed, so nothing becomes callable by accident.
const R: Role[] = ['agent', 'supervisor', 'auditor'];
const W: Role[] = ['agent', 'supervisor'];
const S: Role[] = ['supervisor'];
const A: Role[] = ['admin'];
const O: Role[] = ['supervisor', 'auditor'];
const ALL: Role[] = [...ROLES];
const EXPECTED: Record<string, Role[] | 'public'> = {
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.me': ALL,
  'auth.logoutAll': ALL,
  'auth.changePassword': ALL,
  'auth.signOutUser': A,
  'auth.unlock': ['supervisor', 'admin'],
  'health.check': 'public',
  'orders.search': R,
  'orders.get': R,
  'orders.usage': R,
  'members.reveal': W,
  'members.cancelAutoRenew': W,
  'cases.create': W,
  'cases.addEvidence': W,
  'cases.get': R,
  'cases.list': R,
  'cases.quote': W,
  'cases.goodwill': S,
  'cases.approve': W,
  'cases.propose': W,
  'cases.sendBack': S,
  'cases.reject': W,
  'cases.reopen': W,
  'cases.redirectToStore': W,
  'cases.close': W,
  'cases.sendStoreAnswer': W,
  'cases.recordStoreConsent': W,
  'cases.assign': S,
  'policy.current': ALL,
  'policy.history': ALL,
  'policy.publish': A,
  'policy.calendar': ALL,
  'policy.calendarCoverage': ALL,
  'policy.setCalendarDay': A,
  'comms.log': W,
  'comms.send': W,
  'comms.list': R,
  'comms.authors': R,
  'comms.edit': W,
  'templates.list': R,
  'templates.save': S,
  'templates.remove': S,
  'audit.list': O,
  'audit.history': O,
  'audit.verify': O,
  'qa.queue': O,
  'qa.review': S,
  'qa.results': O,
  'qa.settings': O,
  'qa.setSettings': S,
  'dashboard.summary': O,
  'integration.summary': ['supervisor', 'auditor', 'admin'],
  'integration.parked': ['supervisor', 'auditor', 'admin'],
};

// What every signed-in staff member may do to their own account, auditors included.
const OWN_ACCOUNT = ['auth.logoutAll', 'auth.changePassword'];

type AnyProcedure = { _def: { meta?: { allow?: readonly Role[] | 'public' }; type: string } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

let world: TestWorld;
const staff = {} as Record<Role, Awaited<ReturnType<typeof createStaff>>>;
beforeAll(async () => {
  world = await createTestWorld();
  for (const role of ROLES) staff[role] = await createStaff(world, { role });
});
afterAll(() => world.cleanup());

function call(role: Role | null, path: string) {
  return procedureAt(callerFor(world, role ? staff[role] : null), path)({});
}

describe('permissions', () => {
  it('every procedure declares who may call it, exactly as in the matrix', () => {
    const declared = Object.fromEntries(
      Object.entries(procedures).map(([path, p]) => [
        path,
        p._def.meta?.allow === 'public' ? 'public' : [...(p._def.meta?.allow ?? [])].sort(),
      ]),
    );
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([p, a]) => [p, a === 'public' ? a : [...a].sort()]));
    expect(declared).toEqual(expected);
  });

  it('the server refuses every role outside a procedure’s declaration, before reading the input', async () => {
    for (const [path, allow] of Object.entries(EXPECTED)) {
      if (allow === 'public') continue;
      await expect(call(null, path), `${path} anonymous`).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      for (const role of ROLES.filter((r) => !allow.includes(r))) {
        await expect(call(role, path), `${path} as ${role}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
    }
  });

  it('auditors can change nothing but their own sign-in: every other mutation is refused to them', async () => {
    for (const [path, p] of Object.entries(procedures)) {
      if (p._def.type !== 'mutation' || EXPECTED[path] === 'public' || OWN_ACCOUNT.includes(path)) continue;
      await expect(call('auditor', path), path).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('the approvals section (NAV_BY_ROLE)', () => {
  it('is readable by every role that sees it, and only supervisors decide in it', () => {
    for (const role of ROLES.filter((r) => NAV_BY_ROLE[r].includes('approvals'))) {
      for (const path of ['cases.list', 'cases.get']) expect(EXPECTED[path], `${path} for ${role}`).toContain(role);
      expect(decidesIn(role, 'approvals'), role).toBe(role === 'supervisor');
      if (!decidesIn(role, 'approvals')) {
        for (const path of ['cases.approve', 'cases.sendBack']) expect(EXPECTED[path], `${path} for ${role}`).not.toContain(role);
      }
    }
    expect(NAV_BY_ROLE.auditor).toContain('approvals');
    expect(HOME_BY_ROLE.supervisor).toBe('approvals');
  });
});
