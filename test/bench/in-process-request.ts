import { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { Duplex } from 'node:stream';

/** A server's request listener, as `http.createServer` would call it. */
export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A GET through the server's own request listener, in this process: a real IncomingMessage and
 * ServerResponse over a socket that discards what is written, so what is measured is the
 * server's work for the request and not the network's (test/bench/request-path-ab.ts,
 * pg-request-path.ts). Resolves with the status once the answer is finished.
 */
export function inProcessGet(listener: Listener, cookie: string, url: string): Promise<number> {
  const socket = new Duplex({
    read() {},
    write: (_chunk, _encoding, done) => done(),
    writev: (_chunks, done) => done(),
  });
  Object.assign(socket, { remoteAddress: '127.0.0.1', encrypted: false });
  const req = new IncomingMessage(socket as never);
  req.method = 'GET';
  req.url = url;
  req.headers = { host: '127.0.0.1:3000', cookie, accept: '*/*' };
  req.push(null);
  const res = new ServerResponse(req);
  res.assignSocket(socket as never);
  return new Promise((done) => {
    res.on('finish', () => done(res.statusCode));
    listener(req, res);
  });
}

/**
 * The server of the checkout in `dir`, built in this process as `npm start` builds it, with the
 * environment `env` adds (DB_PATH, DATABASE_URL) and a session of agent1's: its request listener
 * and the cookie to call it with. The A/B tools load two checkouts side by side this way.
 */
export async function loadCheckout(dir: string, env: Record<string, string>): Promise<{ listener: Listener; cookie: string }> {
  const { readEnv } = await import(`${resolve(dir)}/server/env.ts`);
  const { createDeps } = await import(`${resolve(dir)}/server/deps.ts`);
  const { createHttpServer } = await import(`${resolve(dir)}/server/http/app.ts`);
  const { createSession } = await import(`${resolve(dir)}/server/auth/sessions.ts`);
  const { setLogLevel } = await import(`${resolve(dir)}/server/log.ts`);
  setLogLevel('warn');
  const { deps } = createDeps(readEnv({ ...process.env, ...env, LOG_LEVEL: 'warn' }));
  const staff = await deps.db.selectFrom('staff').select('id').where('username', '=', 'agent1').executeTakeFirstOrThrow();
  const { token } = await createSession(deps.db, staff.id, new Date(), 120);
  const server = createHttpServer({ deps, allowedOrigins: [], clientDir: '/nonexistent' });
  return { listener: server.listeners('request')[0] as Listener, cookie: `rd_session=${token}` };
}
