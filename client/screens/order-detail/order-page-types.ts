import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/router';

// The order page's data as the API sends it (type-only: no server code in the bundle).
export type OrderPage = inferRouterOutputs<AppRouter>['orders']['get'];
export type OrderDetail = OrderPage['order'];
export type OrderMember = OrderPage['member'];
export type UsageSummary = OrderPage['usage'];
export type UsageEvent = inferRouterOutputs<AppRouter>['orders']['usage']['items'][number];
export type UsageInput = inferRouterInputs<AppRouter>['orders']['usage'];
export type UsageKind = NonNullable<UsageInput['kind']>;

export const USAGE_KINDS: readonly UsageKind[] = ['login', 'playback', 'discount_use', 'perk_redemption'];

/** One colour per kind of usage event, the same in the chart, the log and the legend. */
export const USAGE_COLORS: Record<UsageKind, string> = {
  login: 'blue.6',
  playback: 'teal.6',
  discount_use: 'yellow.6',
  perk_redemption: 'grape.6',
};
