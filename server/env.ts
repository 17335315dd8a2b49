import { z } from 'zod';
import { parseTrustProxy } from './http/client-address';
import { defaultSigningKeyFile } from './audit/signing-key';
import { readFileSync } from 'node:fs';
import { parseSecrets } from './integration/signature';

// The environment is read and validated once, at start.
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DB_PATH: z.string().min(1).default('data/refund-desk.db'),
  // A PostgreSQL database instead of the SQLite file (docs/deployment.md): postgres://user@host:port/name.
  // Empty: SQLite at DB_PATH. DB_PATH still names where the audit checkpoints are kept.
  DATABASE_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || /^postgres(ql)?:\/\//i.test(v), 'DATABASE_URL must be a postgres:// URL (or empty for SQLite at DB_PATH)'),
  // Optional, with DATABASE_URL only: a read replica (or the primary under a read-only role) for the
  // reads that go through Deps.reader (searches, order and case pages, lists, the dashboard).
  DATABASE_READ_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || /^postgres(ql)?:\/\//i.test(v), 'DATABASE_READ_URL must be a postgres:// URL (or empty)'),
  // The Ed25519 key that signs the audit checkpoints (created 0600 at first start, with <file>.pub
  // for auditors). Never in the database's folder: start refuses that (server/audit/signing-key.ts).
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).default(defaultSigningKeyFile()),
  // where the built SPA is served from (the e2e run builds into a directory of its own)
  CLIENT_DIR: z.string().min(1).default('dist/client'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  // Extra origins allowed to send mutations besides the server's own (comma-separated), e.g. the Vite dev server.
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  // Behind a reverse proxy: the number of proxy hops, or the proxies' addresses / CIDR blocks
  // (comma-separated, 'loopback' allowed). Off by default: X-Forwarded-For is then ignored and the
  // socket's address is the client's (server/http/client-address.ts).
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (error) {
        ctx.issues.push({ code: 'custom', message: error instanceof Error ? error.message : String(error), input: v });
        return z.NEVER;
      }
    }),
  DEMO_ORDERS: z.coerce.number().int().min(0).default(3000),
  GATEWAY_LATENCY_MS: z.coerce.number().int().min(0).default(150),
  GATEWAY_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
  GATEWAY_TIMEOUT_RATE: z.coerce.number().min(0).max(1).default(0),
  // Secrets that sign POST /api/v1/events (docs/integration.md §1), comma-separated so they can be
  // rotated (any one verifies); or a file holding them. Neither set: the route answers 404.
  INGEST_SECRET: z.string().default(''),
  INGEST_SECRET_FILE: z.string().default(''),
  // The payment gateway over HTTP (docs/integration.md §2): set, it replaces the simulated one.
  // The secret signs our requests (or a file holding it).
  PAYMENT_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  PAYMENT_GATEWAY_SECRET: z.string().default(''),
  PAYMENT_GATEWAY_SECRET_FILE: z.string().default(''),
  // The member notification service over HTTP (§3): set, it replaces the recording sender.
  MESSAGE_SENDER_URL: z.url({ protocol: /^https?$/ }).optional(),
  MESSAGE_SENDER_SECRET: z.string().default(''),
  MESSAGE_SENDER_SECRET_FILE: z.string().default(''),
  // Both services: deadlines to connect and for the whole answer, immediate retries (same key)
  // of a request that never reached the service, and the circuit breaker (server/adapters/breaker.ts).
  OUTBOUND_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(2_000),
  OUTBOUND_ANSWER_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  OUTBOUND_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  OUTBOUND_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(200),
  OUTBOUND_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
  OUTBOUND_BREAKER_COOL_DOWN_MS: z.coerce.number().int().min(0).default(30_000),
  // The refund reconciler: how often it runs and how old a pending refund must be to be asked about.
  RECONCILE_EVERY_MS: z.coerce.number().int().min(100).default(15_000),
  RECONCILE_AFTER_MS: z.coerce.number().int().min(0).default(30_000),
  // SQLite's WAL checkpoints: every this many ms on a thread of their own (server/db/wal-checkpointer.ts);
  // 0 leaves them to SQLite, on the connection that commits (it then holds the event loop).
  SQLITE_CHECKPOINT_EVERY_MS: z.coerce.number().int().min(0).default(500),
  // The outbox's first retry delay (then doubling: 30 s, 1, 2, 4, 8 min by default).
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(0).default(30_000),
  // The App Store (docs/integration.md §6, server/stores/apple-config.ts): the root certificate the
  // notifications' x5c chains must end at and the app they must name; without both, the route is off.
  APPLE_ROOT_CA_FILE: z.string().default(''),
  APPLE_BUNDLE_ID: z.string().default(''),
  APPLE_APP_APPLE_ID: z.string().default(''),
  APPLE_ENVIRONMENT: z.enum(['Production', 'Sandbox']).default('Production'),
  // The App Store Server API, for the consumption answer: base address and the ES256 key
  APPLE_API_BASE: z.url().default('https://api.storekit.itunes.apple.com'),
  APPLE_PRIVATE_KEY_FILE: z.string().default(''),
  APPLE_KEY_ID: z.string().default(''),
  APPLE_ISSUER_ID: z.string().default(''),
  APPLE_CONSUMPTION_AUTO_SEND: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // Google Play (docs/integration.md §6, server/stores/google-config.ts): the RTDN push's OIDC
  // token is checked against this audience and the keys in this local JWKS file (Google's
  // https://www.googleapis.com/oauth2/v3/certs, saved; nothing is downloaded); without both, the route is off.
  GOOGLE_PUSH_AUDIENCE: z.string().default(''),
  GOOGLE_PUSH_JWKS_FILE: z.string().default(''),
  GOOGLE_PUSH_SERVICE_ACCOUNT: z.string().default(''),
  GOOGLE_PLAY_PACKAGE_NAME: z.string().default(''),
  // The Play Developer API, for refunds from the console: its base and a service account's JSON key
  GOOGLE_PLAY_API_BASE: z.url().default('https://androidpublisher.googleapis.com'),
  GOOGLE_PLAY_SERVICE_ACCOUNT_FILE: z.string().default(''),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    throw new Error(`invalid environment: ${JSON.stringify(fields)}`);
  }
  return parsed.data;
}

/** The ingest secrets: INGEST_SECRET's, and INGEST_SECRET_FILE's (comma- or line-separated). */
export function ingestSecrets(env: Pick<Env, 'INGEST_SECRET' | 'INGEST_SECRET_FILE'>): string[] {
  const fromFile = env.INGEST_SECRET_FILE ? readFileSync(env.INGEST_SECRET_FILE, 'utf8').replace(/\n/g, ',') : '';
  return [...parseSecrets(env.INGEST_SECRET), ...parseSecrets(fromFile)];
}

/** A service's secret: its variable, else the first line of its file; a URL without a secret is refused at start. */
export function serviceSecret(name: string, value: string, file: string): string {
  const secret = value || (file ? (readFileSync(file, 'utf8').split('\n')[0] ?? '').trim() : '');
  if (!secret) throw new Error(`invalid environment: ${name}_URL is set but neither ${name}_SECRET nor ${name}_SECRET_FILE is`);
  return secret;
}
