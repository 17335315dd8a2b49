import type { IncomingMessage } from 'node:http';

// Mutations are accepted only as JSON from the console's own origin. Browsers cannot send
// application/json cross-site without a CORS preflight (which we never grant), and a foreign
// Origin or Sec-Fetch-Site: cross-site is refused outright. Scripts (curl) send no Origin.
export function csrfRefusal(req: IncomingMessage, allowedOrigins: string[], secure: boolean): { status: number; code: string; message: string } | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const crossSite = crossSiteRefusal(req, allowedOrigins, secure);
  if (crossSite) return crossSite;
  const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json') return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send mutations as application/json' };
  return null;
}

export function refusalBody(r: { status: number; code: string; message: string }) {
  return JSON.stringify({ error: { message: r.message, code: r.status === 403 ? -32003 : -32015, data: { code: r.code, httpStatus: r.status } } });
}

/** The origin half of the guard, for routes whose body is not JSON (file uploads). */
export function crossSiteRefusal(req: IncomingMessage, allowedOrigins: string[], secure: boolean): { status: number; code: string; message: string } | null {
  const own = `${secure ? 'https' : 'http'}://${req.headers.host}`;
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  const foreign = origin !== undefined && origin !== own && !allowedOrigins.includes(origin);
  if (foreign || site === 'cross-site') return { status: 403, code: 'FORBIDDEN', message: 'Requests from another site are refused' };
  return null;
}
