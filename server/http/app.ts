import * as trpcExpress from '@trpc/server/adapters/express';
import express from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions';
import { createContextInner, type Deps } from '../context';
import { log } from '../log';
import { appRouter } from '../router';
import { parseCookies, sessionCookieHeader } from './cookies';
import { csrfGuard } from './csrf';
import { exportHandler } from './exports';

export interface AppOptions {
  deps: Deps;
  allowedOrigins: string[];
  clientDir?: string;
}

export function createApp({ deps, allowedOrigins, clientDir = resolve('dist/client') }: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: deps.config.cookieSecure,
    }),
  );

  app.use((req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      // the path only: query strings carry search input, which may be personal data
      log.debug('http', { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) });
    });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    try {
      await sql`select count(*) from staff`.execute(deps.db);
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });

  app.get('/export/:kind.csv', exportHandler(deps));

  app.use('/trpc', csrfGuard(allowedOrigins));
  app.use(
    '/trpc',
    trpcExpress.createExpressMiddleware({
      router: appRouter,
      maxBodySize: 8 * 1024 * 1024,
      async createContext({ req, res }) {
        const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
        const now = deps.now();
        const session = token ? await resolveSession(deps.db, token, now, deps.config.sessionIdleMinutes) : null;
        return createContextInner(deps, {
          staff: session?.staff ?? null,
          sessionTokenHash: session?.tokenHash ?? null,
          requestId: crypto.randomUUID(),
          clientIp: req.ip ?? null,
          cookie: {
            set: (value, expires) =>
              res.append('Set-Cookie', sessionCookieHeader(SESSION_COOKIE, value, { expires, secure: deps.config.cookieSecure })),
            clear: () =>
              res.append(
                'Set-Cookie',
                sessionCookieHeader(SESSION_COOKIE, '', { expires: new Date(0), secure: deps.config.cookieSecure }),
              ),
          },
        });
      },
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') log.error('procedure failed', { path, error: error.message });
      },
    }),
  );

  if (existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h', immutable: false }));
    app.get('/{*splat}', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(clientDir, 'index.html'));
    });
  }

  // Last resort: never a stack trace to the client.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    log.error('unhandled', { error: err instanceof Error ? err.message : String(err) });
    if (!res.headersSent) res.status(500).json({ error: { message: 'Something went wrong', data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } } });
  });
  return app;
}
