import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions';
import { createContextInner, type Context, type Deps } from '../context';
import { parseCookies, sessionCookieHeader } from './cookies';

function appendCookie(res: ServerResponse, value: string) {
  const prev = res.getHeader('set-cookie');
  res.setHeader('set-cookie', [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), value]);
}

// The procedure context of one HTTP request: the staff member behind the session cookie.
export async function requestContext(deps: Deps, req: IncomingMessage, res: ServerResponse): Promise<Context> {
  const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  const session = token ? await resolveSession(deps.db, token, deps.now(), deps.config.sessionIdleMinutes) : null;
  const secure = deps.config.cookieSecure;
  return createContextInner(deps, {
    staff: session?.staff ?? null,
    sessionTokenHash: session?.tokenHash ?? null,
    requestId: crypto.randomUUID(),
    clientIp: req.socket.remoteAddress ?? null,
    cookie: {
      set: (value, expires) => appendCookie(res, sessionCookieHeader(SESSION_COOKIE, value, { expires, secure })),
      clear: () => appendCookie(res, sessionCookieHeader(SESSION_COOKIE, '', { expires: new Date(0), secure })),
    },
  });
}
