import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { readBody } from './fake-service-kit';

// What the fake store APIs (fake-app-store.ts, fake-play-api.ts) share: the server half — an HTTP
// server on a free port that prints `{"port": N}` first and stops on SIGTERM — and the test half
// that starts one in a process of its own and stops it.

/** Answers with a JSON body, or with none when `body` is undefined. */
export type Answer = (status: number, body?: unknown) => void;

/** Serves `handle` on 127.0.0.1 (a free port); the request's URL is absolute, at this server. */
export function serveFakeStore(handle: (req: IncomingMessage, url: URL, body: Buffer, answer: Answer) => Promise<void>): void {
  let port = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const answer: Answer = (status, json) => {
        if (json === undefined) res.writeHead(status);
        else res.writeHead(status, { 'content-type': 'application/json' });
        res.end(json === undefined ? undefined : JSON.stringify(json));
      };
      await handle(req, new URL(req.url ?? '/', `http://127.0.0.1:${port}`), body, answer);
    })();
  });
  server.listen(0, '127.0.0.1', () => {
    port = (server.address() as AddressInfo).port;
    console.log(JSON.stringify({ port }));
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

/** Runs `script` with `args` in a process of its own; resolves once it listens. */
export async function startFakeStoreProcess(
  script: string,
  args: string[],
  name: string,
): Promise<{ base: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the fake ${name} exited (${code}) before listening`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
