import type { IncomingMessage } from 'node:http';
import { baseMimeType } from '../../shared/uploads';
import { DomainError } from '../errors';

// Mutations are accepted only as JSON from the console's own origin. Browsers cannot send
// application/json cross-site without a CORS preflight (which we never grant), and a foreign
// Origin or Sec-Fetch-Site: cross-site is refused outright. Scripts (curl) send no Origin.
export function csrfRefusal(req: IncomingMessage, allowedOrigins: string[], secure: boolean): DomainError | null {
  if (req.method === 'GET' || req.method === 'HEAD') return siblingReadRefusal(req, allowedOrigins);
  if (req.method === 'OPTIONS') return null;
  const crossSite = crossSiteRefusal(req, allowedOrigins, secure);
  if (crossSite) return crossSite;
  if (baseMimeType(req.headers['content-type']) !== 'application/json')
    return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send mutations as application/json');
  return null;
}

/** A refusal in tRPC's wire shape (with its JSON-RPC code), for the /trpc path. */
export function refusalBody(r: DomainError) {
  return JSON.stringify({
    error: { message: r.message, code: r.httpStatus === 403 ? -32003 : -32015, data: { code: r.code, httpStatus: r.httpStatus } },
  });
}

/** The origin half of the guard, for routes whose body is not JSON (file uploads). */
export function crossSiteRefusal(req: IncomingMessage, allowedOrigins: string[], secure: boolean): DomainError | null {
  const own = `${secure ? 'https' : 'http'}://${req.headers.host}`;
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const foreign = origin !== undefined && origin !== own && !allowedOrigins.includes(origin);
  if (foreign || site === 'cross-site') return new DomainError('FORBIDDEN', 'Requests from another site are refused');
  return null;
}

/**
 * Reads that carry data or leave an audit trail — GET /trpc queries, /export/*.csv, /uploads/:id —
 * are refused when the browser says they come from another site or from a sibling of ours
 * (`Sec-Fetch-Site: cross-site` / `same-site`: another port or subdomain of the same host). A
 * link, an <img> or a form there would otherwise make them in a signed-in reader's name.
 * `same-origin`, `none` (typed in the address bar, a bookmark) and no header (curl, old browsers)
 * pass; so does a CORS read from an origin listed in ALLOWED_ORIGINS.
 */
export function siblingReadRefusal(req: IncomingMessage, allowedOrigins: string[]): DomainError | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== 'same-site' && site !== 'cross-site') return null;
  const origin = req.headers.origin;
  if (origin !== undefined && allowedOrigins.includes(origin)) return null;
  return new DomainError('FORBIDDEN', 'Reads requested by another site or another port of this host are refused: open the console itself');
}
