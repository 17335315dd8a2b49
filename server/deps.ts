import { createRecordingSender } from './adapters/recording-sender';
import { createSimulatedGateway } from './adapters/simulated-gateway';
import type { Deps } from './context';
import { openDatabase, type OpenedDatabase } from './db/client';
import { ingestSecrets, type Env } from './env';

// Production wiring of the app's parts from the validated environment.
export function createDeps(env: Env): { deps: Deps; database: OpenedDatabase } {
  const database = openDatabase(env.DB_PATH);
  const deps: Deps = {
    db: database.db,
    dbPath: env.DB_PATH,
    now: () => new Date(),
    gateway: createSimulatedGateway({
      latencyMs: env.GATEWAY_LATENCY_MS,
      failureRate: env.GATEWAY_FAILURE_RATE,
      timeoutRate: env.GATEWAY_TIMEOUT_RATE,
    }),
    sender: createRecordingSender({ latencyMs: 20 }),
    config: {
      sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
      cookieSecure: env.COOKIE_SECURE,
      trustProxy: env.TRUST_PROXY,
      ingestSecrets: ingestSecrets(env),
    },
  };
  return { deps, database };
}
