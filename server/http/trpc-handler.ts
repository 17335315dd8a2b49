import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import type { Context } from '../context';
import { DomainError } from '../errors';
import { log } from '../log';
import { appRouter } from '../router';
import { callProcedure, type ProcedureDef } from './call-procedure';
import { readLimitedBody } from './read-limited-body';

// tRPC's HTTP protocol (plain JSON, batching accepted) served straight from node:http.
// tRPC's own adapters convert every request to a fetch Request and back, which costs most of
// the time of a one-row lookup (docs/stack.md: ~1.8k req/s against ~9.8k calling procedures
// directly). This handler speaks the same wire format — `GET /trpc/a.b?input=…`,
// `POST /trpc/a.b` with a JSON body, `?batch=1` with comma-separated paths — and calls the
// procedures through their middlewares as createCaller does (call-procedure.ts), so validation,
// middlewares and error formatting are tRPC's.
//
// Batches are bounded (docs/security.md, "Batching"): at most MAX_BATCH calls, within a cost
// budget (a heavy procedure weighs HEAVY_COST, any other 1), never an auth.* mutation (sign-in,
// password change… go one per request, so each is throttled as one attempt), all refused as a
// whole before anything runs. The calls of a batch run one after another, yielding to the event
// loop between them, so a batch cannot hold the server; each call meets every limit on its own.

type AnyProcedure = {
  _def: ProcedureDef & { meta?: { cost?: 'heavy' }; experimental_caller?: boolean };
};
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
// callProcedure runs a procedure's middlewares as tRPC's caller does; a custom caller
// (experimental_caller) would be skipped by it, and none is used.
for (const [path, p] of Object.entries(procedures))
  if (p._def.experimental_caller) throw new Error(`${path}: experimental_caller is not supported by the tRPC handler`);
const config = appRouter._def._config;

export const MAX_BATCH = 10;
export const HEAVY_COST = 5;
export const BATCH_BUDGET = 10;

const costOf = (path: string) => (Object.hasOwn(procedures, path) && procedures[path]!._def.meta?.cost === 'heavy' ? HEAVY_COST : 1);

/** Why a batch is refused as a whole, before anything in it runs; null when it may run. */
function batchRefusal(paths: string[]): TRPCError | null {
  if (paths.length > MAX_BATCH)
    return new TRPCError({ code: 'BAD_REQUEST', message: `A batch may hold at most ${MAX_BATCH} calls; this one has ${paths.length}` });
  const account = paths.find((p) => p.startsWith('auth.') && Object.hasOwn(procedures, p) && procedures[p]!._def.type === 'mutation');
  if (account) return new TRPCError({ code: 'BAD_REQUEST', message: `${account} cannot be batched: send it on its own` });
  const cost = paths.reduce((sum, p) => sum + costOf(p), 0);
  if (cost > BATCH_BUDGET)
    return new TRPCError({
      code: 'BAD_REQUEST',
      message: `This batch asks for more work than one request may do (cost ${cost}, at most ${BATCH_BUDGET}); send heavy calls on their own`,
    });
  return null;
}

/** The Retry-After of a refusal (a DomainError with retryAfterSeconds), if any. */
function retryAfterOf(error: TRPCError): number | undefined {
  const seconds = error.cause instanceof DomainError ? error.cause.details?.retryAfterSeconds : undefined;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : undefined;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// A body past the limit answers 413 (with Connection: close) after the rest is drained, never a
// connection reset before the answer (read-limited-body.ts).
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const body = await readLimitedBody(req, maxBytes);
  if (!body.ok) {
    throw new TRPCError({
      code: body.reason === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
      message:
        body.reason === 'too_large' ? `The request body is larger than ${maxBytes} bytes` : 'The request body was not received in full',
    });
  }
  return body.bytes.toString('utf8');
}

// The error shape tRPC answers for a failed call (or a refused request: path undefined).
function errorOf(error: TRPCError, path: string | undefined, ctx: Context | undefined, input?: unknown) {
  return {
    error: getErrorShape({ config, error, type: path && procedures[path] ? procedures[path]._def.type : 'unknown', path, input, ctx }),
  };
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
  // every answer's headers but its length, worked out once
  const answerHeaders = { ...opts.headers, 'content-type': 'application/json', 'cache-control': 'no-store' };
  const send = (res: ServerResponse, status: number, body: unknown, retryAfter?: number) => {
    const json = JSON.stringify(body);
    // Object.assign: a key added after a spread costs ~2 µs on Node 20 (docs/performance.md)
    const headers: Record<string, string | number> = Object.assign({}, answerHeaders, { 'content-length': Buffer.byteLength(json) });
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    if (status === 413) headers.connection = 'close';
    res.writeHead(status, headers);
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
    let ctx: Context | undefined;
    let inputs: unknown[];
    try {
      if (decoded === null) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The procedure path is not valid percent-encoded UTF-8' });
      if (req.method !== 'GET' && req.method !== 'POST')
        throw new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `${req.method} is not supported` });
      if (!batch && paths.length > 1) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Several paths need ?batch=1' });
      const refusal = batch ? batchRefusal(paths) : null;
      if (refusal) {
        // one answer for the whole batch (tRPC's client gives it to every call)
        return send(res, getHTTPStatusCodeFromError(refusal), errorOf(refusal, undefined, undefined));
      }
      const raw = req.method === 'GET' ? parseJson(search.get('input')) : parseJson(await readBody(req, opts.maxBodyBytes));
      if (batch && raw !== undefined && (typeof raw !== 'object' || raw === null))
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'A batch input is an object keyed by index' });
      inputs = batch ? paths.map((_, i) => (raw as Record<string, unknown> | undefined)?.[i]) : [raw];
      ctx = await opts.createContext(req, res);
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      const shape = errorOf(error, paths[0], ctx);
      return send(res, getHTTPStatusCodeFromError(error), batch ? paths.map(() => shape) : shape);
    }

    const results: { status: number; body: unknown; retryAfter?: number }[] = [];
    for (const [i, path] of paths.entries()) {
      // let other requests (and /healthz) in between the calls of a batch
      if (i > 0) await nextTurn();
      const timed = log.enabled('debug');
      const started = timed ? performance.now() : 0;
      const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
      try {
        if (!procedure) throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
        const wanted = procedure._def.type === 'query' ? 'GET' : 'POST';
        if (req.method !== wanted) throw new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `Use ${wanted} for ${path}` });
        const data = await callProcedure(procedure._def, {
          ctx: ctx!,
          path,
          // a method, not an arrow in a property: tsx's keepNames would name it per call (~1 µs)
          getRawInput() {
            return Promise.resolve(inputs[i]);
          },
          type: procedure._def.type,
          signal: undefined,
          batchIndex: i,
        });
        if (timed) log.debug('procedure', { path, status: 200, ms: msSince(started) });
        results.push({ status: 200, body: { result: { data } } });
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        opts.onError?.(error, path);
        const status = getHTTPStatusCodeFromError(error);
        if (timed) log.debug('procedure', { path, status, ms: msSince(started) });
        results.push({ status, body: errorOf(error, path, ctx, inputs[i]), retryAfter: retryAfterOf(error) });
      }
    }
    // split() returns at least one path, so there is at least one result
    const first = results[0]!;
    const waits = results.flatMap((r) => (r.retryAfter === undefined ? [] : [r.retryAfter]));
    const retryAfter = waits.length ? Math.max(...waits) : undefined;
    if (!batch) return send(res, first.status, first.body, retryAfter);
    const statuses = new Set(results.map((r) => r.status));
    send(
      res,
      statuses.size === 1 ? first.status : 207,
      results.map((r) => r.body),
      retryAfter,
    );
  };
}
