import type { Kysely } from 'kysely';
import { recordAudit, SYSTEM_ACTOR } from '../audit/record-audit';
import type { Db } from '../db/client';
import type { DB } from '../db/schema';
import { writeTx } from '../db/write-tx';

// A circuit breaker per outbound service, kept in the database (`outbound_breakers`, migration
// 2026-12-06T10-gateway-http) so that every server sharing the database shares it
// (docs/integration.md §2). `failureThreshold` failed calls in a row open it; while open, calls
// are refused at once; after `coolDownMs` one trial call goes out (half open) and its outcome
// closes or reopens it. Opening and closing are audited (`integration.breaker_opened` /
// `integration.breaker_closed`, actor system); the failure count in between is not.

export type OutboundService = 'payment_gateway' | 'message_service';
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface OutboundBreakersTable {
  service: string;
  state: BreakerState;
  failures: number;
  opened_at: string | null;
  last_error: string | null;
  updated_at: string;
}

type BreakerDb = Kysely<DB & { outbound_breakers: OutboundBreakersTable }>;
const breakers = (db: Db): BreakerDb => db.withTables<{ outbound_breakers: OutboundBreakersTable }>();

export interface BreakerSettings {
  /** failed calls in a row that open the breaker */
  failureThreshold: number;
  /** how long an open breaker refuses calls before one trial call */
  coolDownMs: number;
}

export interface Breaker {
  /** Whether a call may go out now (an open breaker past its cool-down lets one trial call through). */
  allows: () => Promise<boolean>;
  succeeded: () => Promise<void>;
  failed: (reason: string) => Promise<void>;
}

export interface BreakerRow {
  service: string;
  state: BreakerState;
  failures: number;
  openedAt: string | null;
  lastError: string | null;
}

/** Every outbound service's breaker as stored (for the integration page); a service never called has no row. */
export async function readBreakers(db: Db): Promise<BreakerRow[]> {
  const rows = await breakers(db).selectFrom('outbound_breakers').selectAll().orderBy('service').execute();
  return rows.map((r) => ({ service: r.service, state: r.state, failures: r.failures, openedAt: r.opened_at, lastError: r.last_error }));
}

export function createBreaker(db: Db, service: OutboundService, settings: BreakerSettings, clock: () => Date = () => new Date()): Breaker {
  const read = () => breakers(db).selectFrom('outbound_breakers').selectAll().where('service', '=', service).executeTakeFirst();
  const coolDownOver = (since: string | null, now: Date) => !since || now.getTime() - Date.parse(since) >= settings.coolDownMs;

  return {
    async allows() {
      const row = await read(); // the common case: closed, one indexed read and no write
      if (!row || row.state === 'closed') return true;
      const now = clock();
      // open past its cool-down, or a trial call that never reported back: one server takes the trial
      const since = row.state === 'open' ? row.opened_at : row.updated_at;
      if (!coolDownOver(since, now)) return false;
      return writeTx(db, async (tx) => {
        const updated = await breakers(tx)
          .updateTable('outbound_breakers')
          .set({ state: 'half_open', updated_at: now.toISOString() })
          .where('service', '=', service)
          .where('state', '=', row.state)
          .where('updated_at', '=', row.updated_at)
          .executeTakeFirst();
        return updated.numUpdatedRows === 1n;
      });
    },

    async succeeded() {
      const row = await read();
      if (!row || (row.state === 'closed' && row.failures === 0)) return;
      const now = clock();
      await writeTx(db, async (tx) => {
        const current = await breakers(tx).selectFrom('outbound_breakers').selectAll().where('service', '=', service).executeTakeFirst();
        if (!current || (current.state === 'closed' && current.failures === 0)) return;
        await breakers(tx)
          .updateTable('outbound_breakers')
          .set({ state: 'closed', failures: 0, opened_at: null, updated_at: now.toISOString() })
          .where('service', '=', service)
          .execute();
        if (current.state !== 'closed')
          await recordAudit(
            tx,
            SYSTEM_ACTOR,
            {
              action: 'integration.breaker_closed',
              entityType: 'outbound_service',
              entityId: service,
              before: { state: current.state, failures: current.failures, openedAt: current.opened_at },
              after: { state: 'closed' },
            },
            now,
          );
      });
    },

    async failed(reason) {
      const now = clock();
      const at = now.toISOString();
      await writeTx(db, async (tx) => {
        const current = await breakers(tx).selectFrom('outbound_breakers').selectAll().where('service', '=', service).executeTakeFirst();
        const failures = (current?.failures ?? 0) + 1;
        const before = current?.state ?? 'closed';
        // a failed trial reopens at once; a closed breaker opens at the threshold
        const opens = before === 'half_open' || (before === 'closed' && failures >= settings.failureThreshold);
        const state: BreakerState = opens ? 'open' : before;
        const openedAt = opens ? at : (current?.opened_at ?? null);
        await breakers(tx)
          .insertInto('outbound_breakers')
          .values({ service, state, failures, opened_at: openedAt, last_error: reason, updated_at: at })
          .onConflict((oc) =>
            oc.column('service').doUpdateSet({ state, failures, opened_at: openedAt, last_error: reason, updated_at: at }),
          )
          .execute();
        if (opens && before === 'closed')
          await recordAudit(
            tx,
            SYSTEM_ACTOR,
            {
              action: 'integration.breaker_opened',
              entityType: 'outbound_service',
              entityId: service,
              before: { state: before },
              after: { state: 'open', failures },
              reason,
            },
            now,
          );
      });
    },
  };
}
