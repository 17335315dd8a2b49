import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { requireSection } from './access';
import { ScreenLoader } from './components/full-page-loader';
import { NotFoundPage } from './components/not-found-page';
import { RouteErrorPage } from './components/route-error-page';
import { homePathFor } from './navigation';
import type { RouterContext } from './router-context';
import { validateOrderSearch } from './screens/orders/order-search-params';
import { AppLayout } from './shell/app-layout';

// Code-based routes. Every screen is lazy: its code is fetched on first visit, so the first
// download holds only the shell. Each section's routes are guarded by requireSection(), which
// reads NAV_BY_ROLE; a route a role may not use shows the no-access page.
//
// To add a screen: create client/screens/<name>/<name>-screen.tsx, add a route below with the
// section's guard, add it to routeTree, and add its strings in client/i18n/messages/.

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: AppLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    throw redirect({ to: homePathFor(context.staff.role), replace: true });
  },
});

const ordersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders',
  validateSearch: validateOrderSearch,
  beforeLoad: requireSection('orders'),
  component: lazyRouteComponent(() => import('./screens/orders/orders-screen'), 'OrdersScreen'),
});

const orderDetailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders/$orderNo',
  beforeLoad: requireSection('orders'),
  component: lazyRouteComponent(() => import('./screens/order-detail/order-detail-screen'), 'OrderDetailScreen'),
});

const casesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cases',
  beforeLoad: requireSection('cases'),
  component: lazyRouteComponent(() => import('./screens/cases/cases-screen'), 'CasesScreen'),
});

const caseDetailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cases/$caseNo',
  beforeLoad: requireSection('cases'),
  component: lazyRouteComponent(() => import('./screens/case-detail/case-detail-screen'), 'CaseDetailScreen'),
});

const approvalsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/approvals',
  beforeLoad: requireSection('approvals'),
  component: lazyRouteComponent(() => import('./screens/approvals/approvals-screen'), 'ApprovalsScreen'),
});

const commsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/comms',
  beforeLoad: requireSection('comms'),
  component: lazyRouteComponent(() => import('./screens/comms/comms-screen'), 'CommsScreen'),
});

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  beforeLoad: requireSection('audit'),
  component: lazyRouteComponent(() => import('./screens/audit/audit-screen'), 'AuditScreen'),
});

const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboard',
  beforeLoad: requireSection('dashboard'),
  component: lazyRouteComponent(() => import('./screens/dashboard/dashboard-screen'), 'DashboardScreen'),
});

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  beforeLoad: requireSection('settings'),
  component: lazyRouteComponent(() => import('./screens/settings/settings-screen'), 'SettingsScreen'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  ordersRoute,
  orderDetailRoute,
  casesRoute,
  caseDetailRoute,
  approvalsRoute,
  commsRoute,
  auditRoute,
  dashboardRoute,
  settingsRoute,
]);

/** A router for one signed-in session: a new sign-in gets a new router (and fresh guards). */
export function createConsoleRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    defaultPendingComponent: ScreenLoader,
    defaultPendingMs: 150,
    defaultErrorComponent: RouteErrorPage,
    defaultNotFoundComponent: NotFoundPage,
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

export type ConsoleRouter = ReturnType<typeof createConsoleRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: ConsoleRouter;
  }
}
