import type { Role } from '../shared/roles';
import type { Db } from './db/client';
import type { PaymentGateway } from './adapters/payment-gateway';
import type { MessageSender } from './adapters/message-sender';
import type { Argon2Cost } from './auth/password';
import type { TrustProxy } from './http/client-address';
import type { AppleConfig } from './stores/apple-config';
import type { GoogleConfig } from './stores/google-config';

export interface StaffIdentity {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  approvalLimitFen: number | null;
}

/** What the app is built from: the same in production, in tests and in the benchmark. */
export interface Deps {
  db: Db;
  /**
   * A read-only connection of its own for the procedures that only read (searches, lists, the
   * order and case pages): WAL lets it read the last committed state while a write transaction
   * (a platform ingest batch, an import) holds the main connection, so agents' reads never queue
   * behind a write. Reads that must see their own transaction's writes use db.
   */
  reader: Db;
  /**
   * Where sessions are read when not `reader`: the primary, when `reader` is a PostgreSQL replica
   * (DATABASE_READ_URL). A replica lags, and a sign-in must be known at once and a sign-out hold
   * within a second (docs/deployment.md § Read replicas).
   */
  sessionReader?: Db;
  /** the SQLite file behind db, for readers of their own (streamed exports); '' on PostgreSQL */
  dbPath: string;
  now: () => Date;
  gateway: PaymentGateway;
  sender: MessageSender;
  config: {
    sessionIdleMinutes: number;
    cookieSecure: boolean;
    /** the Argon2id cost staff passwords are (re)hashed at; OWASP's when absent (tests use a cheap one) */
    passwordCost?: Argon2Cost;
    /** where the client's address comes from behind a proxy (TRUST_PROXY); off when absent */
    trustProxy?: TrustProxy | null;
    /** secrets that may sign POST /api/v1/events (INGEST_SECRET, comma-separated); the route is off when empty */
    ingestSecrets?: string[];
    /** background work's pace (server/workers.ts); the defaults when absent */
    workers?: { reconcileEveryMs: number; reconcileAfterMs: number; outboxRetryBaseMs: number };
    /** the App Store's notifications and API (APPLE_*); the route is off when absent */
    apple?: AppleConfig | null;
    /** Google Play's notifications and API (GOOGLE_*); the route is off without its push settings */
    google?: GoogleConfig | null;
  };
}

/** How a procedure talks back to the transport about the session cookie. */
export interface SessionCookie {
  set: (token: string, expiresAt: Date) => void;
  clear: () => void;
}

export interface Context extends Deps {
  staff: StaffIdentity | null;
  sessionTokenHash: string | null;
  requestId: string;
  clientIp: string | null;
  cookie: SessionCookie;
}

const noCookie: SessionCookie = { set: () => {}, clear: () => {} };

// Built without HTTP so tests call procedures through createCaller.
export function createContextInner(
  deps: Deps,
  opts: Partial<Pick<Context, 'staff' | 'sessionTokenHash' | 'requestId' | 'clientIp' | 'cookie'>> = {},
): Context {
  // Object.assign, not `{ ...deps, staff, … }`: on Node 20 each key added after a spread costs
  // ~2 µs (a new hidden class every time), ~10 µs of every request here (docs/performance.md)
  return Object.assign({}, deps, {
    staff: opts.staff ?? null,
    sessionTokenHash: opts.sessionTokenHash ?? null,
    requestId: opts.requestId ?? crypto.randomUUID(),
    clientIp: opts.clientIp ?? null,
    cookie: opts.cookie ?? noCookie,
  });
}
