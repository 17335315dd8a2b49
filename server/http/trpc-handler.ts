import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import type { Context } from '../context';
import { log } from '../log';
import { appRouter } from '../router';
import { readLimitedBody } from './read-limited-body';

// tRPC's HTTP protocol (plain JSON, batching accepted) served straight from node:http.
// tRPC's own adapters convert every request to a fetch Request and back, which costs most of
// the time of a one-row lookup (docs/stack.md: ~1.8k req/s against ~9.8k calling procedures
// directly). This handler speaks the same wire format — `GET /trpc/a.b?input=…`,
// `POST /trpc/a.b` with a JSON body, `?batch=1` with comma-separated paths — and calls the
// procedures as createCaller does, so validation, middlewares and error formatting are tRPC's.

type AnyProcedure = ((opts: { ctx: Context; path: string; getRawInput: () => Promise<unknown>; type: string; signal: undefined; batchIndex: number }) => Promise<unknown>) & {
  _def: { type: 'query' | 'mutation' | 'subscription' };
};
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const config = appRouter._def._config;

// A body past the limit answers 413 (with Connection: close) after the rest is drained, never a
// connection reset before the answer (read-limited-body.ts).
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const body = await readLimitedBody(req, maxBytes);
  if (!body.ok) {
    throw new TRPCError({
      code: body.reason === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
      message: body.reason === 'too_large' ? `The request body is larger than ${maxBytes} bytes` : 'The request body was not received in full',
    });
  }
  return body.bytes.toString('utf8');
}

const msSince = (started: number) => Math.round((performance.now() - started) * 10) / 10;

function parseJson(text: string | null): unknown {
  if (text === null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'The request is not valid JSON' });
  }
}

export function createTrpcHandler(opts: {
  createContext: (req: IncomingMessage, res: ServerResponse) => Promise<Context>;
  maxBodyBytes: number;
  /** sent with every answer (the security headers) */
  headers: Record<string, string>;
  onError?: (e: TRPCError, path: string) => void;
}) {
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    const close = status === 413 ? { connection: 'close' } : undefined;
    res.writeHead(status, { ...opts.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), 'cache-control': 'no-store', ...close });
    res.end(json);
  };
  return async (req: IncomingMessage, res: ServerResponse, pathname: string, search: URLSearchParams) => {
    let decoded: string | null;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      decoded = null;
    }
    const paths = (decoded ?? '').split(',');
    const batch = search.get('batch') === '1';
    const errorOf = (error: TRPCError, path: string | undefined, ctx: Context | undefined, input?: unknown) => ({
      error: getErrorShape({ config, error, type: path && procedures[path] ? procedures[path]._def.type : 'unknown', path, input, ctx }),
    });
    let ctx: Context | undefined;
    let inputs: unknown[];
    try {
      if (decoded === null) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The procedure path is not valid percent-encoded UTF-8' });
      if (req.method !== 'GET' && req.method !== 'POST') throw new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `${req.method} is not supported` });
      if (!batch && paths.length > 1) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Several paths need ?batch=1' });
      const raw = req.method === 'GET' ? parseJson(search.get('input')) : parseJson(await readBody(req, opts.maxBodyBytes));
      if (batch && raw !== undefined && (typeof raw !== 'object' || raw === null)) throw new TRPCError({ code: 'BAD_REQUEST', message: 'A batch input is an object keyed by index' });
      inputs = batch ? paths.map((_, i) => (raw as Record<string, unknown> | undefined)?.[i]) : [raw];
      ctx = await opts.createContext(req, res);
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      const shape = errorOf(error, paths[0], ctx);
      return send(res, getHTTPStatusCodeFromError(error), batch ? paths.map(() => shape) : shape);
    }

    const results = await Promise.all(
      paths.map(async (path, i) => {
        const started = performance.now();
        const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
        try {
          if (!procedure) throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
          const wanted = procedure._def.type === 'query' ? 'GET' : 'POST';
          if (req.method !== wanted) throw new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `Use ${wanted} for ${path}` });
          const data = await procedure({ ctx: ctx!, path, getRawInput: async () => inputs[i], type: procedure._def.type, signal: undefined, batchIndex: i });
          log.debug('procedure', { path, status: 200, ms: msSince(started) });
          return { status: 200, body: { result: { data } } };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          opts.onError?.(error, path);
          const status = getHTTPStatusCodeFromError(error);
          log.debug('procedure', { path, status, ms: msSince(started) });
          return { status, body: errorOf(error, path, ctx, inputs[i]) };
        }
      }),
    );
    // split() returns at least one path, so there is at least one result
    const first = results[0]!;
    if (!batch) return send(res, first.status, first.body);
    const statuses = new Set(results.map((r) => r.status));
    send(res, statuses.size === 1 ? first.status : 207, results.map((r) => r.body));
  };
}
