import { authRouter } from './auth/auth.router';
import { casesRouter } from './cases/cases.router';
import { healthRouter } from './health/health.router';
import { membersRouter, ordersRouter } from './orders/orders.router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  health: healthRouter,
  orders: ordersRouter,
  members: membersRouter,
  cases: casesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
