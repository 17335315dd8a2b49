import { authRouter } from './auth/auth.router';
import { healthRouter } from './health/health.router';
import { membersRouter, ordersRouter } from './orders/orders.router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  health: healthRouter,
  orders: ordersRouter,
  members: membersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
