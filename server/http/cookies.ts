import type { ServerResponse } from 'node:http';

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const key = part.slice(0, i).trim();
    if (!key) continue;
    try {
      out[key] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // a malformed cookie is ignored rather than failing the request
    }
  }
  return out;
}

export function sessionCookieHeader(name: string, value: string, opts: { expires: Date; secure: boolean }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Expires=${opts.expires.toUTCString()}`];
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Adds a Set-Cookie header to those already on the response. */
export function appendSetCookie(res: ServerResponse, value: string): void {
  const prev = res.getHeader('set-cookie');
  res.setHeader('set-cookie', [...(Array.isArray(prev) ? prev : prev ? [String(prev)] : []), value]);
}
