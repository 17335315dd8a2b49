import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { cookieOf } from '../support/cookie';
import type { IngestLoadResult, IngestLoadSpec } from './ingest-load';
import type { LoadResult, LoadSpec } from './load-generator';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The real server (`server/cli/start.ts`) as its own process on an existing database; `cwd`: the
 * server of another checkout (a before/after comparison of the bench's ingest phase).
 */
export function startServer(dbPath: string, port: number, extraEnv: Record<string, string> = {}, cwd?: string) {
  // SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR' profiles the server under the measured load.
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startProcess(
    'server/cli/start.ts',
    nodeArgs,
    port,
    '/healthz',
    {
      DB_PATH: resolve(dbPath),
      SKIP_CLIENT_BUILD: '1',
      LOG_LEVEL: 'warn',
      GATEWAY_LATENCY_MS: '0',
      ...extraEnv,
    },
    cwd,
  );
}

/** The floor (`test/bench/floor-server.ts`): the bare lookup as a process of its own, started the same way. */
export function startFloor(dbPath: string, port: number) {
  return startProcess('test/bench/floor-server.ts', [], port, '/?orderNo=', { DB_PATH: dbPath });
}

async function startProcess(
  script: string,
  nodeArgs: string[],
  port: number,
  readyPath: string,
  env: Record<string, string>,
  cwd?: string,
) {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}${readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not become ready in 30 s`);
}

/**
 * The CPU time (user + system, in seconds) a process has used so far, from /proc on Linux; null
 * elsewhere. Read around a load run, it gives the server's CPU per request: a figure a busy
 * machine disturbs far less than requests per second (another process's CPU is not counted).
 */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command name (which may hold spaces, inside parentheses)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username} failed: HTTP ${res.status}`);
  return cookieOf(res);
}

/** One load run from a process of its own (`test/bench/load-generator.ts`): never the bench's thread. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/load-generator.ts', JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      const result = JSON.parse(out.trim().split('\n').at(-1) ?? 'null') as LoadResult;
      if (result.non2xx > 0 || result.errors > 0)
        return reject(new Error(`${spec.mode} load on ${spec.url}: ${result.non2xx} non-2xx, ${result.errors} errors`));
      resolve(result);
    });
  });
}

/** The ingest phase's platform (`test/bench/ingest-load.ts`), a process of its own. */
export function runIngestLoad(spec: IngestLoadSpec): Promise<IngestLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/ingest-load.ts', JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`ingest load exited with ${code}`));
      const result = JSON.parse(out.trim().split('\n').at(-1) ?? 'null') as IngestLoadResult;
      if (result.refused > 0) return reject(new Error(`ingest load: ${result.refused} batches refused`));
      resolve(result);
    });
  });
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
