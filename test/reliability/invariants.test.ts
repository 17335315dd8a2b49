import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase, emptyAcknowledged } from './support/invariants';
import { seededTarget, type SeededTarget } from './support/seeded-target';

// The invariant checks the reliability suites end with (support/invariants.ts) are one code path
// through Kysely for both engines: this shows they hold on the seeded database as it is, and that
// they see a broken one on each engine (`npm run test:reliability`: SQLite; `npm run test:pg`:
// PostgreSQL) — a check that can only pass would prove nothing.
const MARKER = 'zinv3';

let dir: string;
let target: SeededTarget;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-invariants-'));
  target = await seededTarget(dir, 'invariants');
}, 120_000);
afterAll(async () => {
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the invariant checks', () => {
  it('hold on the seeded database, and name each thing broken in it', async () => {
    expect(await target.use((db) => checkDatabase(db, MARKER))).toEqual({});

    const problems = await target.use(async (db) => {
      const order = await db
        .selectFrom('orders')
        .select(['order_no', 'paid_fen'])
        .where('refunded_fen', '=', 0)
        .where('paid_fen', '>', 0)
        .orderBy('order_no')
        .limit(1)
        .executeTakeFirstOrThrow();
      // money: paid back with no refund behind it (more than paid the schema refuses itself)
      await db
        .updateTable('orders')
        .set({ refunded_fen: Math.min(100, order.paid_fen) })
        .where('order_no', '=', order.order_no)
        .execute();
      // a contact written without its audit event
      const member = await db.selectFrom('members').select('uid').orderBy('uid').limit(1).executeTakeFirstOrThrow();
      await db
        .insertInto('communications')
        .values({
          member_uid: member.uid,
          direction: 'note',
          channel: 'phone',
          body: `${MARKER} 未审计的记录`,
          created_at: '2026-11-20T04:00:00.000Z',
        })
        .execute();
      // an audit event edited by someone who set the append-only guard aside
      await sql`drop trigger audit_events_no_update${target.engine === 'postgres' ? sql` on audit_events` : sql``}`.execute(db);
      await db.updateTable('audit_events').set({ reason: 'edited later' }).where('id', '=', 5).execute();
      // answers the API gave that the database does not hold
      const acked = emptyAcknowledged();
      acked.approvals.set(`${MARKER}-gone`, { refundId: 999_999, amountFen: 100, status: 'succeeded', caseNo: 'C-none', quoteId: 1 });
      acked.comms.set(`${MARKER}-never-written`, 999_999);
      acked.reveals.add(`${MARKER} 核实身份`);
      acked.cases.add('C-none');
      return checkDatabase(db, MARKER, acked);
    });

    expect(Object.keys(problems).sort()).toEqual([
      'acknowledgedCaseMissing',
      'acknowledgedCommMissing',
      'acknowledgedRefundMissing',
      'acknowledgedRevealNotAudited',
      'auditChain',
      'commWithoutEvent',
      'refundedNotSumOfRefunds',
    ]);
    expect(problems.auditChain).toMatchObject([{ ok: false, brokenAt: 5, problem: 'event 5 was altered after it was written' }]);
  }, 120_000);
});
