import { type Kysely } from 'kysely';
import { serialKey } from './portable';

// Sign-in throttling kept in the database, so that several servers on one database share it
// (server/auth/login-throttle.ts):
// - sign_in_attempts: one row per attempt, written BEFORE the password is verified (counted as a
//   failure in advance) and deleted when the attempt succeeds. `account` is the lowercased
//   username as typed (known or not), `address` the client address (or 'unknown').
//   `pair_cleared` = 1 once a later sign-in of the same account from the same address succeeded:
//   the row no longer delays that pair but still counts towards the account's ceiling.
//   Rows older than the longest window are pruned on every attempt.
// - sign_in_locks: accounts locked at the ceiling, until a supervisor or admin unlocks them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('pair_cleared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sign_in_attempts_pair').on('sign_in_attempts').columns(['account', 'address', 'at']).execute();
  await db.schema.createIndex('sign_in_attempts_account').on('sign_in_attempts').columns(['account', 'at']).execute();
  await db.schema.createIndex('sign_in_attempts_at').on('sign_in_attempts').columns(['at']).execute();
  await db.schema
    .createTable('sign_in_locks')
    .addColumn('account', 'text', (c) => c.primaryKey())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_locks').execute();
  await db.schema.dropTable('sign_in_attempts').execute();
}
