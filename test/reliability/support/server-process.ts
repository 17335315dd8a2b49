import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../bench/server-process';

// The real server (server/cli/start.ts) as a child process that tests can kill -9 and restart.
// The entry and its packages are bundled once per test file with esbuild (a dependency of tsx
// and vite) into one file, so that a start does not load a thousand modules through tsx again:
// the same code, a start about twice as fast — it matters when a test restarts the server a
// dozen times. Packages with a native addon (NATIVE) stay outside: a .node file cannot be
// bundled. A bundle that fails is an error (the test fails and says why); it never falls back
// quietly. RELIABILITY_NO_BUNDLE=1 runs `node --import tsx server/cli/start.ts` instead, on purpose.
// RELIABILITY_SERVER_ENTRY points the tests at another copy of the server, e.g. a deliberately
// broken one, to see that they fail (they must).
const ENTRY = process.env.RELIABILITY_SERVER_ENTRY ?? 'server/cli/start.ts';
/** Packages that load a native addon (and, through a subpath, their platform packages). */
const NATIVE = ['better-sqlite3', '@node-rs/argon2', '@node-rs/argon2-*'];
let bundled: Promise<string | null> | null = null;

async function bundle(): Promise<string | null> {
  if (process.env.RELIABILITY_NO_BUNDLE === '1') return null;
  const { build } = await import('esbuild');
  let code: Uint8Array;
  try {
    const built = await build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: NATIVE,
      // the CommonJS packages inside an ES module bundle still call require()
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      write: false,
      logLevel: 'silent',
    });
    const [output] = built.outputFiles ?? [];
    if (!output) throw new Error('esbuild produced no server bundle');
    code = output.contents;
  } catch (error) {
    // esbuild's BuildFailure lists every error (file, line, text) in its message
    throw new Error(
      `could not bundle ${ENTRY} for the reliability tests (a package with a native addon missing from NATIVE in test/reliability/support/server-process.ts?):\n` +
        (error instanceof Error ? error.message : String(error)),
    );
  }
  // inside node_modules so that the bundle resolves the NATIVE packages; named by its content,
  // so parallel test files share one file and a changed server gets a new one
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
  const port = env.PORT ? Number(env.PORT) : await freePort(); // a port given: a peer (the fake platform) was told it already
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
  // start.ts prints this once its server listens (console.log: at every LOG_LEVEL)
  let listening: () => void = () => {};
  const listened = new Promise<void>((r) => (listening = r));
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString('utf8');
    if (out.includes('Refund Desk is running at')) listening();
  });
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
  // Wait for the server to listen or to die, whichever comes first (60 s only turns a hang
  // into an error message); then it must be healthy at once.
  let deadline: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    listened.then(() => 'listening' as const),
    exited.then(() => 'exited' as const),
    new Promise<'hung'>((r) => (deadline = setTimeout(() => r('hung'), 60_000))),
  ]);
  clearTimeout(deadline);
  if (outcome === 'exited') throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${out}`);
  if (outcome === 'hung') {
    await server.kill9();
    throw new Error(`server did not start listening in 60 s:\n${out}`);
  }
  const health = await fetch(`${url}/healthz`).then(
    (r) => `HTTP ${r.status}`,
    (e: unknown) => String(e),
  );
  if (health !== 'HTTP 200') {
    await server.kill9();
    throw new Error(`server listens but /healthz answered ${health}:\n${out}`);
  }
  return server;
}
