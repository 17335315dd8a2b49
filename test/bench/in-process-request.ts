import { IncomingMessage, ServerResponse } from 'node:http';
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
