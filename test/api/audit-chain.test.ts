import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit } from '../../server/audit/record-audit';
import { verifyAuditChain } from '../../server/audit/verify-chain';
import { writeTx } from '../../server/db/write-tx';
import { createTestWorld, type TestWorld } from '../support/test-db';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
  const actor = { id: 1, username: 'agent1', role: 'agent' };
  for (let i = 1; i <= 5; i++) {
    await writeTx(world.deps.db, (tx) =>
      recordAudit(
        tx,
        actor,
        { action: 'case.approve', entityType: 'case', entityId: `RC${i}`, after: { amountFen: i * 100 } },
        world.clock.now,
      ),
    );
  }
});
afterEach(() => world.cleanup());

// An attacker with the file in hand can drop the guard triggers; the chain still tells.
function tamper(sqlite: TestWorld['database']['sqlite'], statement: string) {
  sqlite.exec('drop trigger audit_events_no_update; drop trigger audit_events_no_delete;');
  sqlite.exec(statement);
}

describe('the audit chain', () => {
  it('verifies when untouched', () => {
    expect(verifyAuditChain(world.database.sqlite)).toEqual({ ok: true, events: 5 });
  });

  it('refuses UPDATE and DELETE on events', () => {
    expect(() => world.database.sqlite.exec("update audit_events set reason = 'x' where id = 2")).toThrow(/append-only/);
    expect(() => world.database.sqlite.exec('delete from audit_events where id = 2')).toThrow(/append-only/);
  });

  it('names an edited event', () => {
    tamper(world.database.sqlite, `update audit_events set after = '{"amountFen":99999}' where id = 3`);
    expect(verifyAuditChain(world.database.sqlite)).toMatchObject({ ok: false, brokenAt: 3, problem: expect.stringContaining('altered') });
  });

  it('names a deleted event', () => {
    tamper(world.database.sqlite, 'delete from audit_events where id = 2');
    expect(verifyAuditChain(world.database.sqlite)).toMatchObject({ ok: false, brokenAt: 3, problem: expect.stringContaining('missing') });
  });

  it('names reordered events', () => {
    tamper(
      world.database.sqlite,
      `update audit_events set id = 100 where id = 2; update audit_events set id = 2 where id = 4; update audit_events set id = 4 where id = 100;`,
    );
    expect(verifyAuditChain(world.database.sqlite)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('reports the number of events verified, which shows a removed tail against the last known count', () => {
    tamper(world.database.sqlite, 'delete from audit_events where id = 5');
    expect(verifyAuditChain(world.database.sqlite)).toEqual({ ok: true, events: 4 });
  });
});
