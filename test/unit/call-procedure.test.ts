import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { z } from 'zod';
import type { Context, StaffIdentity } from '../../server/context';
import { DomainError } from '../../server/errors';
import { callProcedure, type ProcedureDef } from '../../server/http/call-procedure';
import { createCallerFactory, procedure, publicProcedure, router } from '../../server/trpc';

// server/http/call-procedure.ts runs a procedure's middlewares as tRPC's own caller does; every
// outcome here is compared with createCaller's on procedures built like the app's (the same
// error mapping, permission and input middlewares from server/trpc.ts).

const agent: StaffIdentity = { id: 7, username: 'agent7', displayName: 'Agent 7', role: 'agent', approvalLimitFen: 10_000 };
const ctxOf = (staff: StaffIdentity | null) => ({ staff, requestId: 'r-1', clientIp: null }) as unknown as Context;

const seen: unknown[] = [];
const testRouter = router({
  echo: procedure
    .meta({ allow: ['agent'] })
    .input(z.object({ q: z.string().trim().min(1), limit: z.number().int().default(50) }).strict())
    .query(({ ctx, input }) => ({ input, who: ctx.staff.username, request: ctx.requestId })),
  twoInputs: procedure
    .meta({ allow: ['agent'] })
    .input(z.object({ a: z.string() }))
    .input(z.object({ b: z.number().default(2) }))
    .query(({ input }) => input),
  // zod says parse() cannot run this one: call-procedure.ts falls back to parseAsync
  checkedLater: procedure
    .meta({ allow: ['agent'] })
    .input(z.object({ n: z.number() }).refine(async (v) => v.n > 0, { message: 'n must be positive' }))
    .query(({ input }) => input),
  refined: procedure
    .meta({ allow: ['agent'] })
    .input(z.object({ from: z.string(), to: z.string() }).refine((v) => v.from <= v.to, { message: 'from after to', path: ['from'] }))
    .query(({ input }) => input),
  refuses: procedure
    .meta({ allow: ['agent'] })
    .input(z.object({ n: z.number() }))
    .mutation(({ input }) => {
      throw new DomainError('CONFLICT', `Case ${input.n} changed meanwhile`, { details: { stale: true } });
    }),
  breaks: procedure.meta({ allow: ['agent'] }).query(() => {
    throw new Error('disk on fire');
  }),
  supervisorsOnly: procedure.meta({ allow: ['supervisor'] }).query(() => 'no'),
  undeclared: procedure.query(() => 'no'),
  open: publicProcedure.meta({ allow: 'public' }).query(({ ctx }) => ({ staff: ctx.staff })),
  overrides: publicProcedure
    .meta({ allow: 'public' })
    .use(({ next }) => next({ ctx: { requestId: 'overridden' } }))
    .use(({ ctx, next }) => {
      seen.push(ctx.requestId);
      return next({ getRawInput: async () => ({ x: 'from the middleware' }) });
    })
    .input(z.object({ x: z.string() }))
    .query(({ ctx, input }) => ({ requestId: ctx.requestId, input })),
  forgetsNext: publicProcedure
    .meta({ allow: 'public' })
    .use((async () => undefined) as never)
    .query(() => 'never'),
});

type Outcome = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; cause: unknown; class: string } };
const outcome = async (run: () => Promise<unknown>): Promise<Outcome> => {
  try {
    return { ok: true, data: await run() };
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const cause = e.cause;
    return {
      ok: false,
      error: {
        code: e.code,
        message: e.message,
        class: e.constructor.name,
        cause: cause instanceof DomainError ? { domain: cause.code, details: cause.details } : cause?.constructor.name,
      },
    };
  }
};

const procedures = testRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
const cases: [keyof typeof testRouter._def.procedures, StaffIdentity | null, unknown][] = [
  ['echo', agent, { q: '  KM1  ' }],
  ['echo', agent, { q: '' }],
  ['echo', agent, { q: 'x', extra: 1 }],
  ['echo', agent, 'not an object'],
  ['echo', null, { q: 'x' }],
  ['twoInputs', agent, { a: 'a' }],
  ['twoInputs', agent, { a: 1 }],
  ['checkedLater', agent, { n: 1 }],
  ['checkedLater', agent, { n: -1 }],
  ['checkedLater', agent, { n: 'x' }],
  ['refined', agent, { from: 'a', to: 'b' }],
  ['refined', agent, { from: 'b', to: 'a' }],
  ['refuses', agent, { n: 3 }],
  ['breaks', agent, undefined],
  ['supervisorsOnly', agent, undefined],
  ['undeclared', agent, undefined],
  ['open', null, undefined],
  ['overrides', null, { x: 'from the client' }],
  ['forgetsNext', null, undefined],
];

it.each(cases.map(([path, staff, input]) => [path, staff?.role ?? 'nobody', input, staff] as const))(
  '%s as %s with %j ends as it does through createCaller',
  async (path, _role, input, staff) => {
    const caller = createCallerFactory(testRouter)(ctxOf(staff)) as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    seen.length = 0;
    const viaTrpc = await outcome(() => caller[path]!(input));
    const seenViaTrpc = [...seen];
    seen.length = 0;
    const def = procedures[path]!._def;
    const direct = await outcome(() =>
      callProcedure(def, { ctx: ctxOf(staff), path, type: def.type, getRawInput: async () => input, signal: undefined, batchIndex: 0 }),
    );
    expect(direct).toEqual(viaTrpc);
    expect(seen).toEqual(seenViaTrpc);
  },
);

it('passes each middleware the options tRPC passes', async () => {
  const keys: string[][] = [];
  const r = router({
    p: publicProcedure
      .meta({ allow: 'public' })
      .use((opts) => {
        keys.push(Object.keys(opts).sort());
        return opts.next();
      })
      .query(() => 1),
  });
  await createCallerFactory(r)(ctxOf(null)).p();
  const def = (r._def.procedures as unknown as Record<string, { _def: ProcedureDef }>).p!._def;
  await callProcedure(def, {
    ctx: ctxOf(null),
    path: 'p',
    type: 'query',
    getRawInput: async () => undefined,
    signal: undefined,
    batchIndex: 0,
  });
  expect(keys).toHaveLength(2);
  expect(keys[1]).toEqual(keys[0]);
});

it('validates a zod input with parse, and with parseAsync only when the schema needs it', async () => {
  const plain = z.object({ n: z.number() });
  const later = z.object({ n: z.number() }).refine(async (v) => v.n > 0);
  const r = router({
    plain: publicProcedure
      .meta({ allow: 'public' })
      .input(plain)
      .query(({ input }) => input),
    later: publicProcedure
      .meta({ allow: 'public' })
      .input(later)
      .query(({ input }) => input),
  });
  const defs = r._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  const calls: string[] = [];
  for (const [name, schema] of [
    ['plain', plain],
    ['later', later],
  ] as const) {
    const { parse, parseAsync } = schema;
    schema.parse = ((v: unknown) => (calls.push(`${name}.parse`), parse.call(schema, v))) as typeof parse;
    schema.parseAsync = ((v: unknown) => (calls.push(`${name}.parseAsync`), parseAsync.call(schema, v))) as typeof parseAsync;
  }
  const call = (path: 'plain' | 'later') =>
    callProcedure(defs[path]!._def, {
      ctx: ctxOf(null),
      path,
      type: 'query',
      getRawInput: async () => ({ n: 1 }),
      signal: undefined,
      batchIndex: 0,
    });
  expect(await call('plain')).toEqual({ n: 1 });
  expect(await call('later')).toEqual({ n: 1 });
  expect(calls).toEqual(['plain.parse', 'later.parse', 'later.parseAsync']);
});
