import { sql } from 'kysely';
import type { Db } from '../db/client';

// The outbound services' health for the integration page (docs/integration.md §5): the payment
// gateway and the member message service, each read from what the database holds about the
// calls made to them — the refunds sent (refunds) and the messages queued (outbox).
//
// Breakers: the circuit breakers of docs/integration.md §2 keep their state in a table of their
// own, read by readBreakers(db), which another change adds. Until it lands `breakerStates` below
// knows no breaker and every service's `breaker` is null; when it does, only that function
// changes (map readBreakers' rows by service), and the page shows the state beside the health.

export type OutboundService = 'payment_gateway' | 'message_sender';
export type Health = 'ok' | 'idle' | 'degraded' | 'failing';
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface ServiceHealth {
  service: OutboundService;
  health: Health;
  /** the breaker's state, null while no breaker state is stored (see breakerStates) */
  breaker: BreakerState | null;
  /** calls of the last hour and the share that failed (null when there were none) */
  lastHour: { calls: number; failed: number; errorRate: number | null };
  /** why the health is what it is, as codes the page words: 'pending_stuck', 'retrying', … */
  signs: string[];
}

/**
 * A refund still pending this long after it was sent, with no gateway reference, has had no
 * answer the reconciler could get (a bank card the gateway accepted is pending with its
 * reference while it settles: that is an answer).
 */
export const PENDING_STUCK_MS = 10 * 60_000;
/** A message due this long ago and still not sent: the outbox is not being worked. */
export const OUTBOX_LATE_MS = 5 * 60_000;
const MIN_CALLS_FOR_RATE = 3;

/** PLUG (breakers): replace with readBreakers(db) once its table exists; keyed by service. */
async function breakerStates(db: Db): Promise<Map<OutboundService, BreakerState>> {
  void db;
  return new Map();
}

export async function outboundHealth(db: Db, now: Date): Promise<ServiceHealth[]> {
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const stuckBefore = new Date(now.getTime() - PENDING_STUCK_MS).toISOString();
  const lateBefore = new Date(now.getTime() - OUTBOX_LATE_MS).toISOString();
  const [refunds, stuck, messages, outbox, breakers] = await Promise.all([
    db
      .selectFrom('refunds')
      .select([sql<number>`count(*)`.as('calls'), sql<number>`coalesce(sum(status = 'failed'), 0)`.as('failed')])
      .where('created_at', '>=', hourAgo)
      .where('payment_channel', '!=', 'bcoin') // paid back in-house, never sent to the gateway
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('refunds')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '=', 'pending')
      .where('gateway_ref', 'is', null)
      .where('created_at', '<', stuckBefore)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('outbox')
      .select([
        sql<number>`coalesce(sum(created_at >= ${hourAgo}), 0)`.as('calls'),
        sql<number>`coalesce(sum(created_at >= ${hourAgo} and last_error is not null), 0)`.as('failed'),
        sql<number>`coalesce(sum(status = 'failed'), 0)`.as('failedDay'),
      ])
      .where('created_at', '>=', dayAgo)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('outbox')
      .select([
        sql<number>`coalesce(sum(attempts > 0), 0)`.as('retrying'),
        sql<number>`coalesce(sum(next_attempt_at < ${lateBefore}), 0)`.as('late'),
      ])
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
    breakerStates(db),
  ]);

  const gatewaySigns = [...(stuck.n > 0 ? ['pending_stuck'] : [])];
  const senderSigns = [
    ...(outbox.retrying > 0 ? ['retrying'] : []),
    ...(outbox.late > 0 ? ['outbox_late'] : []),
    ...(messages.failedDay > 0 ? ['failed_today'] : []),
  ];
  return [
    judge('payment_gateway', refunds, gatewaySigns, breakers),
    judge('message_sender', { calls: messages.calls, failed: messages.failed }, senderSigns, breakers),
  ];
}

function judge(
  service: OutboundService,
  hour: { calls: number; failed: number },
  signs: string[],
  breakers: Map<OutboundService, BreakerState>,
): ServiceHealth {
  const calls = Number(hour.calls);
  const failed = Number(hour.failed);
  const errorRate = calls > 0 ? failed / calls : null;
  const breaker = breakers.get(service) ?? null;
  const rated = calls >= MIN_CALLS_FOR_RATE && errorRate !== null;
  if (rated && errorRate >= 0.2) signs.push('error_rate');
  if (breaker === 'open' || breaker === 'half_open') signs.push(`breaker_${breaker}`);
  const health: Health =
    breaker === 'open' || (rated && errorRate >= 0.5) ? 'failing' : signs.length > 0 ? 'degraded' : calls === 0 ? 'idle' : 'ok';
  return { service, health, breaker, lastHour: { calls, failed, errorRate }, signs };
}
