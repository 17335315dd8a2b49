import type { NextFunction, Request, Response } from 'express';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { COMPRESSIBLE } from './precompress';

// The built SPA (dist/client): files as they are, or their `.br` / `.gz` twin written at build
// time (server/http/precompress.ts) when the browser accepts it — brotli first. Any other GET
// is the SPA's own route and gets index.html.
//
// - `/assets/*` are named by their content hash (Vite): cached for a year, immutable.
// - index.html (and the SPA fallback) is `no-cache`: revalidated on every visit (ETag), so a new
//   build is picked up at once.
// - other files (favicon.svg) for an hour.
// Ranges, HEAD and conditional requests are `send`'s (through res.sendFile), on the bytes sent:
// a range of a brotli answer is a range of the brotli bytes, as HTTP defines it.

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HOUR = 'public, max-age=3600';

type Coding = 'br' | 'gzip';
const SUFFIX: Record<Coding, string> = { br: '.br', gzip: '.gz' };

/** The codings the request accepts, best first: br, then gzip (a q of 0 refuses one; `*` stands for those not named). */
export function acceptedCodings(header: string | undefined): Coding[] {
  if (!header) return [];
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (name) q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (c: string) => q.get(c) ?? (c === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  return (['br', 'gzip'] as const).filter((c) => weight(c) > 0);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The file of `dir` a URL path names, or null (outside the directory, a dotfile, malformed). */
function fileOf(root: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.split('/').some((segment) => segment.startsWith('.'))) return null;
  const file = resolve(root, `.${pathname}`);
  return file.startsWith(root + sep) ? file : null;
}

export function clientFiles(clientDir: string) {
  const root = resolve(clientDir);
  const index = join(root, 'index.html');

  async function send(req: Request, res: Response, next: NextFunction, file: string, cacheControl: string) {
    const ext = extname(file);
    let sent = file;
    if (COMPRESSIBLE.has(ext)) {
      res.vary('Accept-Encoding');
      for (const coding of acceptedCodings(req.headers['accept-encoding'])) {
        if (await isFile(file + SUFFIX[coding])) {
          sent = file + SUFFIX[coding];
          res.setHeader('Content-Encoding', coding);
          break;
        }
      }
    }
    res.type(ext); // the original's type, not the .br's (send keeps a Content-Type already set)
    res.setHeader('Cache-Control', cacheControl);
    res.sendFile(sent, { cacheControl: false, dotfiles: 'allow' }, (error?: NodeJS.ErrnoException) => {
      if (!error || res.headersSent) return;
      // Gone between the look and the send (a build replacing files): let the next handler answer.
      res.removeHeader('Content-Encoding');
      next(error.code === 'ENOENT' ? undefined : error);
    });
  }

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // a malformed address is the client's error (400 from send-error), never the SPA's page
    try {
      decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch (error) {
      return next(error instanceof URIError ? error : new URIError('malformed address'));
    }
    const file = fileOf(root, req.url);
    void (async () => {
      if (file && file !== index && (await isFile(file))) {
        return send(req, res, next, file, req.path.startsWith('/assets/') ? IMMUTABLE : HOUR);
      }
      return send(req, res, next, index, 'no-cache');
    })().catch(next);
  };
}
