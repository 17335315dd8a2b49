import express from 'express';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import type { Deps } from '../context';
import { log } from '../log';
import { csrfRefusal, refusalBody, siblingReadRefusal } from './csrf';
import { drain } from './read-limited-body';
import { exportHandler } from './exports';
import { refuse, sendError } from './send-error';
import { securityHeaderRecord, securityHeaders } from './security-headers';
import { clientFiles } from './static-files';
import { createTrpcHandler } from './trpc-handler';
import { requestContext } from './request-context';
import { receiveUpload } from '../uploads/receive-upload';
import { serveUpload } from '../uploads/serve-upload';
import { ingestEvents } from '../integration/ingest-route';
import { appleNotifications } from '../stores/apple-route';

/** The largest JSON body a tRPC call may send. */
export const MAX_TRPC_BODY_BYTES = 8 * 1024 * 1024;
/** Routes that read no body (health, exports, downloads, the SPA) refuse a declared one past this. */
const MAX_OTHER_BODY_BYTES = 64 * 1024;

export interface AppOptions {
  deps: Deps;
  allowedOrigins: string[];
  clientDir?: string;
}

// The HTTP server: `/trpc/*` goes straight to the tRPC handler (the hot path, no express in
// between), everything else — the SPA, /healthz, CSV exports, uploads — to a small express
// app. Both get the same security headers (the hot path as one precomputed record).
export function createHttpServer({ deps, allowedOrigins, clientDir = resolve('dist/client') }: AppOptions): Server {
  const headers = securityHeaders(deps.config.cookieSecure);
  const apiHeaders = securityHeaderRecord(deps.config.cookieSecure);
  const trpc = createTrpcHandler({
    headers: apiHeaders,
    createContext: (req, res) => requestContext(deps, req, res),
    maxBodyBytes: MAX_TRPC_BODY_BYTES,
    onError: (error, path) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') log.error('procedure failed', { path, error: error.message });
    },
  });
  const app = createExpressApp(deps, clientDir, allowedOrigins);

  return createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/trpc/')) return headers(req, res, () => app(req, res));
    const refusal = csrfRefusal(req, allowedOrigins, deps.config.cookieSecure);
    if (refusal) {
      res.writeHead(refusal.httpStatus, { ...apiHeaders, 'content-type': 'application/json' });
      return res.end(refusalBody(refusal));
    }
    const q = url.indexOf('?');
    const pathname = url.slice('/trpc/'.length, q < 0 ? undefined : q);
    trpc(req, res, pathname, new URLSearchParams(q < 0 ? '' : url.slice(q + 1))).catch((error: unknown) => {
      log.error('trpc handler failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) res.writeHead(500, { ...apiHeaders, 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Something went wrong', data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } } }));
    });
  });
}

function createExpressApp(deps: Deps, clientDir: string, allowedOrigins: string[]) {
  const app = express();
  app.disable('x-powered-by');
  // The client's address comes from clientAddress() (TRUST_PROXY), never from express's req.ip.
  app.set('trust proxy', false);
  // Platform events (docs/integration.md §1): before the body limit below, it reads its own (1 MiB).
  app.post('/api/v1/events', ingestEvents(deps));
  // App Store Server Notifications V2 (docs/integration.md §6): reads its own body (256 KiB).
  app.post('/api/v1/stores/apple/notifications', appleNotifications(deps));

  // A body no route here reads, declared past the limit: 413 (JSON, Connection: close) while the
  // rest is drained, as tRPC and uploads answer theirs (read-limited-body.ts). POST /uploads
  // measures its own.
  app.use((req, res, next) => {
    if (req.method === 'POST' && req.path === '/uploads') return next();
    const declared = Number(req.headers['content-length']);
    if (!(declared > MAX_OTHER_BODY_BYTES)) return next();
    drain(req, 4 * MAX_TRPC_BODY_BYTES);
    refuse(res, 'PAYLOAD_TOO_LARGE', `This address takes no request body larger than ${MAX_OTHER_BODY_BYTES} bytes`);
  });
  // Exports and downloads are reads a sibling page must not make in a signed-in reader's name (csrf.ts).
  const siblingGuard = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const refusal = siblingReadRefusal(req, allowedOrigins);
    return refusal ? sendError(res, refusal) : next();
  };

  app.get('/healthz', async (_req, res) => {
    try {
      await sql`select count(*) from staff`.execute(deps.db);
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });
  app.get('/export/:kind.csv', siblingGuard, exportHandler(deps));
  app.post('/uploads', receiveUpload(deps, allowedOrigins));
  app.get('/uploads/:id', siblingGuard, serveUpload(deps));

  // The SPA: precompressed files by Accept-Encoding, index.html for any other GET (static-files.ts).
  if (existsSync(join(clientDir, 'index.html'))) app.use(clientFiles(clientDir));

  // Anything else: a JSON 404, not express's HTML page.
  app.use((_req: express.Request, res: express.Response) => refuse(res, 'NOT_FOUND', 'Nothing here: check the address'));
  // Last resort: never a stack trace to the client.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => sendError(res, err));
  return app;
}
