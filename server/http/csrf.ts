import type { NextFunction, Request, Response } from 'express';

// Mutations are accepted only as JSON from the console's own origin. Browsers cannot send
// application/json cross-site without a CORS preflight (which we never grant), and a foreign
// Origin or Sec-Fetch-Site: cross-site is refused outright. Scripts (curl) send no Origin.
export function csrfGuard(allowedOrigins: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const own = `${req.protocol}://${req.get('host')}`;
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const foreignOrigin = origin !== undefined && origin !== own && !allowedOrigins.includes(origin);
    const contentType = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (foreignOrigin || site === 'cross-site') return refuse(res, 403, 'FORBIDDEN', 'Requests from another site are refused');
    if (contentType !== 'application/json') {
      return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send mutations as application/json');
    }
    next();
  };
}

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { message, code: status === 403 ? -32003 : -32015, data: { code, httpStatus: status } } });
}
