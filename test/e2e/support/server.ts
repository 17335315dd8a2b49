import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** The secret the browser tests' server accepts platform events with (POST /api/v1/events). */
export const E2E_INGEST_SECRET = 'e2e-ingest-secret';

/** A TCP port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  dbPath: string;
  port: number;
  /** a client build to serve instead of dist/client */
  clientDir?: string;
  timeoutMs?: number;
  /** more settings for the server (the App Store's, test/e2e/support/app-store.ts) */
  env?: Record<string, string>;
}

/** Starts the real server (`server/cli/start.ts`) on the given database and waits for /healthz. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/start.ts'], {
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      DB_PATH: opts.dbPath,
      ...(opts.clientDir ? { CLIENT_DIR: opts.clientDir } : {}),
      SKIP_CLIENT_BUILD: '1',
      INGEST_SECRET: E2E_INGEST_SECRET,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'debug',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const server: RunningServer = {
    baseUrl,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killTimer);
    },
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`the server did not answer /healthz within the time limit:\n${output}`);
}
