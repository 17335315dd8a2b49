import { createHttpGateway, type OutboundSettings } from './adapters/http-gateway';
import { createHttpSender } from './adapters/http-sender';
import { createRecordingSender } from './adapters/recording-sender';
import { createSimulatedGateway } from './adapters/simulated-gateway';
import type { Deps } from './context';
import { openDatabase, openReader, type OpenedDatabase } from './db/client';
import { ingestSecrets, serviceSecret, type Env } from './env';

function outboundSettings(env: Env): OutboundSettings {
  return {
    timeouts: { connectMs: env.OUTBOUND_CONNECT_TIMEOUT_MS, answerMs: env.OUTBOUND_ANSWER_TIMEOUT_MS },
    breaker: { failureThreshold: env.OUTBOUND_BREAKER_FAILURES, coolDownMs: env.OUTBOUND_BREAKER_COOL_DOWN_MS },
    retries: env.OUTBOUND_RETRIES,
    retryBackoffMs: env.OUTBOUND_RETRY_BACKOFF_MS,
  };
}

// Production wiring of the app's parts from the validated environment. The payment gateway and
// the message service go over HTTP when their URL is set (docs/integration.md §2–§3); otherwise
// the in-process simulation and the recording sender of the demo.
export function createDeps(env: Env): { deps: Deps; database: OpenedDatabase } {
  const main = openDatabase(env.DB_PATH);
  const reader = openReader(env.DB_PATH);
  const database: OpenedDatabase = {
    ...main,
    close: async () => {
      await reader.close();
      await main.close();
    },
  };
  const settings = outboundSettings(env);
  const deps: Deps = {
    db: main.db,
    reader: reader.db,
    dbPath: env.DB_PATH,
    now: () => new Date(),
    gateway: env.PAYMENT_GATEWAY_URL
      ? createHttpGateway({
          url: env.PAYMENT_GATEWAY_URL,
          secret: serviceSecret('PAYMENT_GATEWAY', env.PAYMENT_GATEWAY_SECRET, env.PAYMENT_GATEWAY_SECRET_FILE),
          db: database.db,
          settings,
        })
      : createSimulatedGateway({
          latencyMs: env.GATEWAY_LATENCY_MS,
          failureRate: env.GATEWAY_FAILURE_RATE,
          timeoutRate: env.GATEWAY_TIMEOUT_RATE,
        }),
    sender: env.MESSAGE_SENDER_URL
      ? createHttpSender({
          url: env.MESSAGE_SENDER_URL,
          secret: serviceSecret('MESSAGE_SENDER', env.MESSAGE_SENDER_SECRET, env.MESSAGE_SENDER_SECRET_FILE),
          db: database.db,
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
    },
  };
  return { deps, database };
}
