import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy } from '../../server/http/client-address';
import { readEnv } from '../../server/env';

const req = (peer: string, xff?: string) =>
  ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('clientAddress (TRUST_PROXY)', () => {
  it('is the socket peer when off, whatever X-Forwarded-For claims', () => {
    for (const off of [undefined, '', 'false', '0'])
      expect(clientAddress(req('10.0.0.2', '1.2.3.4'), parseTrustProxy(off))).toBe('10.0.0.2');
    expect(clientAddress(req('::ffff:10.0.0.2'), null)).toBe('10.0.0.2');
  });

  it('counts hops from the socket through X-Forwarded-For, right to left', () => {
    const chain = req('10.0.0.2', '6.6.6.6, 198.51.100.1, 203.0.113.9');
    expect(clientAddress(chain, parseTrustProxy('1'))).toBe('203.0.113.9');
    expect(clientAddress(chain, parseTrustProxy('2'))).toBe('198.51.100.1');
    expect(clientAddress(req('10.0.0.2'), parseTrustProxy('1'))).toBe('10.0.0.2'); // no header: the peer
  });

  it('walks trusted proxies (addresses, CIDR blocks, loopback) and stops at the first untrusted address', () => {
    const proxies = parseTrustProxy('10.0.0.0/8, 192.0.2.7, loopback');
    expect(clientAddress(req('10.1.1.1', '6.6.6.6, 203.0.113.9, 192.0.2.7'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(req('127.0.0.1', '203.0.113.9'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(req('198.51.100.5', '203.0.113.9'), proxies)).toBe('198.51.100.5'); // not through a proxy: the header is anyone's
    expect(clientAddress(req('10.1.1.1', 'not-an-ip'), proxies)).toBe('10.1.1.1'); // garbage is no address
  });

  it('refuses a TRUST_PROXY it cannot read, at start', () => {
    expect(() => readEnv({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
    expect(() => readEnv({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
    expect(readEnv({}).TRUST_PROXY).toBeNull();
    expect(readEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toEqual({ hops: 1 });
  });
});
