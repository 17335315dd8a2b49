import type { IncomingMessage } from 'node:http';

export type LimitedBody = { ok: true; bytes: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

/**
 * Reads a request body of at most `maxBytes`. A declared Content-Length over the limit is
 * refused before a byte is read; a body that grows past it stops being kept, and is drained
 * (up to a few times the limit, then the connection is cut) so the client still reads our 413.
 */
export function readLimitedBody(req: IncomingMessage, maxBytes: number): Promise<LimitedBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    drain(req, maxBytes * 4);
    return Promise.resolve({ ok: false, reason: 'too_large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      req.off('end', onEnd);
      chunks.length = 0;
      drain(req, maxBytes * 4);
      resolve({ ok: false, reason: 'too_large' });
    };
    const onEnd = () => resolve({ ok: true, bytes: Buffer.concat(chunks, size) });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('aborted', () => resolve({ ok: false, reason: 'aborted' }));
  });
}

/**
 * Discards the rest of a request body we refuse, so the client (still sending) reads our answer
 * instead of a reset; past `cap` bytes the connection is cut. The answer to such a request
 * carries `Connection: close`, so Node closes the socket once the answer is sent.
 */
export function drain(req: IncomingMessage, cap: number) {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > cap) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
}
