import { createBrowserHistory, createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { sectionScreen } from './access';
import { lazyScreen } from './lazy-screen';
import { ScreenLoader } from './components/full-page-loader';
import { NotFoundPage } from './components/not-found-page';
import { RouteErrorPage } from './components/route-error-page';
import { homePathFor } from './navigation';
import type { RouterContext } from './router-context';
import { validateCaseSearch } from './screens/cases/case-search-params';
import { validateCommsSearch } from './screens/comms/comms-search-params';
import { validateOrderSearch } from './screens/orders/order-search-params';
import { AppLayout } from './shell/app-layout';

// Code-based routes. Every screen is lazy: its code is fetched on first visit, so the first
// download holds only the shell. Each screen is wrapped in sectionScreen(<nav item>, …), which
// reads NAV_BY_ROLE: a route the role may not use shows the no-access page.
//
// To add a screen: create client/screens/<name>/<name>-screen.tsx, add a route below whose
// component is sectionScreen('<nav item>', lazyScreen(() => import(…), '<Export>')),
// add it to routeTree, and put its strings in client/i18n/messages/<area>.ts (listed in
// client/i18n/screen-messages.ts).

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
  component: sectionScreen(
    'orders',
    lazyScreen(() => import('./screens/orders/orders-screen'), 'OrdersScreen'),
  ),
});

const orderDetailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders/$orderNo',
  component: sectionScreen(
    'orders',
    lazyScreen(() => import('./screens/order-detail/order-detail-screen'), 'OrderDetailScreen'),
  ),
});

const casesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cases',
  validateSearch: validateCaseSearch,
  component: sectionScreen(
    'cases',
    lazyScreen(() => import('./screens/cases/cases-screen'), 'CasesScreen'),
  ),
});

const caseDetailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cases/$caseNo',
  component: sectionScreen(
    'cases',
    lazyScreen(() => import('./screens/case-detail/case-detail-screen'), 'CaseDetailScreen'),
  ),
});

const approvalsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/approvals',
  component: sectionScreen(
    'approvals',
    lazyScreen(() => import('./screens/approvals/approvals-screen'), 'ApprovalsScreen'),
  ),
});

const commsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/comms',
  validateSearch: validateCommsSearch,
  component: sectionScreen(
    'comms',
    lazyScreen(() => import('./screens/comms/comms-screen'), 'CommsScreen'),
  ),
});

const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  component: sectionScreen(
    'audit',
    lazyScreen(() => import('./screens/audit/audit-screen'), 'AuditScreen'),
  ),
});

const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dashboard',
  component: sectionScreen(
    'dashboard',
    lazyScreen(() => import('./screens/dashboard/dashboard-screen'), 'DashboardScreen'),
  ),
});

const integrationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/integration',
  component: sectionScreen(
    'integration',
    lazyScreen(() => import('./screens/integration/integration-screen'), 'IntegrationScreen'),
  ),
});

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/settings',
  component: sectionScreen(
    'settings',
    lazyScreen(() => import('./screens/settings/settings-screen'), 'SettingsScreen'),
  ),
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
  integrationRoute,
  settingsRoute,
]);

/** The page's one browser history, shared by the routers of successive sessions. */
export const consoleHistory = createBrowserHistory();

/** A router for one signed-in session: a new sign-in starts from a clean router. */
export function createConsoleRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    history: consoleHistory,
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
