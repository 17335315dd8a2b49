import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/router';
import type { RefundPolicy } from '../../../shared/refund';

// What the settings screens receive, derived from the server's router (types only).
type Outputs = inferRouterOutputs<AppRouter>;

/** A policy's settings without its version number: what an admin edits and publishes. */
export type PolicySettings = Omit<RefundPolicy, 'version'>;

/** One published version; the server stores settings as JSON, validated when published. */
export type PolicyVersion = Omit<Outputs['policy']['history'][number], 'settings'> & { settings: PolicySettings };

export type CalendarDay = Outputs['policy']['calendar'][number];
export type CalendarKind = CalendarDay['kind'];

export type MessageTemplate = Outputs['templates']['list'][number];
export type TemplateLocale = MessageTemplate['locale'];
