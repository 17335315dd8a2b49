import { auditRouter } from './audit/audit.router';
import { authRouter } from './auth/auth.router';
import { casesRouter } from './cases/cases.router';
import { commsRouter } from './comms/comms.router';
import { templatesRouter } from './comms/templates.router';
import { healthRouter } from './health/health.router';
import { membersRouter } from './members/members.router';
import { ordersRouter } from './orders/orders.router';
import { policyRouter } from './policy/policy.router';
import { qaRouter } from './qa/qa.router';
import { dashboardRouter } from './dashboard/dashboard.router';
import { integrationRouter } from './integration/integration.router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  health: healthRouter,
  orders: ordersRouter,
  members: membersRouter,
  cases: casesRouter,
  policy: policyRouter,
  comms: commsRouter,
  templates: templatesRouter,
  audit: auditRouter,
  qa: qaRouter,
  dashboard: dashboardRouter,
  integration: integrationRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
