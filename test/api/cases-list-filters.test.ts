import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { casesListInput } from '../../shared/schemas/cases';
import { endOfLocalDay, startOfLocalDay } from '../../shared/time/local-date';
import { PLANS } from '../support/factories';
import { callerFor } from '../support/test-db';
import { playDeskWeek, type Scenario } from './case-history-scenario';
import { openCase, orderWithMember } from './cases-support';

// cases.list's filters against a plain reading of the tables (a reference written for the
// test, not the server's SQL), paged in small pages: every case once, in the queue's order.

type ListInput = z.input<typeof casesListInput>;
type Api = ReturnType<typeof callerFor>;

async function everyPage(api: Api, input: ListInput, limit: number) {
  const seen: string[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await api.cases.list({ ...input, withTotal: true, limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((i) => i.caseNo));
    total = page.total;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  expect(total).toBe(seen.length);
  return seen;
}

/** The reference: read the tables and filter in plain code. */
async function reference(s: Scenario, input: ListInput, now: Date) {
  const db = s.world.deps.db;
  const [cases, orders, decisions, refunds, quotes, staff] = await Promise.all([
    db
      .selectFrom('refund_cases')
      .select([
        'case_no',
        'order_no',
        'status',
        'reason',
        'channel',
        'sla_due_at',
        'created_at',
        'closed_at',
        'first_decided_at',
        'assignee_id',
      ])
      .execute(),
    db.selectFrom('orders').select(['order_no', 'plan_code']).execute(),
    db.selectFrom('case_decisions').select(['case_no', 'action', 'actor_id', 'quote_id', 'created_at']).execute(),
    db.selectFrom('refunds').select(['case_no', 'status', 'approved_by', 'quote_id', 'settled_at']).execute(),
    db.selectFrom('quotes').select(['id', 'basis_kind']).execute(),
    db.selectFrom('staff').select(['id', 'username']).execute(),
  ]);
  const planOf = new Map(orders.map((o) => [o.order_no, o.plan_code]));
  const basisOf = new Map(quotes.map((q) => [q.id, q.basis_kind]));
  const idOf = (username: string) => staff.find((x) => x.username === username)!.id;
  const tz = 'Asia/Shanghai';
  const from = input.from ? (input.from.length === 10 ? startOfLocalDay(input.from, tz) : new Date(input.from).toISOString()) : null;
  const to = input.to ? (input.to.length === 10 ? endOfLocalDay(input.to, tz) : new Date(input.to).toISOString()) : null;
  const inRange = (at: string | null) => at !== null && (!from || at >= from) && (!to || at <= to);
  const dateField = input.dateField ?? 'created';
  const basisOk = (quoteId: number | null) =>
    !input.basis ||
    (quoteId !== null && (input.basis === 'exception' ? basisOf.get(quoteId) !== 'calendar' : basisOf.get(quoteId) === input.basis));
  const nowIso = now.toISOString();
  const open = ['new', 'in_review', 'pending_approval', 'approved', 'reopened'];
  const actions = { approved: 'approve', rejected: 'reject', proposed: 'propose' } as const;

  return cases
    .filter((c) => {
      if (input.status && c.status !== input.status) return false;
      if (input.open && !open.includes(c.status)) return false;
      if (input.reason && c.reason !== input.reason) return false;
      if (input.channel && c.channel !== input.channel) return false;
      if (input.planCode && planOf.get(c.order_no) !== input.planCode) return false;
      if (input.tier && PLANS.find((p) => p.code === planOf.get(c.order_no))?.tier !== input.tier) return false;
      if (input.q && !(input.q.toUpperCase().startsWith('KM') ? c.order_no : c.case_no).startsWith(input.q.toUpperCase())) return false;
      if ((input.from || input.to) && dateField === 'created' && !inRange(c.created_at)) return false;
      if ((input.from || input.to) && dateField === 'closed' && !inRange(c.closed_at)) return false;
      if (input.slaBreached !== undefined) {
        // the first decision of the review cycle after the due time, or none and the due time passed
        const breached = c.first_decided_at ? c.first_decided_at > c.sla_due_at : c.sla_due_at < nowIso;
        if (breached !== input.slaBreached) return false;
      }
      if (input.decision || input.decidedBy || ((input.from || input.to) && dateField === 'decided')) {
        const by = input.decidedBy ? idOf(input.decidedBy) : null;
        const dated = (at: string | null) => dateField !== 'decided' || inRange(at);
        if (input.decision === 'refunded') {
          return refunds.some(
            (r) =>
              r.case_no === c.case_no &&
              r.status === 'succeeded' &&
              dated(r.settled_at) &&
              (by === null || r.approved_by === by) &&
              basisOk(r.quote_id),
          );
        }
        const kinds: string[] = input.decision ? [actions[input.decision]] : Object.values(actions);
        return decisions.some(
          (d) =>
            d.case_no === c.case_no &&
            kinds.includes(d.action) &&
            dated(d.created_at) &&
            (by === null || d.actor_id === by) &&
            basisOk(d.quote_id),
        );
      }
      return true;
    })
    .sort((a, b) => (a.sla_due_at === b.sla_due_at ? (a.case_no < b.case_no ? -1 : 1) : a.sla_due_at < b.sla_due_at ? -1 : 1))
    .map((c) => c.case_no);
}

describe('cases.list filters', () => {
  let s: Scenario;
  let api: Api;
  beforeAll(async () => {
    s = await playDeskWeek();
    api = callerFor(s.world, s.supervisor);
    // a burst of cases opened in the same instant: the same SLA, told apart by case number
    for (let i = 0; i < 9; i++) {
      const { order } = await orderWithMember(s.world, {
        plan_code: i % 2 ? 'std_year' : 'cobrand_month',
        paid_at: '2026-11-26T10:00:00.000Z',
      });
      await openCase(s.world, i % 3 ? s.agent1 : s.agent2, order.order_no);
    }
  }, 120_000);
  afterAll(() => s?.world.cleanup());

  const month = { from: '2026-11-01', to: '2026-11-30' };
  const inputs: [string, ListInput][] = [
    ['every case', {}],
    ['open', { open: true }],
    ['a reason', { reason: 'mistaken_purchase' }],
    ['a case channel', { channel: 'online_chat' }],
    ['a plan', { planCode: 'std_year' }],
    ['a tier', { tier: 'cobrand' }],
    ['a tier and a reason', { tier: 'standard', reason: 'other' }],
    ['opened on a day', { dateField: 'created', from: '2026-11-21', to: '2026-11-21' }],
    ['opened in an instant range', { from: '2026-11-20T16:00:00.000Z', to: '2026-11-22T07:00:00+00:00' }],
    ['closed in the month', { dateField: 'closed', ...month }],
    ['refunds paid in the month', { decision: 'refunded', dateField: 'decided', ...month }],
    ['refunds paid on Monday', { decision: 'refunded', dateField: 'decided', from: '2026-11-23', to: '2026-11-23' }],
    ['refunds approved by a supervisor', { decision: 'refunded', decidedBy: 'PLACEHOLDER_SUPERVISOR' }],
    ['exception refunds', { decision: 'refunded', basis: 'exception' }],
    ['goodwill refunds', { decision: 'refunded', basis: 'goodwill', dateField: 'decided', ...month }],
    ['calendar approvals', { decision: 'approved', basis: 'calendar' }],
    ['exception proposals', { decision: 'proposed', basis: 'exception' }],
    ['rejections on Sunday', { decision: 'rejected', dateField: 'decided', from: '2026-11-22', to: '2026-11-22' }],
    ['anything an agent decided', { decidedBy: 'PLACEHOLDER_AGENT' }],
    ['any decision on Saturday', { dateField: 'decided', from: '2026-11-21', to: '2026-11-21' }],
    ['SLA breached', { slaBreached: true }],
    ['SLA kept, opened in the month', { slaBreached: false, ...month }],
    ['open past the SLA', { open: true, slaBreached: true }],
    ['a case number prefix, in lower case', { q: 'rc20261121' }],
    ['an order number prefix', { q: 'KM2026' }],
  ];

  for (const [name, raw] of inputs) {
    it(`lists ${name}: every case once, in SLA order, in pages of 2 and of 50`, async () => {
      const input = JSON.parse(
        JSON.stringify(raw).replace('PLACEHOLDER_SUPERVISOR', s.supervisor.username).replace('PLACEHOLDER_AGENT', s.agent2.username),
      ) as ListInput;
      const expected = await reference(s, input, s.world.clock.now);
      const small = await everyPage(api, input, 2);
      expect(small).toEqual(expected);
      expect(await everyPage(api, input, 50)).toEqual(expected);
    });
  }

  it('makes the filters mean something: none of them lists every case', async () => {
    const all = (await reference(s, {}, s.world.clock.now)).length;
    for (const [name, input] of inputs.slice(1, -1)) {
      const n = (
        await reference(
          s,
          JSON.parse(
            JSON.stringify(input).replace('PLACEHOLDER_SUPERVISOR', s.supervisor.username).replace('PLACEHOLDER_AGENT', s.agent2.username),
          ),
          s.world.clock.now,
        )
      ).length;
      expect(n, name).toBeLessThan(all);
      expect(n, name).toBeGreaterThan(0);
    }
  });

  it('keeps paging stable while cases are opened between pages: no case twice', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Api['cases']['list']>> = await api.cases.list({ tier: 'standard', limit: 3, cursor });
      seen.push(...page.items.map((i) => i.caseNo));
      cursor = page.nextCursor;
      const { order } = await orderWithMember(s.world, { paid_at: '2026-11-26T10:00:00.000Z' });
      await openCase(s.world, s.agent1, order.order_no);
    } while (cursor && seen.length < 200);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('takes the direction key tRPC’s infinite queries add', async () => {
    const page = await api.cases.list({ open: true, limit: 2, direction: 'forward' });
    expect(page.items).toHaveLength(2);
  });

  it('carries what the approval queue shows: the proposal’s amount, basis and proposer, and the refund', async () => {
    const { items } = await api.cases.list({ decision: 'proposed', limit: 50 });
    const big = items.find((i) => i.caseNo === s.cases.proposed)!;
    expect(big.proposal).toMatchObject({
      amountFen: 23300,
      basis: 'calendar',
      exception: false,
      by: s.agent1.username,
      note: '超出额度，请主管审批',
    });
    expect(big.proposal?.at).toBe('2026-11-20T04:00:00.000Z');
    expect(big.refund).toMatchObject({ amountFen: 23300, status: 'succeeded' });
    const evidence = items.find((i) => i.caseNo === s.cases.exception)!;
    expect(evidence.proposal).toMatchObject({ basis: 'evidence', exception: true });
    const { items: open } = await api.cases.list({ open: true, limit: 50 });
    expect(open.every((i) => i.refund === null || i.refund.status === 'pending')).toBe(true);
  });

  it('refuses filters that cannot be answered with a clear error and never a 500', async () => {
    const code = (input: unknown) =>
      api.cases.list(input as ListInput).then(
        () => 'OK',
        (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
      );
    expect(await code({ basis: 'exception' })).toBe('BAD_REQUEST');
    expect(await code({ decision: 'rejected', basis: 'calendar' })).toBe('BAD_REQUEST');
    expect(await code({ from: '2026-11-30', to: '2026-11-01' })).toBe('BAD_REQUEST');
    expect(await code({ from: '2026-02-30' })).toBe('BAD_REQUEST');
    expect(await code({ from: '2026-11-01T10:00' })).toBe('BAD_REQUEST');
    expect(await code({ decidedBy: 'nobody-here' })).toBe('BAD_REQUEST');
    expect(await code({ reason: 'because' })).toBe('BAD_REQUEST');
    expect(await code({ tier: 'gold' })).toBe('BAD_REQUEST');
    expect(await code({ q: '   ' })).toBe('BAD_REQUEST');
    expect(await code({ direction: 'sideways' })).toBe('BAD_REQUEST');
    expect(['OK', 'BAD_REQUEST']).toContain(await code({ dateField: 'decided', from: '0001-01-01', to: '9999-12-31' }));
  });
});
