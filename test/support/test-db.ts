import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordingSender, type RecordingSender } from '../../server/adapters/recording-sender';
import { createSimulatedGateway } from '../../server/adapters/simulated-gateway';
import { hashPassword, type Argon2Cost } from '../../server/auth/password';
import { createContextInner, type Deps, type StaffIdentity } from '../../server/context';
import { openDatabase, openReader, type OpenedDatabase } from '../../server/db/client';
import { migrateToLatest } from '../../server/db/migrate';
import { openPostgres } from '../../server/db/postgres-client';
import { createCaller } from '../../server/router';
import { freshPostgresDatabase, isPostgresRun } from './pg-test-db';
import type { Role } from '../../shared/roles';

// Tests run against a real SQLite file built by the real migrations — or, under `npm run test:pg`
// (vitest.pg.config.ts), a fresh PostgreSQL database copied from a migrated template.
// Password hashes in tests use a tiny Argon2id cost (m=1 MiB, t=1, p=1; stored in the PHC
// string) to keep the suite fast; the demo and production accounts use OWASP's cost
// (OWASP_ARGON2: m=19 MiB, t=2, p=1). Test worlds also rehash at this cost (config.passwordCost),
// so signing in does not upgrade the test accounts' hashes.
export const TEST_COST: Argon2Cost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export interface TestWorld {
  /**
   * The world's database. On PostgreSQL `engine` is 'postgres' and reading `sqlite` throws: a
   * test that reaches into the SQLite file is SQLite-only (listed in vitest.pg.config.ts).
   */
  database: OpenedDatabase;
  /** PostgreSQL: the world's database as a DATABASE_URL, for servers started as processes; SQLite: null */
  databaseUrl: string | null;
  deps: Deps;
  gateway: ReturnType<typeof createSimulatedGateway>;
  sender: RecordingSender;
  clock: { now: Date; advance: (ms: number) => void };
  dir: string;
  cleanup: () => Promise<void>;
}

export async function createTestWorld(opts: { now?: string } = {}): Promise<TestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'refund-desk-test-'));
  const postgres = isPostgresRun() ? await freshPostgresDatabase() : null;
  const dbPath = postgres ? '' : join(dir, 'test.db');
  const opened = postgres ? sqliteLess(postgres.opened.db, postgres.drop) : openDatabase(dbPath);
  if (!postgres) await migrateToLatest(opened.db);
  // SQLite: agents' reads on a read-only connection of their own, as the server has (Deps.reader)
  const reader = postgres ? null : openReader(dbPath);
  // Closing the world's database closes its reader first: the last connection to close folds
  // the WAL into the file, and a read-only one cannot (a test that copies the file needs it whole).
  // (A PostgreSQL world has no reader, and its `sqlite` is a getter that refuses: left as it is.)
  const database: OpenedDatabase = !reader
    ? opened
    : {
        ...opened,
        close: async () => {
          await reader.close();
          await opened.close();
        },
      };
  const clock = {
    now: new Date(opts.now ?? '2026-11-20T04:00:00.000Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const gateway = createSimulatedGateway({ latencyMs: 0, failureRate: 0, timeoutRate: 0, random: () => 0.5 });
  const sender = createRecordingSender();
  const deps: Deps = {
    db: database.db,
    reader: reader?.db ?? database.db,
    dbPath,
    now: () => clock.now,
    gateway,
    sender,
    config: { sessionIdleMinutes: 120, cookieSecure: false, passwordCost: TEST_COST },
  };
  return {
    database,
    databaseUrl: postgres?.url ?? null,
    deps,
    gateway,
    sender,
    clock,
    dir,
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A second, independent connection to the world's database, as another server sharing it would
 * have: the same SQLite file, or a second pool to the same PostgreSQL database.
 */
export function secondConnection(world: TestWorld): { db: Deps['db']; close: () => Promise<void> } {
  if (world.databaseUrl) {
    const opened = openPostgres(world.databaseUrl, { max: 2 });
    return { db: opened.db, close: opened.close };
  }
  const opened = openDatabase(world.deps.dbPath);
  return { db: opened.db, close: () => opened.close() };
}

/** A PostgreSQL world's database in the shape of a SQLite one, whose `sqlite` refuses to be read. */
function sqliteLess(db: OpenedDatabase['db'], close: () => Promise<void>): OpenedDatabase {
  const database = {
    db,
    engine: 'postgres',
    close,
    get sqlite(): never {
      throw new Error('this test reads the SQLite file directly: it is SQLite-only (vitest.pg.config.ts lists it)');
    },
  };
  return database as unknown as OpenedDatabase;
}

let staffSeq = 0;

export async function createStaff(
  world: TestWorld,
  fields: Partial<{
    username: string;
    password: string;
    role: Role;
    displayName: string;
    approvalLimitFen: number | null;
    active: number;
  }> = {},
): Promise<StaffIdentity & { password: string }> {
  staffSeq++;
  const role = fields.role ?? 'agent';
  const username = fields.username ?? `${role}${staffSeq}`;
  const password = fields.password ?? `${username}-pw`;
  const approvalLimitFen = fields.approvalLimitFen === undefined ? (role === 'agent' ? 10000 : null) : fields.approvalLimitFen;
  const displayName = fields.displayName ?? `测试${role}${staffSeq}`;
  const row = await world.deps.db
    .insertInto('staff')
    .values({
      username,
      display_name: displayName,
      role,
      password_hash: await hashPassword(password, TEST_COST),
      approval_limit_fen: approvalLimitFen,
      active: fields.active ?? 1,
      created_at: world.clock.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username, role, displayName, approvalLimitFen, password };
}

/** A caller acting as the given staff member (or anonymous), as the HTTP layer would build it. */
export function callerFor(world: TestWorld, staff: StaffIdentity | null, extra: { clientIp?: string } = {}) {
  return createCaller(createContextInner(world.deps, { staff, clientIp: extra.clientIp ?? '127.0.0.1' }));
}

type Caller = ReturnType<typeof callerFor>;

/** The procedure at a dotted path ('cases.approve') on a caller, for tests that go through every procedure. */
export function procedureAt(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  const [ns, name, ...rest] = path.split('.');
  const procedures =
    ns === undefined
      ? undefined
      : (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>> | undefined>)[ns];
  const procedure = name === undefined || rest.length > 0 ? undefined : procedures?.[name];
  if (!procedure) throw new Error(`no procedure at ${path}`);
  return procedure;
}
