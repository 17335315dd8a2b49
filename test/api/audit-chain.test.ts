import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/audit/verify-chain';
import { recordApprovals } from '../support/audit-events';
import { tamper } from '../support/audit-tamper';
import { createTestWorld, type TestWorld } from '../support/test-db';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
  await recordApprovals(world, 5, 1);
});
afterEach(() => world.cleanup());

// An attacker with the file in hand can drop the guard triggers (tamper); the chain still tells.

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
