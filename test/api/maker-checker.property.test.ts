// Issue 14, property-based: over random sequences of quotes, goodwill, policy publications, usage
// events, the clock, proposals, send-backs and approvals by random staff, no refund is ever paid
// on a stale quote, a waiting case is approved on its proposal only, and no refund that needs a
// supervisor is checked by whoever made or proposed one on the case. The oracle is a model kept
// by the test itself, not the server's own currency check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../shared/refund';
import { insertUsage } from '../support/factories';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import { codeOf, openCase, orderWithMember, refundsOf } from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
worldWithPlansEachTest('2026-11-20T04:00:00.000Z', (w) => (world = w));

type Who = 'agent1' | 'agent2' | 'superA' | 'superB';
type Step =
  | { kind: 'quote'; who: Who; basis: 'calendar' | 'evidence' }
  | { kind: 'goodwill'; who: 'superA' | 'superB'; amountFen: number }
  | { kind: 'publish' }
  | { kind: 'usage' }
  | { kind: 'wait'; hours: number }
  | { kind: 'propose'; who: Who; pick: number }
  | { kind: 'send_back'; who: Who }
  | { kind: 'approve'; who: Who; pick: number };

const who = fc.constantFrom<Who>('agent1', 'agent2', 'superA', 'superB');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('quote' as const), who, basis: fc.constantFrom('calendar' as const, 'evidence' as const) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('goodwill' as const),
      who: fc.constantFrom('superA' as const, 'superB' as const),
      amountFen: fc.integer({ min: 1, max: 23_300 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'publish' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'usage' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('propose' as const), who, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('send_back' as const), who }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('approve' as const), who, pick: fc.nat() }) },
);

interface ModelQuote {
  id: number;
  basis: 'calendar' | 'evidence' | 'goodwill';
  readsUsage: boolean;
  policyVersion: number;
  atMs: number;
  maker: Who;
  needsSupervisor: boolean;
  usageAtQuote: number;
}

describe('maker–checker and current quotes, property-based (issue 14)', () => {
  it('never pays a stale quote, nor lets the maker or a proposer check a refund that needs a supervisor', async () => {
    const db = world.deps.db;
    const staff = {
      agent1: await createStaff(world, { role: 'agent' }),
      agent2: await createStaff(world, { role: 'agent' }),
      superA: await createStaff(world, { role: 'supervisor' }),
      superB: await createStaff(world, { role: 'supervisor' }),
    };
    const admin = await createStaff(world, { role: 'admin' });
    const { version: _v, ...settings } = DEFAULT_POLICY;
    let policyVersion = 1;
    const EXPECTED_REFUSALS = ['CONFLICT', 'FORBIDDEN', 'PRECONDITION_FAILED'];
    let run = 0;
    let paid = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 14 }), async (steps) => {
        run++;
        const { order } = await orderWithMember(world, {
          plan_code: 'std_year',
          paid_at: '2026-08-12T02:00:00.000Z',
          activated_at: '2026-08-13T02:00:00.000Z',
        });
        const caseNo = await openCase(world, staff.agent1, order.order_no);
        const quotes: ModelQuote[] = [];
        const proposers = new Set<Who>();
        let usage = 0;
        let pending: number | null = null; // the proposed quote while the case waits for approval

        const current = (q: ModelQuote) =>
          q.policyVersion === policyVersion &&
          world.clock.now.getTime() - q.atMs <= 72 * 3_600_000 &&
          !quotes.some((o) => o.basis === q.basis && o.id > q.id) &&
          (!q.readsUsage || usage === q.usageAtQuote);
        const barred = (w: Who) => proposers.has(w) || quotes.some((q) => q.needsSupervisor && q.maker === w);

        for (const step of steps) {
          let code = 'OK';
          if (step.kind === 'quote') {
            try {
              const q = await callerFor(world, staff[step.who]).cases.quote({ caseNo, basis: { kind: step.basis } });
              quotes.push({
                id: q.quoteId,
                basis: step.basis,
                readsUsage: step.basis === 'evidence' || q.reasonCode === 'full_unused',
                policyVersion: q.policyVersion,
                atMs: world.clock.now.getTime(),
                maker: step.who,
                needsSupervisor: q.needsSupervisor,
                usageAtQuote: usage,
              });
            } catch (e) {
              code = (e as { code?: string }).code ?? String(e);
            }
          } else if (step.kind === 'goodwill') {
            try {
              const q = await callerFor(world, staff[step.who]).cases.goodwill({
                caseNo,
                amountFen: step.amountFen,
                reason: '会员多次投诉，主管特批善意退款',
              });
              quotes.push({
                id: q.quoteId,
                basis: 'goodwill',
                readsUsage: false,
                policyVersion: q.policyVersion,
                atMs: world.clock.now.getTime(),
                maker: step.who,
                needsSupervisor: true,
                usageAtQuote: usage,
              });
              if (pending !== null) {
                pending = q.quoteId; // goodwill on a waiting case replaces the proposal
                proposers.add(step.who);
              }
            } catch (e) {
              code = (e as { code?: string }).code ?? String(e);
            }
          } else if (step.kind === 'publish') {
            await callerFor(world, admin).policy.publish({ settings, note: `第 ${policyVersion + 1} 版`, baseVersion: policyVersion });
            policyVersion++;
          } else if (step.kind === 'usage') {
            world.clock.advance(60_000);
            await insertUsage(db, order.order_no, [{ at: world.clock.now.toISOString(), kind: 'playback' }]);
            usage++;
          } else if (step.kind === 'wait') {
            world.clock.advance(step.hours * 3_600_000);
          } else if (step.kind === 'propose') {
            const q = quotes[step.pick % Math.max(1, quotes.length)];
            if (!q) continue;
            code = await codeOf(callerFor(world, staff[step.who]).cases.propose({ caseNo, quoteId: q.id, note: `提交审批 #${q.id}` }));
            if (code === 'OK') {
              expect(current(q), 'a stale quote was proposed').toBe(true);
              pending = q.id;
              proposers.add(step.who);
            }
          } else if (step.kind === 'send_back') {
            code = await codeOf(callerFor(world, staff[step.who]).cases.sendBack({ caseNo, note: '请重新核算' }));
            if (code === 'OK') pending = null;
          } else {
            const q = quotes[step.pick % Math.max(1, quotes.length)];
            if (!q) continue;
            const approver = step.who;
            code = await codeOf(
              callerFor(world, staff[approver]).cases.approve({ caseNo, quoteId: q.id, idempotencyKey: `mc-${run}-${q.id}-${approver}` }),
            );
            if (code === 'OK') {
              expect(current(q), `stale quote #${q.id} was paid`).toBe(true);
              if (pending !== null) expect(q.id, 'a waiting case was approved on another quote').toBe(pending);
              if (q.needsSupervisor) {
                expect(approver.startsWith('super'), 'an agent approved a refund needing a supervisor').toBe(true);
                expect(barred(approver), `${approver} made or proposed on this case and checked it`).toBe(false);
              }
              paid++;
              break; // the case is decided
            }
          }
          expect(EXPECTED_REFUSALS, `unexpected answer to ${step.kind}`).toContain(code === 'OK' ? 'CONFLICT' : code);
        }
        // whatever happened, at most one refund per case
        expect((await refundsOf(db, order.order_no)).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 30 },
    );
    // the runs must exercise payment, or the property says nothing
    expect(paid).toBeGreaterThan(0);
  });
});
