import type { Page } from 'playwright-core';

// The bytes a page actually receives, as Chromium counts them (CDP Network.loadingFinished
// encodedDataLength: the response as it came over the wire — compressed body plus headers),
// grouped by what they are. Each request belongs to the phase that was current when it started,
// so "from pressing sign in to the rows" counts what that step fetched, however late it finishes.

export type Kind = 'html' | 'js' | 'css' | 'strings' | 'api' | 'other';

interface Seen {
  url: string;
  kind: Kind;
  phase: string;
  encoding: string | null;
  bytes: number | null;
  failed: boolean;
}

export interface Transferred {
  /** 1 kB = 1000 bytes. */
  totalKb: number;
  bytes: number;
  requests: number;
  byKindKb: Record<Kind, number>;
  /** Each JS and CSS file: its path, the bytes received and its Content-Encoding. */
  files: { path: string; kind: Kind; bytes: number; encoding: string | null }[];
}

const kb = (bytes: number) => Math.round(bytes / 100) / 10;

function kindOf(url: URL, type: string | undefined): Kind {
  if (url.pathname.startsWith('/trpc/')) return 'api';
  if (type === 'Document') return 'html';
  if (type === 'Script' || url.pathname.endsWith('.js')) return /messages/i.test(url.pathname) ? 'strings' : 'js';
  if (type === 'Stylesheet' || url.pathname.endsWith('.css')) return 'css';
  return 'other';
}

function headerOf(headers: Record<string, unknown>, name: string): string | null {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return String(value);
  return null;
}

export async function trackTransfers(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Seen>();
  let phase = 'start';
  let lastStartedAt = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    const url = new URL(e.request.url);
    if (!url.protocol.startsWith('http') || seen.has(e.requestId)) return;
    lastStartedAt = Date.now();
    seen.set(e.requestId, { url: e.request.url, kind: kindOf(url, e.type), phase, encoding: null, bytes: null, failed: false });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.encoding = headerOf(e.response.headers, 'content-encoding');
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.failed = true;
  });

  const of = (p: string) => [...seen.values()].filter((r) => r.phase === p);
  return {
    /** Requests that start from now on belong to `name`. */
    phase(name: string) {
      phase = name;
    },
    /**
     * Waits until every request of the phase has finished (or failed) — and, with `quietMs`, until
     * no request has started for that long (a download that leads to the next one) — then sums
     * it up.
     */
    async summary(name: string, { timeoutMs = 15_000, quietMs = 0 } = {}): Promise<Transferred> {
      const until = Date.now() + timeoutMs;
      while (of(name).some((r) => r.bytes === null && !r.failed) || Date.now() - lastStartedAt < quietMs) {
        if (Date.now() > until) throw new Error(`requests of "${name}" still running after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const done = of(name).filter((r) => r.bytes !== null);
      const byKind: Record<Kind, number> = { html: 0, js: 0, css: 0, strings: 0, api: 0, other: 0 };
      for (const r of done) byKind[r.kind] += r.bytes ?? 0;
      const bytes = done.reduce((s, r) => s + (r.bytes ?? 0), 0);
      return {
        totalKb: kb(bytes),
        bytes,
        requests: done.length,
        byKindKb: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, kb(v)])) as Record<Kind, number>,
        files: done
          .filter((r) => r.kind === 'js' || r.kind === 'css' || r.kind === 'strings' || r.kind === 'html')
          .map((r) => ({ path: new URL(r.url).pathname, kind: r.kind, bytes: r.bytes ?? 0, encoding: r.encoding })),
      };
    },
    async stop() {
      await cdp.detach().catch(() => {});
    },
  };
}
