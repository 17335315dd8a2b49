import type Database from 'better-sqlite3';
import { auditHash, GENESIS_HASH } from '../../server/audit/audit-hash';
import type { ChainRow } from '../../server/audit/verify-chain';

// What someone with write access to the database file can do to the audit log: the guard
// triggers are theirs to drop, and the SHA-256 chain is public, so they can recompute it.

export function dropGuards(sqlite: Database.Database): void {
  sqlite.exec('drop trigger if exists audit_events_no_update; drop trigger if exists audit_events_no_delete;');
}

export function tamper(sqlite: Database.Database, statement: string): void {
  dropGuards(sqlite);
  sqlite.exec(statement);
}

/** Rewrites the whole log as `edit` returns it, renumbered 1…n, every hash recomputed: a chain that verifies. */
export function rewriteChain(sqlite: Database.Database, edit: (rows: ChainRow[]) => ChainRow[]): void {
  dropGuards(sqlite);
  const rows = edit(sqlite.prepare('select * from audit_events order by id').all() as ChainRow[]);
  const insert = sqlite.prepare(
    `insert into audit_events (id, at, actor_id, actor_username, actor_role, action, entity_type, entity_id, before, after, reason, request_id, client_ip, prev_hash, hash)
     values (@id, @at, @actor_id, @actor_username, @actor_role, @action, @entity_type, @entity_id, @before, @after, @reason, @request_id, @client_ip, @prev_hash, @hash)`,
  );
  sqlite.transaction(() => {
    sqlite.exec('delete from audit_events');
    let prev = GENESIS_HASH;
    rows.forEach((row, i) => {
      const fields = { ...row, id: i + 1 };
      const hash = auditHash(prev, fields);
      insert.run({ ...fields, prev_hash: prev, hash });
      prev = hash;
    });
  })();
}

/** Swaps the contents of two events, keeping their ids (and their stored hashes: the chain breaks). */
export function swapEvents(sqlite: Database.Database, a: number, b: number): void {
  tamper(
    sqlite,
    `update audit_events set id = -1 where id = ${a}; update audit_events set id = ${a} where id = ${b}; update audit_events set id = ${b} where id = -1;`,
  );
}
