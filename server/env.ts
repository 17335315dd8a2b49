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
