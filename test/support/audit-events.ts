import { recordAudit } from '../../server/audit/record-audit';
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
