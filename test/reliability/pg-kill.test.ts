import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../server/audit/signing-key';
import { verifyAuditChainAsync } from '../../server/audit/verify-chain-async';
import { startFakePlatform, waitFor, type FakePlatform } from '../support/fake-platform-process';
import { DEFAULT_FAKE_SETTINGS } from '../support/fake-settings';
import { refundProblems } from '../support/refund-invariants';
import { createStaff, type TestWorld } from '../support/test-db';
import { worldWithPlans } from '../support/world';
import { orderWithMember, quotedCase } from '../api/cases-support';
import { httpApi, signIn, type Answer } from './support/http-api';
import { startServer, type RunningServer } from './support/server-process';

// kill -9 of one server mid-approval, on PostgreSQL (docs/deployment.md § Several servers; run by
// `npm run test:pg`): two real console processes A and B on one fresh database, sharing one
// checkpoint file and signing key as a fleet does, the fake platform (a third process, real
// HTTP) as their gateway. Approvals are sent to A; the gateway receives them, pays, and holds its
// answers (a long latency); A is killed with SIGKILL while every gateway call is in flight. What
// a member and the finance team rely on afterwards: B's reconciler finishes each refund exactly
// once (one payment at the gateway, one refund row settled once, the case refunded), nothing is
// half-written at any point, the audit chain and the signed checkpoints verify, and approving a
// case again on B is either the same refund (same key) or refused (another key) — never a
// second payment.

const GATEWAY_SECRET = 'gw-secret-pg-kill';
const CASES = 3;
/** How long the gateway holds its answers until A is dead: far longer than the kill takes on a busy machine. */
const HOLD_ANSWERS_MS = 60_000;

let world: TestWorld;
let fake: FakePlatform;
let a: RunningServer | null = null;
let b: RunningServer | null = null;
let dbPath: string;
let keyFile: string;

beforeAll(async () => {
  world = await worldWithPlans(new Date().toISOString());
  if (!world.databaseUrl) throw new Error('run with the PostgreSQL config: npm run test:pg');
  fake = await startFakePlatform({ gatewaySecret: GATEWAY_SECRET });
  // no refund.settled events either: only a console's reconciler can learn what was paid
  await fake.control({ ...DEFAULT_FAKE_SETTINGS, latencyMs: HOLD_ANSWERS_MS, notify: false });
  // one checkpoint file (DB_PATH on shared storage) and one key for both servers
  mkdirSync(join(world.dir, 'shared'));
  dbPath = join(world.dir, 'shared', 'refund-desk.db');
  keyFile = join(world.dir, 'keys', 'audit-signing.key');
  loadOrCreateSigningKey(keyFile, dbPath);
  const env = {
    DATABASE_URL: world.databaseUrl,
    AUDIT_SIGNING_KEY_FILE: keyFile,
    PAYMENT_GATEWAY_URL: fake.url,
    PAYMENT_GATEWAY_SECRET: GATEWAY_SECRET,
    OUTBOUND_RETRIES: '0',
    // A waits for the held answer (it never comes: A dies first); a lookup B sent meanwhile gives up in time
    OUTBOUND_ANSWER_TIMEOUT_MS: String(HOLD_ANSWERS_MS),
    OUTBOUND_BREAKER_FAILURES: '1000', // this test is about the kill, not the breaker
    // The same pace on both servers, as a fleet has. A refund is reconciled 20 s after it was
    // reserved: by then A is long dead, so the claim that settles it is B's (a claim A took
    // would hold the refund for 5 minutes: CLAIM_MS).
    RECONCILE_EVERY_MS: '250',
    RECONCILE_AFTER_MS: '20000',
  };
  a = await startServer(dbPath, env);
  b = await startServer(dbPath, env);
}, 120_000);

afterAll(async () => {
  await a?.kill9();
  await b?.stop();
  await fake?.stop();
  await world?.cleanup();
});

type Approved = { status: string; refund: { refundId: number; amountFen: number; status: string } };

function auditVerifyCli(): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli/audit-verify.ts', '--db', dbPath],
      { env: { ...process.env, AUDIT_SIGNING_KEY_FILE: keyFile, DATABASE_URL: world.databaseUrl! }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, out: stdout + stderr }),
    );
  });
}

describe('kill -9 of one of two servers mid-approval (PostgreSQL)', () => {
  it('leaves nothing half-done: the other server pays each refund once, and a second approval never pays again', async () => {
    const db = world.deps.db;
    const agent = await createStaff(world, { role: 'agent' });
    const paidAt = new Date(Date.now() - 86_400_000).toISOString();
    const cases: { caseNo: string; quoteId: number; orderNo: string; key: string }[] = [];
    for (let i = 0; i < CASES; i++) {
      const { order } = await orderWithMember(world, { plan_code: 'std_month', paid_at: paidAt });
      const { caseNo, quote } = await quotedCase(world, agent, order.order_no);
      cases.push({ caseNo, quoteId: quote.quoteId, orderNo: order.order_no, key: `kill-${i}-${caseNo}` });
    }
    const onA = httpApi(a!.url, await signIn(a!.url, agent.username, agent.password));
    const onB = httpApi(b!.url, await signIn(b!.url, agent.username, agent.password));

    // approve on A; each call waits on the gateway's held answer
    const outcomes: ('pending' | 'answered' | 'cut off')[] = cases.map(() => 'pending');
    const approvals = cases.map((c, i) =>
      onA.mutate<Approved>('cases.approve', { caseNo: c.caseNo, quoteId: c.quoteId, idempotencyKey: c.key }).then(
        (answer) => ((outcomes[i] = 'answered'), answer),
        (error: unknown) => ((outcomes[i] = 'cut off'), error),
      ),
    );
    // the gateway has every request and has paid: the money is out, A has not heard back
    await waitFor(
      'the gateway to receive every approval',
      () => fake.state(),
      (s) => cases.every((c) => s.refunds.some((r) => r.key === c.key && r.payments === 1)),
      60_000,
    );
    expect(outcomes).toEqual(cases.map(() => 'pending'));
    await a!.kill9();
    await Promise.all(approvals);
    expect(outcomes, 'every approval was in flight when A died').toEqual(cases.map(() => 'cut off'));
    await fake.control({ latencyMs: 0 }); // the gateway answers at once again

    // right after the kill: each refund reserved once (pending, its case approved, its audit event), nothing
    // half-written. (Succeeded only if the machine was so slow that B's reconciler already came by.)
    // (the three approvals raced on A: their refunds' ids are in any order)
    const reserved = await db.selectFrom('refunds').select(['id', 'case_no', 'status', 'idempotency_key']).orderBy('case_no').execute();
    expect(reserved.map((r) => [r.case_no, r.idempotency_key])).toEqual(cases.map((c) => [c.caseNo, c.key]));
    expect(reserved.every((r) => r.status === 'pending' || r.status === 'succeeded')).toBe(true);
    expect(await refundProblems(db)).toEqual({});

    // a second approval under another key while the refund is pending: refused, nothing sent to the gateway
    for (const c of cases) {
      const again = await onB.mutate('cases.approve', { caseNo: c.caseNo, quoteId: c.quoteId, idempotencyKey: `${c.key}-again` });
      expect(again.status, again.text).toBe(409);
    }

    // B's reconciler finishes them: it asks the gateway by key and settles what was paid
    const settled = await waitFor(
      'B to settle every refund',
      () => db.selectFrom('refunds').select(['id', 'case_no', 'status', 'reconcile_claimed_until']).orderBy('case_no').execute(),
      (rows) => rows.every((r) => r.status === 'succeeded' && r.reconcile_claimed_until === null),
      150_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nserver B's output:\n${b!.output().slice(-3000)}\nserver A's output:\n${a!.output().slice(-3000)}`);
    });
    expect(settled.map((r) => r.id)).toEqual(reserved.map((r) => r.id)); // the same rows, no new one
    const settlements = await db
      .selectFrom('audit_events')
      .select(['entity_id', 'actor_id'])
      .where('action', '=', 'refund.succeed')
      .orderBy('id')
      .execute();
    expect(settlements.map((e) => e.entity_id).sort()).toEqual(cases.map((c) => c.orderNo).sort()); // once per order
    expect(settlements.every((e) => e.actor_id === null)).toBe(true); // by the system (the reconciler), not an agent's request
    const caseStates = await db.selectFrom('refund_cases').select('status').execute();
    expect(caseStates.every((c) => c.status === 'refunded')).toBe(true);
    const orders = await db.selectFrom('orders').select(['paid_fen', 'refunded_fen', 'status']).execute();
    expect(orders.every((o) => o.refunded_fen === o.paid_fen && o.status === 'refunded')).toBe(true);
    expect(await refundProblems(db)).toEqual({});

    // approving again on B: the same key is the same refund, another key is refused
    for (const [i, c] of cases.entries()) {
      const replay: Answer<Approved> = await onB.mutate<Approved>('cases.approve', {
        caseNo: c.caseNo,
        quoteId: c.quoteId,
        idempotencyKey: c.key,
      });
      expect(replay.status, replay.text).toBe(200);
      expect(replay.data!.refund).toMatchObject({ refundId: reserved[i]!.id, status: 'succeeded' });
      const other = await onB.mutate('cases.approve', { caseNo: c.caseNo, quoteId: c.quoteId, idempotencyKey: `${c.key}-later` });
      expect(other.status, other.text).toBe(409);
    }
    expect(await db.selectFrom('refunds').select('id').execute()).toHaveLength(CASES);

    // at the gateway: one key per order, paid once, and no other key ever asked to pay
    const gateway = await fake.state();
    expect(gateway.refunds.map((r) => [r.key, r.payments]).sort()).toEqual(cases.map((c) => [c.key, 1]).sort());
    expect(Object.keys(gateway.attempts).sort()).toEqual(cases.map((c) => c.key).sort());

    // the audit chain, then the chain against both servers' signed checkpoints as an operator checks it
    expect(await verifyAuditChainAsync(db)).toMatchObject({ ok: true });
    await b!.stop(); // signs a last checkpoint
    const verified = await auditVerifyCli();
    expect(verified.code, verified.out).toBe(0);
  }, 300_000);
});
