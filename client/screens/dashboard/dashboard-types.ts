import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/router';

export type DashboardSummary = inferRouterOutputs<AppRouter>['dashboard']['summary'];
export type Totals = DashboardSummary['totals'];
/** One row of a split: the key is a reason, channel, plan code, username or quote basis. */
export interface Bucket {
  key: string;
  count: number;
  amountFen: number;
}
export type DailyPoint = DashboardSummary['daily'][number];
