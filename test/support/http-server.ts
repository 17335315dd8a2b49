import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../server/http/app';
import { cookieOf } from './cookie';
import type { TestWorld } from './test-db';

/** The real HTTP server on a test world's database, listening on a free port. */
export async function listenOn(world: TestWorld): Promise<{ server: Server; base: string }> {
  const server = createHttpServer({ deps: world.deps, allowedOrigins: [], clientDir: '/nonexistent' });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Signs in through the HTTP API and returns the session cookie to send with later requests. */
export async function sessionCookie(base: string, who: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: who.username, password: who.password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${who.username} failed: HTTP ${res.status}`);
  return cookieOf(res);
}
