import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/router';

// What the case procedures answer, as the client sees it (type-only: no server code is bundled).
type Outputs = inferRouterOutputs<AppRouter>;

export type CaseDetail = Outputs['cases']['get'];
export type CaseQuote = CaseDetail['quotes'][number];
export type CaseRefund = CaseDetail['refunds'][number];
export type CaseComm = CaseDetail['communications'][number];
export type CaseDecision = CaseDetail['decisions'][number];
export type CaseListItem = Outputs['cases']['list']['items'][number];
export type MessageTemplate = Outputs['templates']['list'][number];
