import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

// The client's address, the same for every route (tRPC context, uploads, exports): it goes to
// the audit trail and keys the sign-in throttle. X-Forwarded-For is a header anyone can send, so
// it is read only when the server is configured to sit behind a proxy (TRUST_PROXY, server/env.ts):
// - off (the default): the socket's peer address; X-Forwarded-For is ignored.
// - a number of hops n: every request comes through n proxies; the client is the address n hops
//   from this server in [socket, X-Forwarded-For read right to left].
// - a list of proxy addresses or CIDR blocks ('loopback' for 127.0.0.0/8 and ::1): walking the same
//   chain from the socket, each trusted proxy hands over to the address it saw; the first address
//   that is not a trusted proxy is the client. A socket that is not a trusted proxy is the client.
export type TrustProxy = { hops: number } | { proxies: BlockList; description: string };

/** Parses TRUST_PROXY: '' / 'false' / '0' → null (off); '2' → 2 hops; '10.0.0.1, 10.1.0.0/16, loopback' → a list. */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return null;
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const proxies = new BlockList();
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === 'loopback') {
      proxies.addSubnet('127.0.0.0', 8, 'ipv4');
      proxies.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0)
      throw new Error(`TRUST_PROXY: "${entry}" is not an address, a CIDR block, "loopback" or a number of hops`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) {
      proxies.addAddress(address, type);
    } else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUST_PROXY: "${entry}" has a bad prefix length`);
      proxies.addSubnet(address, prefix, type);
    }
  }
  return { proxies, description: text };
}

/** 1.2.3.4 for ::ffff:1.2.3.4 (how a dual-stack socket shows an IPv4 peer); null for anything not an IP. */
function normalise(address: string | undefined): string | null {
  const a = (address ?? '').trim();
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  if (isIP(v4) === 4) return v4;
  return isIP(a) === 6 ? a.toLowerCase() : null;
}

function trusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address for a request (see above); null only when the socket has none. */
export function clientAddress(req: IncomingMessage, trustProxy: TrustProxy | null | undefined): string | null {
  const peer = normalise(req.socket.remoteAddress);
  if (!trustProxy || peer === null) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  // [socket, then X-Forwarded-For from the right]: each entry was written by the hop after it
  const chain = [peer, ...forwarded.reverse().map(normalise)];
  let client = peer;
  for (let i = 1; i < chain.length; i++) {
    const handedOverBy = chain[i - 1]!;
    const mayHandOver = 'hops' in trustProxy ? i <= trustProxy.hops : handedOverBy !== null && trusted(trustProxy.proxies, handedOverBy);
    if (!mayHandOver) break;
    const next = chain[i];
    // a malformed entry is not an address: the last good one stands
    if (next === null || next === undefined) break;
    client = next;
  }
  return client;
}
