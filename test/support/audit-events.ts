import { auditHash, GENESIS_HASH } from '../../server/audit/audit-hash';
import { auditEventFields, recordAudit, SYSTEM_ACTOR } from '../../server/audit/record-audit';
import type { Db } from '../../server/db/client';
import { writeTx } from '../../server/db/write-tx';
import type { TestWorld } from './test-db';

const AGENT = { id: 1, username: 'agent1', role: 'agent' };

/** Appends `count` audit events, one transaction each: agent1 approving cases RC<first>… for <i> × ¥1.00. */
export async function recordApprovals(world: TestWorld, count: number, first = 0): Promise<void> {
  for (let i = first; i < first + count; i++) {
    await writeTx(world.deps.db, (tx) =>
      recordAudit(
        tx,
        AGENT,
        { action: 'case.approve', entityType: 'case', entityId: `RC${i}`, after: { amountFen: i * 100 } },
        world.clock.now,
      ),
    );
  }
}

/** How many audit events there are: a refusal that writes nothing leaves it as it was. */
export async function auditEventCount(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Appends `count` filler events ('test.filler' by the system) to the audit chain in one write
 * transaction, each hashed as recordAudit would, a thousand rows a statement: a long chain made
 * fast, through Kysely, on either engine.
 */
export async function appendFillerEvents(world: TestWorld, count: number): Promise<void> {
  const at = world.clock.now.toISOString();
  await writeTx(world.deps.db, async (tx) => {
    const last = await tx.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
    let prev = last?.hash ?? GENESIS_HASH;
    const first = (last?.id ?? 0) + 1;
    for (let start = first; start < first + count; start += 1000) {
      const rows = [];
      for (let id = start; id < Math.min(start + 1000, first + count); id++) {
        const fields = auditEventFields(id, at, SYSTEM_ACTOR, { action: 'test.filler', entityType: 'test', entityId: String(id) });
        const hash = auditHash(prev, fields);
        rows.push({ ...fields, prev_hash: prev, hash });
        prev = hash;
      }
      await tx.insertInto('audit_events').values(rows).execute();
    }
  });
}
