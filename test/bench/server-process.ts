import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cookieOf } from '../support/cookie';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The real server (`server/cli/start.ts`) as its own process on an existing database. */
export async function startServer(dbPath: string, port: number, extraEnv: Record<string, string> = {}) {
  // SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' profiles the server under the measured load.
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/cli/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DB_PATH: dbPath,
      SKIP_CLIENT_BUILD: '1',
      LOG_LEVEL: 'warn',
      GATEWAY_LATENCY_MS: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become healthy in 30 s');
}

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: HTTP ${res.status}`);
  return cookieOf(res);
}

/**
 * The bench and load tools search by e-mail far past the PII lookup limit (30 distinct values in
 * 10 minutes per staff member; server/members/pii-lookups.ts): they raise it, a settings row, on
 * their own database for their runs. The searches are still audited lookups, as in production.
 */
export function raiseLookupLimit(dbPath: string, limit = 1_000_000) {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.prepare(
      "insert into settings (key, value) values ('pii_lookup_limit', ?) on conflict (key) do update set value = excluded.value",
    ).run(String(limit));
  } finally {
    db.close();
  }
}
