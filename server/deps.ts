import { createHttpGateway, type OutboundSettings } from './adapters/http-gateway';
import { createHttpSender } from './adapters/http-sender';
import type { PaymentGateway } from './adapters/payment-gateway';
import { createPlayGateway } from './adapters/play-gateway';
import { createRecordingSender } from './adapters/recording-sender';
import { createSimulatedGateway } from './adapters/simulated-gateway';
import type { Deps } from './context';
import { openDatabase, openReader, type OpenedEngine } from './db/client';
import { startWalCheckpointer } from './db/wal-checkpointer';
import { openPostgres } from './db/postgres-client';
import { ingestSecrets, serviceSecret, type Env } from './env';
import { appleConfig } from './stores/apple-config';
import { googleConfig } from './stores/google-config';

function outboundSettings(env: Env): OutboundSettings {
  return {
    timeouts: { connectMs: env.OUTBOUND_CONNECT_TIMEOUT_MS, answerMs: env.OUTBOUND_ANSWER_TIMEOUT_MS },
    breaker: { failureThreshold: env.OUTBOUND_BREAKER_FAILURES, coolDownMs: env.OUTBOUND_BREAKER_COOL_DOWN_MS },
    retries: env.OUTBOUND_RETRIES,
    retryBackoffMs: env.OUTBOUND_RETRY_BACKOFF_MS,
  };
}

// Production wiring of the app's parts from the validated environment. DATABASE_URL picks
// PostgreSQL; otherwise the SQLite file at DB_PATH. The payment gateway and the message service
// go over HTTP when their URL is set (docs/integration.md §2–§3); otherwise the in-process
// simulation and the recording sender of the demo. On SQLite, agents' reads get a read-only
// connection of their own (Deps.reader); PostgreSQL's pool already reads beside a writer, and
// DATABASE_READ_URL sends those reads to a replica instead (docs/deployment.md § Read replicas);
// SQLite's WAL checkpoints run on a worker thread (db/wal-checkpointer.ts).
export function createDeps(env: Env): { deps: Deps; database: OpenedEngine } {
  if (env.DATABASE_READ_URL && !env.DATABASE_URL)
    throw new Error('invalid environment: DATABASE_READ_URL is a PostgreSQL replica; it needs DATABASE_URL (the primary)');
  const sqlite = env.DATABASE_URL ? null : openDatabase(env.DB_PATH);
  const main: OpenedEngine = sqlite ?? openPostgres(env.DATABASE_URL);
  const reader = sqlite ? openReader(env.DB_PATH) : env.DATABASE_READ_URL ? openPostgres(env.DATABASE_READ_URL) : null;
  // WAL checkpoints on a thread of their own, so that no commit holds the event loop to run one
  const checkpointer =
    sqlite && env.SQLITE_CHECKPOINT_EVERY_MS > 0
      ? startWalCheckpointer(sqlite.sqlite, env.DB_PATH, { everyMs: env.SQLITE_CHECKPOINT_EVERY_MS })
      : null;
  const database: OpenedEngine = {
    ...main,
    // the server's own connection closes last: it folds what is left of the WAL into the file
    close: async () => {
      await reader?.close();
      await checkpointer?.stop();
      await main.close();
    },
  };
  const settings = outboundSettings(env);
  const google = googleConfig(env);
  // Google Play orders are refunded through the Play Developer API when its service account is set
  const withGooglePlay = (gateway: PaymentGateway) => (google?.api ? createPlayGateway(google.api, main.db, gateway) : gateway);
  const deps: Deps = {
    db: main.db,
    reader: reader?.db ?? main.db,
    ...(env.DATABASE_READ_URL ? { sessionReader: main.db } : {}),
    dbPath: main.engine === 'sqlite' ? env.DB_PATH : '',
    now: () => new Date(),
    gateway: withGooglePlay(
      env.PAYMENT_GATEWAY_URL
        ? createHttpGateway({
            url: env.PAYMENT_GATEWAY_URL,
            secret: serviceSecret('PAYMENT_GATEWAY', env.PAYMENT_GATEWAY_SECRET, env.PAYMENT_GATEWAY_SECRET_FILE),
            db: main.db,
            settings,
          })
        : createSimulatedGateway({
            latencyMs: env.GATEWAY_LATENCY_MS,
            failureRate: env.GATEWAY_FAILURE_RATE,
            timeoutRate: env.GATEWAY_TIMEOUT_RATE,
          }),
    ),
    sender: env.MESSAGE_SENDER_URL
      ? createHttpSender({
          url: env.MESSAGE_SENDER_URL,
          secret: serviceSecret('MESSAGE_SENDER', env.MESSAGE_SENDER_SECRET, env.MESSAGE_SENDER_SECRET_FILE),
          db: main.db,
          settings,
        })
      : createRecordingSender({ latencyMs: 20 }),
    config: {
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      cookieSecure: env.COOKIE_SECURE,
      trustProxy: env.TRUST_PROXY,
      ingestSecrets: ingestSecrets(env),
      workers: {
        reconcileEveryMs: env.RECONCILE_EVERY_MS,
        reconcileAfterMs: env.RECONCILE_AFTER_MS,
        outboxRetryBaseMs: env.OUTBOX_RETRY_BASE_MS,
      },
      apple: appleConfig(env),
      google,
    },
  };
  return { deps, database };
}
