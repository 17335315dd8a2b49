import fc from 'fast-check';
import { sql, type RawBuilder } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { constraintViolationMessage, isConstraintViolation } from '../../server/db/db-errors';
import { reconcileRefunds } from '../../server/refunds/reconcile-refunds';
import { callerFor, createStaff, type TestWorld } from '../support/test-db';
import {
  agentQuotedCase,
  approveQuote,
  caseRow,
  codeOf,
  countRows,
  openCase,
  orderRow,
  orderWithMember,
  quotedCase,
  refundsOf,
  revokedAt,
  subscriptionStatus,
  unusedMonth,
} from './cases-support';
import { worldWithPlansEachTest } from '../support/world';

let world: TestWorld;
worldWithPlansEachTest('2026-11-20T04:00:00.000Z', (w) => (world = w));

describe('exactly one refund, whatever agents and retries do', () => {
  it('pays once when 20 agents approve the same case at the same moment; the other 19 get CONFLICT', async () => {
    const db = world.deps.db;
    const gateway = createSimulatedGateway({ latencyMs: 30, failureRate: 0, timeoutRate: 0, random: () => 0.5 });
    world.deps.gateway = gateway;
    const opener = await createStaff(world, { role: 'agent' });
    const agents = await Promise.all(Array.from({ length: 20 }, () => createStaff(world, { role: 'agent' })));
    const { order } = await orderWithMember(world, unusedMonth, { autoRenew: true });
    const { caseNo, quote } = await quotedCase(world, opener, order.order_no);
    expect(quote.amountFen).toBe(2500);

    const results = await Promise.allSettled(
      agents.map((a, i) => callerFor(world, a).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: `agent-${i}-approve` })),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual(Array(19).fill('CONFLICT'));

    const refunds = await refundsOf(db, order.order_no);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount_fen: 2500, status: 'succeeded' });
    expect(gateway.paid.size).toBe(1);
    expect(await orderRow(db, order.order_no)).toMatchObject({ refunded_fen: 2500, status: 'refunded', open_case_no: null });
    expect((await caseRow(db, caseNo)).status).toBe('refunded');
    const approvals = await db
      .selectFrom('case_decisions')
      .select('action')
      .where('case_no', '=', caseNo)
      .where('action', '=', 'approve')
      .execute();
    expect(approvals).toHaveLength(1);
  });

  it('answers the same key sent 5 times at once with one answer and pays once', async () => {
    const db = world.deps.db;
    // a gateway that takes a moment to answer, as a real one does
    const gateway = createSimulatedGateway({ latencyMs: 30, failureRate: 0, timeoutRate: 0, random: () => 0.5 });
    world.deps.gateway = gateway;
    const { agent, order, caseNo, quote } = await agentQuotedCase(world, unusedMonth);
    const api = callerFor(world, agent);

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'double-click-0001' })),
    );

    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 'refunded', refund: { amountFen: 2500, status: 'succeeded' } });
    expect(await refundsOf(db, order.order_no)).toHaveLength(1);
    expect(gateway.paid.size).toBe(1);
    expect((await orderRow(db, order.order_no)).refunded_fen).toBe(2500);
    // and a later retry still gets that answer
    await expect(api.cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'double-click-0001' })).resolves.toEqual(answers[0]);
  });

  it('refuses a key already used on another case with CONFLICT and pays nothing on the second case', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const first = await orderWithMember(world, unusedMonth);
    const second = await orderWithMember(world, unusedMonth);
    const a = await quotedCase(world, agent, first.order.order_no);
    const b = await quotedCase(world, agent, second.order.order_no);
    const api = callerFor(world, agent);
    await api.cases.approve({ caseNo: a.caseNo, quoteId: a.quote.quoteId, idempotencyKey: 'shared-key-001' });
    const before = await caseRow(db, b.caseNo);

    await expect(api.cases.approve({ caseNo: b.caseNo, quoteId: b.quote.quoteId, idempotencyKey: 'shared-key-001' })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );

    expect(await refundsOf(db, second.order.order_no)).toEqual([]);
    expect(await caseRow(db, b.caseNo)).toEqual(before);
    expect(await orderRow(db, second.order.order_no)).toMatchObject({ refunded_fen: 0, status: 'paid' });
    expect(await revokedAt(db, second.order.order_no)).toBeNull();
  });

  it('refuses an approval made on a stale case version with CONFLICT and changes nothing', async () => {
    const db = world.deps.db;
    const { agent, order, member, caseNo, quote } = await agentQuotedCase(world, unusedMonth, { autoRenew: true });
    const seen = (await callerFor(world, agent).cases.get({ caseNo })).case.version;
    // a colleague recomputes meanwhile: the case moves on (and the newer quote replaces the old)
    const recomputed = await callerFor(world, agent).cases.quote({ caseNo, basis: { kind: 'calendar' } });
    const before = {
      kase: await caseRow(db, caseNo),
      audit: await countRows(db, 'audit_events'),
      decisions: await countRows(db, 'case_decisions'),
    };

    await expect(
      callerFor(world, agent).cases.approve({ caseNo, quoteId: quote.quoteId, idempotencyKey: 'stale-view-001', expectedVersion: seen }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await caseRow(db, caseNo)).toEqual(before.kase);
    expect(await refundsOf(db, order.order_no)).toEqual([]);
    expect(await countRows(db, 'audit_events')).toBe(before.audit);
    expect(await countRows(db, 'case_decisions')).toBe(before.decisions);
    expect(await subscriptionStatus(db, member.uid)).toBe('active');
    expect(world.gateway.paid.size).toBe(0);
    // the current version goes through, on the current quote
    const current = (await caseRow(db, caseNo)).version;
    await expect(
      callerFor(world, agent).cases.approve({
        caseNo,
        quoteId: recomputed.quoteId,
        idempotencyKey: 'fresh-view-001',
        expectedVersion: current,
      }),
    ).resolves.toMatchObject({ status: 'refunded' });
  });

  it('never records a quote racing an approval on the case once it is approved or refunded', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const colleague = await createStaff(world, { role: 'agent' });
    const { order } = await orderWithMember(world, unusedMonth);
    const { caseNo, quote } = await quotedCase(world, agent, order.order_no);

    // a colleague recomputes at the very moment the case is approved: whichever commits first
    // wins — a quote after the approval is refused, an approval after a newer quote is stale
    const [recomputed, approved] = await Promise.all([
      codeOf(callerFor(world, colleague).cases.quote({ caseNo, basis: { kind: 'calendar' } })),
      codeOf(approveQuote(world, agent, caseNo, quote, 'race-quote-01')),
    ]);

    expect([recomputed, approved].sort()).toEqual(['CONFLICT', 'OK']);
    const events = await db.selectFrom('audit_events').select('action').where('entity_id', '=', caseNo).orderBy('id').execute();
    const actions = events.map((e) => e.action);
    if (approved === 'OK') expect(actions.lastIndexOf('quote.create')).toBeLessThan(actions.indexOf('case.approve'));
    else expect(actions).not.toContain('case.approve');
    // every quote on file was computed on the facts of its time: nothing refunded yet
    const inputs = await db.selectFrom('quotes').select('input').where('case_no', '=', caseNo).execute();
    expect(inputs.map((q) => JSON.parse(q.input).order.refundedFen)).toEqual(inputs.map(() => 0));
    expect(await caseRow(db, caseNo)).toMatchObject({ status: approved === 'OK' ? 'refunded' : 'in_review' });
  });

  it('lets the database itself refuse a refunded amount above the amount paid', async () => {
    const db = world.deps.db;
    const { order } = await orderWithMember(world, unusedMonth);

    const refused = async (refundedFen: RawBuilder<number> | number) => {
      const error = await db
        .updateTable('orders')
        .set({ refunded_fen: refundedFen })
        .where('order_no', '=', order.order_no)
        .execute()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(isConstraintViolation(error)).toBe(true);
      return constraintViolationMessage(error);
    };
    expect(await refused(sql<number>`paid_fen + 1`)).toMatch(/^CHECK constraint failed/);
    expect(await refused(-1)).toMatch(/^CHECK constraint failed/);

    expect(await orderRow(db, order.order_no)).toMatchObject({ paid_fen: 2500, refunded_fen: 0 });
  });
});

// Random histories on one order: cases opened one after another, manual quotes with random
// used days and supervisor goodwill, approvals answered by a gateway that declines, loses
// answers or settles later, the reconciler, rejections and appeals, retries of old keys.
type Step =
  | { kind: 'manual'; usedDays: number; gateway: 'ok' | 'decline' | 'timeout' }
  | { kind: 'goodwill'; amountFen: number; gateway: 'ok' | 'decline' | 'timeout' }
  | { kind: 'reconcile' }
  | { kind: 'reject_then_reopen' }
  | { kind: 'close' }
  | { kind: 'replay_last_key' };

const gatewayArb = fc.constantFrom<'ok' | 'decline' | 'timeout'>('ok', 'ok', 'ok', 'decline', 'timeout');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('manual' as const), usedDays: fc.integer({ min: 0, max: 380 }), gateway: gatewayArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('goodwill' as const), amountFen: fc.integer({ min: 1, max: 25_000 }), gateway: gatewayArb }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'reconcile' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reject_then_reopen' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'replay_last_key' as const }) },
);

describe('partial refunds on one order, property-based', () => {
  it('never pays back more than was paid, and the order’s refunded amount is always the sum of succeeded refunds', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    // makers and checkers differ, as maker–checker requires: the agent makes and proposes manual
    // quotes, one supervisor checks them; another supervisor makes goodwill, the first checks it
    const supervisor = await createStaff(world, { role: 'supervisor' });
    const goodwillMaker = await createStaff(world, { role: 'supervisor' });
    const script: ('ok' | 'decline' | 'timeout')[] = [];
    world.deps.gateway = createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0, random: () => 0.5, script });
    const EXPECTED_REFUSALS = ['CONFLICT', 'PRECONDITION_FAILED'];
    let run = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('alipay', 'wechat_pay', 'bank_card', 'bcoin'),
        fc.array(stepArb, { minLength: 1, maxLength: 10 }),
        async (channel, steps) => {
          run++;
          const { order } = await orderWithMember(
            world,
            {
              plan_code: 'std_year',
              payment_channel: channel,
              paid_at: '2026-06-01T02:00:00.000Z',
              activated_at: '2026-06-01T03:00:00.000Z',
            },
            { autoRenew: true },
          );
          const orderNo = order.order_no;
          const refusals: string[] = [];
          let last: { caseNo: string; quoteId: number; key: string } | null = null;
          const attempt = async (p: Promise<unknown>) => {
            const code = await codeOf(p);
            if (code !== 'OK') refusals.push(code);
            return code === 'OK';
          };
          const currentCase = async () => {
            const open = (await orderRow(db, orderNo)).open_case_no;
            if (open) return open;
            return openCase(world, agent, orderNo);
          };

          for (const [i, step] of steps.entries()) {
            if (step.kind === 'manual' || step.kind === 'goodwill') {
              const caseNo = await currentCase();
              const quoting =
                step.kind === 'manual'
                  ? callerFor(world, agent).cases.quote({
                      caseNo,
                      basis: { kind: 'manual', usedDays: step.usedDays, reason: '会员称部分天数未使用' },
                    })
                  : callerFor(world, goodwillMaker).cases.goodwill({
                      caseNo,
                      amountFen: step.amountFen,
                      reason: '多次投诉，主管特批善意退款',
                    });
              const quote = await quoting.catch((e: { code?: string }) => {
                refusals.push(e.code ?? String(e));
                return null;
              });
              // an exception goes to the checker as a proposal (goodwill on a waiting case already is one)
              if (quote && step.kind === 'manual')
                await attempt(
                  callerFor(world, agent).cases.propose({ caseNo, quoteId: quote.quoteId, note: `人工核定 ${step.usedDays} 天` }),
                );
              if (quote) {
                const key = `prop-${run}-${i}`;
                script.push(step.gateway);
                await attempt(approveQuote(world, supervisor, caseNo, quote, key));
                script.length = 0; // an approval refused before the gateway leaves its scripted answer unused
                last = { caseNo, quoteId: quote.quoteId, key };
              }
            } else if (step.kind === 'reconcile') {
              world.clock.advance(60_000);
              await reconcileRefunds(db, world.deps.gateway, world.deps.now);
            } else if (step.kind === 'reject_then_reopen') {
              const caseNo = await currentCase();
              if (
                await attempt(
                  callerFor(world, supervisor).cases.reject({ caseNo, reasonCode: 'insufficient_evidence', message: '证据不足' }),
                )
              ) {
                await attempt(callerFor(world, agent).cases.reopen({ caseNo, note: '会员申诉' }));
              }
            } else if (step.kind === 'close') {
              if (last) await attempt(callerFor(world, agent).cases.close({ caseNo: last.caseNo, note: '结案' }));
            } else if (last) {
              await attempt(
                callerFor(world, supervisor).cases.approve({ caseNo: last.caseNo, quoteId: last.quoteId, idempotencyKey: last.key }),
              );
            }

            // the invariants, after every step
            const o = await orderRow(db, orderNo);
            const refunds = await refundsOf(db, orderNo);
            const succeeded = refunds.filter((r) => r.status === 'succeeded');
            const paidBack = succeeded.reduce((sum, r) => sum + r.amount_fen, 0);
            expect(paidBack).toBeLessThanOrEqual(o.paid_fen);
            expect(o.refunded_fen).toBe(paidBack);
            expect(o.status).toBe(paidBack === 0 ? 'paid' : paidBack === o.paid_fen ? 'refunded' : 'partially_refunded');
            const perCase = new Map<string, number>();
            for (const r of refunds.filter((x) => x.status !== 'failed')) perCase.set(r.case_no, (perCase.get(r.case_no) ?? 0) + 1);
            for (const n of perCase.values()) expect(n).toBe(1);
            expect((await revokedAt(db, orderNo)) !== null).toBe(paidBack > 0);
            for (const code of refusals) expect(EXPECTED_REFUSALS).toContain(code);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
