import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { auditHash, GENESIS_HASH } from '../../server/audit/audit-hash';
import type { ChainRow } from '../../server/audit/verify-chain';
import type { Db } from '../../server/db/client';
import { engineOf } from '../../server/db/engine';
import { writeTx } from '../../server/db/write-tx';

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

// The same, through Kysely on either engine (what the owner of a PostgreSQL database can do too:
// set the append-only triggers aside and write what they like).

/** SQLite: the guard triggers dropped; PostgreSQL: the table's own triggers disabled (the owner may). */
export async function setGuardsAside(db: Db): Promise<void> {
  if (engineOf(db) === 'postgres') await sql`alter table audit_events disable trigger user`.execute(db);
  else for (const t of ['audit_events_no_update', 'audit_events_no_delete']) await sql`drop trigger if exists ${sql.id(t)}`.execute(db);
}

/** Runs `statements` (plain SQL both engines read alike) with the guards set aside. */
export async function tamperThrough(db: Db, ...statements: string[]): Promise<void> {
  await setGuardsAside(db);
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** rewriteChain through Kysely: the log rewritten as `edit` returns it, renumbered, every hash recomputed. */
export async function rewriteChainThrough(db: Db, edit: (rows: ChainRow[]) => ChainRow[]): Promise<void> {
  await setGuardsAside(db);
  await writeTx(db, async (tx) => {
    const rows = edit((await tx.selectFrom('audit_events').selectAll().orderBy('id').execute()) as ChainRow[]);
    await tx.deleteFrom('audit_events').execute();
    let prev = GENESIS_HASH;
    for (const [i, row] of rows.entries()) {
      const fields = { ...row, id: i + 1 };
      const hash = auditHash(prev, fields);
      await tx
        .insertInto('audit_events')
        .values({ ...fields, prev_hash: prev, hash })
        .execute();
      prev = hash;
    }
  });
}

/** swapEvents through Kysely: two events' contents swapped, their ids (and stored hashes) kept. */
export async function swapEventsThrough(db: Db, a: number, b: number): Promise<void> {
  await tamperThrough(
    db,
    `update audit_events set id = -1 where id = ${a}`,
    `update audit_events set id = ${a} where id = ${b}`,
    `update audit_events set id = ${b} where id = -1`,
  );
}
