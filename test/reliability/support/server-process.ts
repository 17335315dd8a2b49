import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../bench/server-process';

// The real server (server/cli/start.ts) as a child process that tests can kill -9 and restart.
// The entry and its packages are bundled once per test file with esbuild (a dependency of tsx
// and vite) into one file, so that a start does not load a thousand modules through tsx again:
// the same code, a start about twice as fast — it matters when a test restarts the server a
// dozen times. Only better-sqlite3 (native) stays outside. Without esbuild it falls back to
// `node --import tsx server/cli/start.ts`.
// RELIABILITY_SERVER_ENTRY points the tests at another copy of the server, e.g. a deliberately
// broken one, to see that they fail (they must).
const ENTRY = process.env.RELIABILITY_SERVER_ENTRY ?? 'server/cli/start.ts';
let bundled: Promise<string | null> | null = null;

async function bundle(): Promise<string | null> {
  try {
    const { build } = await import('esbuild');
    const built = await build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3'],
      // the CommonJS packages inside an ES module bundle still call require()
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      write: false,
      logLevel: 'error',
    });
    const [output] = built.outputFiles ?? [];
    if (!output) throw new Error('esbuild produced no server bundle');
    const code = output.contents;
    // inside node_modules so that the bundle resolves better-sqlite3; named by its content, so
    // parallel test files share one file and a changed server gets a new one
    const dir = resolve('node_modules/.cache/refund-desk-reliability');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, code);
      renameSync(partial, file);
    }
    for (const old of readdirSync(dir)) {
      const path = join(dir, old);
      try {
        if (path !== file && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
      } catch {
        // another test file pruned it first
      }
    }
    return file;
  } catch {
    return null;
  }
}

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** everything the process wrote to stdout and stderr so far */
  output: () => string;
  /** SIGKILL: no shutdown handler runs, the process dies mid-whatever */
  kill9: () => Promise<void>;
  /** SIGTERM and wait for the exit (graceful shutdown) */
  stop: () => Promise<void>;
}

export async function startServer(dbPath: string, env: Record<string, string> = {}): Promise<RunningServer> {
  bundled ??= bundle();
  const entry = await bundled;
  const port = await freePort();
  const args = entry ? [entry] : ['--import', 'tsx', ENTRY];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DB_PATH: dbPath,
      SKIP_CLIENT_BUILD: '1',
      CLIENT_DIR: 'test/reliability/no-client',
      LOG_LEVEL: 'warn',
      // a gateway that answers at once, never declines and never loses an answer
      GATEWAY_LATENCY_MS: '0',
      GATEWAY_FAILURE_RATE: '0',
      GATEWAY_TIMEOUT_RATE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString('utf8')));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString('utf8')));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    port,
    child,
    output: () => out,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${out}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return server;
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.kill9();
  throw new Error(`server did not become healthy in 60 s:\n${out}`);
}
