import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../server/http/app';
import { precompressDir } from '../../server/http/precompress';
import { acceptedCodings } from '../../server/http/static-files';
import { createTestWorld, type TestWorld } from '../support/test-db';

// The built client as the server sends it: precompressed twins by Accept-Encoding, the caching
// headers, ranges and HEAD — on a real server over a small client directory of our own (raw
// node:http requests: fetch would decompress the body and hide what was sent).
let world: TestWorld;
let server: Server;
let port: number;
let dir: string;

const text = (seed: string, bytes: number) =>
  Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => `${seed}(${i % 97}); // line ${i}\n`).join('');
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/app-3f9a1c.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`;
const APP = text('render', 8000);
const STYLE = text('.row{color:red}', 4000);
const GZ_ONLY = text('onlyGzip', 3000);
const PLAIN_ONLY = text('neither', 3000);
const TINY = 'export const x = 1;\n';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
const decoded = (r: Raw) =>
  r.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(r.body)
    : r.headers['content-encoding'] === 'gzip'
      ? gunzipSync(r.body)
      : r.body;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refund-desk-static-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets/app-3f9a1c.js'), APP);
  writeFileSync(join(dir, 'assets/style-77aa01.css'), STYLE);
  writeFileSync(join(dir, 'assets/gz-only-1b2c3d.js'), GZ_ONLY);
  writeFileSync(join(dir, 'assets/plain-4e5f6a.js'), PLAIN_ONLY);
  writeFileSync(join(dir, 'assets/tiny-9d8c7b.js'), TINY);
  writeFileSync(join(dir, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(60)}</svg>`);
  await precompressDir(dir);
  unlinkSync(join(dir, 'assets/gz-only-1b2c3d.js.br'));
  unlinkSync(join(dir, 'assets/plain-4e5f6a.js.br'));
  unlinkSync(join(dir, 'assets/plain-4e5f6a.js.gz'));

  world = await createTestWorld();
  server = createHttpServer({ deps: world.deps, allowedOrigins: [], clientDir: dir });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await world.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressing the build', () => {
  it('writes .br and .gz beside text files of 1 kB or more that shrink, and leaves tiny files alone', () => {
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets/app-3f9a1c.js.br'))).toString()).toBe(APP);
    expect(gunzipSync(readFileSync(join(dir, 'assets/style-77aa01.css.gz'))).toString()).toBe(STYLE);
    expect(() => readFileSync(join(dir, 'assets/tiny-9d8c7b.js.br'))).toThrow();
    expect(() => readFileSync(join(dir, 'assets/tiny-9d8c7b.js.gz'))).toThrow();
  });
});

describe('serving the client', () => {
  it('prefers brotli, with the original type, Vary and a year of immutable caching for hashed assets', async () => {
    const r = await get('/assets/app-3f9a1c.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/^text\/javascript/);
    expect(r.headers.vary).toMatch(/Accept-Encoding/i);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(APP.length / 3);
    expect(decoded(r).toString()).toBe(APP);
    expect(r.headers['x-content-type-options']).toBe('nosniff'); // the security headers still apply
  });

  it('sends gzip to a browser that does not take brotli, or refuses it with q=0', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=0.8', 'deflate, x-gzip']) {
      const r = await get('/assets/style-77aa01.css', { 'accept-encoding': accept });
      expect(r.headers['content-encoding'], accept).toBe('gzip');
      expect(r.headers['content-type']).toMatch(/^text\/css/);
      expect(decoded(r).toString()).toBe(STYLE);
    }
  });

  it('sends the plain file when nothing compressed is accepted, still saying it varies', async () => {
    for (const headers of [{} as Record<string, string>, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }]) {
      const r = await get('/assets/app-3f9a1c.js', headers);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.headers.vary).toMatch(/Accept-Encoding/i);
      expect(r.body.toString()).toBe(APP);
    }
  });

  it('falls back to what exists: gzip when the .br is missing, the plain file when both are', async () => {
    const gz = await get('/assets/gz-only-1b2c3d.js', { 'accept-encoding': 'br, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz).toString()).toBe(GZ_ONLY);
    const plain = await get('/assets/plain-4e5f6a.js', { 'accept-encoding': 'br, gzip' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(PLAIN_ONLY);
    const tiny = await get('/assets/tiny-9d8c7b.js', { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe(TINY);
  });

  it('serves index.html compressed and no-cache, at / and for any route of the SPA', async () => {
    for (const path of ['/', '/index.html', '/orders/KM123?tab=usage', '/%2e%2e/%2e%2e/etc/passwd']) {
      const r = await get(path, { 'accept-encoding': 'br, gzip' });
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toMatch(/^text\/html/);
      expect(r.headers['cache-control'], path).toBe('no-cache');
      expect(r.headers['content-encoding'], path).toBe('br');
      expect(decoded(r).toString(), path).toBe(INDEX);
    }
  });

  it('caches a file that is not hashed for an hour', async () => {
    const r = await get('/favicon.svg', { 'accept-encoding': 'br' });
    expect(r.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(r.headers['cache-control']).toBe('public, max-age=3600');
    expect(decoded(r).toString()).toMatch(/^<svg/);
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    const head = await get('/assets/app-3f9a1c.js', { 'accept-encoding': 'br' }, 'HEAD');
    const full = await get('/assets/app-3f9a1c.js', { 'accept-encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.headers.etag).toBe(full.headers.etag);
  });

  it('answers a range from the bytes it sends: the plain file, or the brotli bytes', async () => {
    const plain = await get('/assets/app-3f9a1c.js', { range: 'bytes=10-29' });
    expect(plain.status).toBe(206);
    expect(plain.headers['content-range']).toBe(`bytes 10-29/${APP.length}`);
    expect(plain.body.toString()).toBe(APP.slice(10, 30));
    const br = await get('/assets/app-3f9a1c.js', { range: 'bytes=0-99', 'accept-encoding': 'br' });
    const brFile = readFileSync(join(dir, 'assets/app-3f9a1c.js.br'));
    expect(br.status).toBe(206);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-range']).toBe(`bytes 0-99/${brFile.length}`);
    expect(br.body.equals(brFile.subarray(0, 100))).toBe(true);
  });

  it('answers 304 to a revalidation with the ETag of the encoding it would send', async () => {
    const first = await get('/', { 'accept-encoding': 'br' });
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    const gz = await get('/', { 'accept-encoding': 'gzip' });
    expect(gz.headers.etag).not.toBe(first.headers.etag);
  });
});

describe('Accept-Encoding', () => {
  it('lists br then gzip as accepted, honouring q=0 and *', () => {
    expect(acceptedCodings(undefined)).toEqual([]);
    expect(acceptedCodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
    expect(acceptedCodings('br;q=0.1, gzip;q=1')).toEqual(['br', 'gzip']);
    expect(acceptedCodings('br;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedCodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedCodings('*;q=0, gzip')).toEqual(['gzip']);
    expect(acceptedCodings('identity')).toEqual([]);
    expect(acceptedCodings('BR')).toEqual(['br']);
  });
});
