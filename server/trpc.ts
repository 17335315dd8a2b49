import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Role } from '../shared/roles';
import type { Context } from './context';
import { DomainError } from './errors';
import { acquireHeavy } from './heavy-limit';

// Every procedure declares who may call it: `.meta({ allow: [...] })`. A procedure without a
// declaration is denied to everyone (deny by default). The few public ones (sign-in, health)
// are built from publicProcedure and declare `allow: 'public'`; a test checks every declaration.
export interface Meta {
  allow?: readonly Role[] | 'public';
  /**
   * 'heavy': the procedure walks a whole table (audit.verify). Limited per staff member
   * (server/heavy-limit.ts) and weighs HEAVY_COST in a batch's budget (server/http/trpc-handler.ts).
   */
  cost?: 'heavy';
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof z.ZodError ? z.flattenError(error.cause) : null;
      return {
        ...shape,
        message: zodError ? invalidInputMessage(zodError) : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors: zodError?.fieldErrors,
          ...(error.cause instanceof DomainError ? error.cause.details : undefined),
          formErrors: zodError?.formErrors,
        },
      };
    },
  });

function invalidInputMessage(e: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> }): string {
  const fields = Object.entries(e.fieldErrors).map(([k, v]) => `${k}: ${(v ?? []).join(', ')}`);
  return ['Invalid input', ...e.formErrors, ...fields].join('; ');
}

// The one place a DomainError becomes a tRPC error: same code, same message, the cause kept
// for the server's log. Everything else thrown stays an internal error.
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? undefined : result.error.cause;
  if (cause instanceof DomainError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  return result;
});

const permission = t.middleware(async ({ meta, ctx, next }) => {
  const allow = meta?.allow;
  if (!ctx.staff) throw new DomainError('UNAUTHORIZED', 'Sign in first');
  if (!allow || allow === 'public' || !allow.includes(ctx.staff.role)) {
    throw new DomainError('FORBIDDEN', 'Your role may not do this');
  }
  // only what changes: tRPC merges it into the context (the type says staff is set from here on)
  return next({ ctx: { staff: ctx.staff } });
});

const heavyLimit = t.middleware(async ({ meta, ctx, next }) => {
  if (meta?.cost !== 'heavy' || !ctx.staff) return next();
  const release = acquireHeavy(ctx.db, ctx.staff.id, ctx.now().getTime());
  try {
    return await next();
  } finally {
    release();
  }
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** For signed-in staff: the permission middleware reads each procedure's `allow` (deny by default). */
export const procedure = t.procedure.use(domainErrors).use(permission).use(heavyLimit);
/** Only for sign-in, sign-out and health; such procedures still declare `allow: 'public'`. */
export const publicProcedure = t.procedure.use(domainErrors);
