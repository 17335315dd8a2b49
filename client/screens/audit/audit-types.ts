import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/router';

// What the oversight procedures answer, as the client sees them (type-only).
type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type AuditEvent = Outputs['audit']['list']['items'][number];
export type AuditListInput = Inputs['audit']['list'];
export type HistoryEntityType = Inputs['audit']['history']['entityType'];
export type ChainVerdict = Outputs['audit']['verify'];
export type QaItem = Outputs['qa']['queue'][number];
export type QaResult = Outputs['qa']['results'][number];
