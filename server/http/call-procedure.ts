import { TRPCError } from '@trpc/server';
import { getTRPCErrorFromUnknown, middlewareMarker } from '@trpc/server/unstable-core-do-not-import';
import { z } from 'zod';
import type { Context } from '../context';

// Calls a procedure through its middlewares exactly as tRPC's own caller does (`callRecursive`
// in @trpc/server 11: the same middlewares in the same order — error mapping, permission, heavy
// limit, input validation, the resolver —, the same options each receives, the same ctx merge
// when a middleware passes `next({ ctx })`, the same error wrapping), but copying with
// Object.assign. tRPC's build copies the call's options with a compiled `objectSpread2` helper
// (defineProperty per key) twice per middleware, and the context (a dozen keys) at each override:
// a tenth of an order lookup's time under load (docs/performance.md). Not `{ ...opts, meta }`
// either: on Node 20 every key added after a spread costs ~2 µs (a new hidden class each time),
// Object.assign ~0.2 µs for the whole copy. Nothing is skipped: test/unit/call-procedure.test.ts
// checks every outcome against tRPC's createCaller.

type MiddlewareResult = { ok: true; data: unknown; ctx?: unknown; marker: unknown } | { ok: false; error: unknown; marker: unknown };
type NextOpts = { ctx?: Record<string, unknown>; input?: unknown; getRawInput?: () => Promise<unknown> } | undefined;
interface CallOpts {
  ctx: Context;
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  getRawInput: () => Promise<unknown>;
  signal: AbortSignal | undefined;
  batchIndex: number;
  input?: unknown;
}
type Middleware = (opts: CallOpts & { meta: unknown; next: (o?: NextOpts) => Promise<MiddlewareResult> }) => Promise<MiddlewareResult>;
export interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  meta?: unknown;
  middlewares: Middleware[];
  inputs?: unknown[];
}

// For each middleware of a procedure: the zod schema when it is tRPC's input middleware for
// one (the n-th input middleware validates `inputs[n]`, as tRPC's builder concatenates both in
// the same order), else null: that middleware runs as it is.
const zodInputs = new WeakMap<ProcedureDef, (z.ZodType | null)[]>();
function zodInputsOf(def: ProcedureDef): (z.ZodType | null)[] {
  let found = zodInputs.get(def);
  if (found) return found;
  const isInput = (m: Middleware) => (m as { _type?: string })._type === 'input';
  const inputs = def.inputs ?? [];
  const count = def.middlewares.filter(isInput).length;
  let n = 0;
  found = def.middlewares.map((m) => {
    if (!isInput(m)) return null;
    const schema = inputs[n++];
    return count === inputs.length && schema instanceof z.ZodType ? schema : null;
  });
  zodInputs.set(def, found);
  return found;
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && !Array.isArray(value) && typeof value === 'object';

// tRPC's createInputMiddleware, with `parse` first.
async function validateInput(schema: z.ZodType, opts: CallOpts & { next: (o?: NextOpts) => Promise<MiddlewareResult> }) {
  const rawInput = await opts.getRawInput();
  let parsed: unknown;
  try {
    try {
      parsed = schema.parse(rawInput);
    } catch (error) {
      if (!(error instanceof z.core.$ZodAsyncError)) throw error;
      parsed = await schema.parseAsync(rawInput);
    }
  } catch (cause) {
    throw new TRPCError({ code: 'BAD_REQUEST', cause });
  }
  return opts.next({ input: isObject(opts.input) && isObject(parsed) ? { ...opts.input, ...parsed } : parsed });
}

async function callMiddleware(index: number, def: ProcedureDef, opts: CallOpts): Promise<MiddlewareResult> {
  try {
    const middleware = def.middlewares[index]!;
    const schema = zodInputsOf(def)[index];
    const options = Object.assign({}, opts, {
      meta: def.meta,
      input: opts.input,
      next(nextOpts: NextOpts) {
        return callMiddleware(
          index + 1,
          def,
          Object.assign({}, opts, {
            ctx: nextOpts?.ctx ? (Object.assign({}, opts.ctx, nextOpts.ctx) as Context) : opts.ctx,
            input: nextOpts && 'input' in nextOpts ? nextOpts.input : opts.input,
            getRawInput: nextOpts?.getRawInput ?? opts.getRawInput,
          }),
        );
      },
    });
    return await (schema ? validateInput(schema, options) : middleware(options));
  } catch (cause) {
    return { ok: false, error: getTRPCErrorFromUnknown(cause), marker: middlewareMarker };
  }
}

/** The procedure's result, or throws its TRPCError, as `procedure(opts)` (createCaller) would. */
export async function callProcedure(def: ProcedureDef, opts: Omit<CallOpts, 'input'>): Promise<unknown> {
  const result = await callMiddleware(0, def, opts);
  if (!result)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'No result from middlewares - did you forget to `return next()`?' });
  if (!result.ok) throw result.error;
  return result.data;
}
