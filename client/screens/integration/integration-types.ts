import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/router';

export type IntegrationSummary = inferRouterOutputs<AppRouter>['integration']['summary'];
export type ParkedPage = inferRouterOutputs<AppRouter>['integration']['parked'];
export type ServiceHealth = IntegrationSummary['breakers'][number];
