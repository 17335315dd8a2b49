import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions';
import { createContextInner, type Context, type Deps } from '../context';
import { clientAddress } from './client-address';
import { appendSetCookie, parseCookies, sessionCookieHeader } from './cookies';

// The procedure context of one HTTP request: the staff member behind the session cookie.
export async function requestContext(deps: Deps, req: IncomingMessage, res: ServerResponse): Promise<Context> {
  const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  const session = token
    ? await resolveSession(deps.db, token, deps.now(), deps.config.sessionIdleMinutes, deps.sessionReader ?? deps.reader)
    : null;
  const secure = deps.config.cookieSecure;
  // The session slid (at most once a minute): the cookie's Expires follows it.
  if (token && session?.slid) appendSetCookie(res, sessionCookieHeader(SESSION_COOKIE, token, { expires: session.expiresAt, secure }));
  return createContextInner(deps, {
    staff: session?.staff ?? null,
    sessionTokenHash: session?.tokenHash ?? null,
    requestId: crypto.randomUUID(),
    clientIp: clientAddress(req, deps.config.trustProxy),
    // Methods, not arrow functions in properties: the server runs under tsx, whose keepNames
    // names every such arrow with Object.defineProperty when it is created, ~1 µs each per
    // request (docs/performance.md, issue 17).
    cookie: {
      set(value, expires) {
        appendSetCookie(res, sessionCookieHeader(SESSION_COOKIE, value, { expires, secure }));
      },
      clear() {
        appendSetCookie(res, sessionCookieHeader(SESSION_COOKIE, '', { expires: new Date(0), secure }));
      },
    },
  });
}
