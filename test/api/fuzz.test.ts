import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/router';
import type { Role } from '../../shared/roles';
import { callerFor, createStaff, procedureAt, type TestWorld } from '../support/test-db';
import { ENGINE_WORDING } from '../support/engine-wording';
import { insertMember, insertOrder } from '../support/factories';
import { tableCounts } from '../support/table-counts';
import { worldWithPlans } from '../support/world';

// Hostile input against every procedure: wrong types, huge strings, odd unicode, SQL and HTML
// fragments, prototype-pollution keys. Every answer is a clear 4xx-class tRPC error or a
// normal result — never INTERNAL_SERVER_ERROR — and a refused call changes nothing.
type AnyProcedure = { _def: { meta?: { allow?: readonly Role[] | 'public' }; type: string } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

const nasty = fc.oneof(
  fc.constantFrom(
    "' or 1=1 --",
    '"; drop table orders; --',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '\u0000',
    '\u202e\u200b',
    '𠮷野家',
    'KM202611100000001',
    '13812345678',
    '%',
    '*',
    'NEAR(',
    '" OR "',
    '-1',
    '1e309',
    'NaN',
  ),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constant('x'.repeat(100_000)),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'q', 'caseNo', 'orderNo', 'basis', 'limit', 'cursor'),
        fc.string({ maxLength: 8 }),
      ),
      tie('v'),
      { maxKeys: 4 },
    ),
  ),
})).v;

let world: TestWorld;
let staff: Record<Role, Awaited<ReturnType<typeof createStaff>>>;

/** Row counts of every table but sessions, on either engine (test/support/table-counts.ts). */
const snapshot = () => tableCounts(world.deps.db);

beforeAll(async () => {
  world = await worldWithPlans();
  const m = await insertMember(world.deps.db);
  await insertOrder(world.deps.db, m.uid);
  staff = {
    agent: await createStaff(world, { role: 'agent' }),
    supervisor: await createStaff(world, { role: 'supervisor' }),
    auditor: await createStaff(world, { role: 'auditor' }),
    admin: await createStaff(world, { role: 'admin' }),
  };
});
afterAll(() => world.cleanup());

describe('hostile input', () => {
  for (const [path, procedure] of Object.entries(procedures)) {
    // throttling makes repeated sign-ins (and password checks) slow and counted by design; covered in auth and sign-in-throttle tests
    if (path === 'auth.login' || path === 'auth.changePassword') continue;
    const allow = procedure._def.meta?.allow;
    // (an empty allow list refuses every role: any one will do)
    const role: Role = allow === 'public' || !allow ? 'agent' : allow.includes('supervisor') ? 'supervisor' : (allow[0] ?? 'agent');
    it(`${path} answers garbage with a clear error, never a 500, and changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(value, async (input) => {
          const before = await snapshot();
          const procedure = procedureAt(callerFor(world, staff[role]), path);
          try {
            await procedure(input);
          } catch (error) {
            const e = error as { code?: string; message?: string };
            expect(e.code, `${path} ${JSON.stringify(input)?.slice(0, 200)}: ${e.message}`).not.toBe('INTERNAL_SERVER_ERROR');
            expect(e.message ?? '').not.toMatch(ENGINE_WORDING);
            expect(await snapshot()).toEqual(before);
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});
