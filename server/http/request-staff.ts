import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import type { Role } from '../../shared/roles';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions';
import type { Deps, StaffIdentity } from '../context';
import { appendSetCookie, parseCookies, sessionCookieHeader } from './cookies';
import { refuse } from './send-error';

/** The staff member behind the request's session cookie, or null; the cookie's Expires follows a slide when `res` is given. */
export async function requestStaff(deps: Deps, req: IncomingMessage, res?: ServerResponse): Promise<StaffIdentity | null> {
  const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
  const session = token
    ? await resolveSession(deps.db, token, deps.now(), deps.config.sessionIdleMinutes, deps.sessionReader ?? deps.reader)
    : null;
  if (res && token && session?.slid) {
    appendSetCookie(res, sessionCookieHeader(SESSION_COOKIE, token, { expires: session.expiresAt, secure: deps.config.cookieSecure }));
  }
  return session?.staff ?? null;
}

/**
 * The same rule as tRPC's permission middleware, for plain express routes (exports, uploads):
 * no session → 401, a role outside `allow` → 403 with `refusal`; otherwise the staff member.
 */
export async function staffAllowed(
  deps: Deps,
  req: Request,
  res: Response,
  allow: readonly Role[],
  refusal: string,
): Promise<StaffIdentity | null> {
  const staff = await requestStaff(deps, req, res);
  if (!staff) {
    refuse(res, 'UNAUTHORIZED', 'Sign in first');
    return null;
  }
  if (!allow.includes(staff.role)) {
    refuse(res, 'FORBIDDEN', refusal);
    return null;
  }
  return staff;
}
