import type { HistoryEntityType } from './audit-types';
import { oneOf, text } from '../../lib/url-search';

// The audit screen's state lives in the URL, so a view of the log (or a case's history) can be
// bookmarked and shared. `?entityType=case&entityId=RC…` opens that history directly (links
// from other screens use it). The log's own filters use other names (type, id) so they never
// collide with the history's entity.

export const AUDIT_TABS = ['log', 'history', 'qa'] as const;
export type AuditTab = (typeof AUDIT_TABS)[number];

export const HISTORY_ENTITY_TYPES = [
  'case',
  'order',
  'member',
  'refund',
  'policy',
  'staff',
] as const satisfies readonly HistoryEntityType[];

export const QA_VIEWS = ['queue', 'reviewed'] as const;
export type QaView = (typeof QA_VIEWS)[number];

export interface LogFilters {
  actor?: string;
  action?: string;
  /** entity type */
  type?: string;
  /** entity id */
  id?: string;
  /** local dates YYYY-MM-DD (Beijing) */
  from?: string;
  to?: string;
}

export interface AuditSearch extends LogFilters {
  tab: AuditTab;
  entityType?: HistoryEntityType;
  entityId?: string;
  qa?: QaView;
}

export const LOG_FILTER_KEYS = ['actor', 'action', 'type', 'id', 'from', 'to'] as const satisfies readonly (keyof LogFilters)[];

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(value: unknown): string | undefined {
  return typeof value === 'string' && LOCAL_DATE.test(value) ? value : undefined;
}

export function readAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const entityType = oneOf(HISTORY_ENTITY_TYPES, raw.entityType);
  const entityId = text(raw.entityId, 80);
  const tab = oneOf(AUDIT_TABS, raw.tab) ?? (entityType && entityId ? 'history' : 'log');
  let from = date(raw.from);
  let to = date(raw.to);
  if (from && to && from > to) [from, to] = [to, from];
  return {
    tab,
    actor: text(raw.actor, 64),
    action: text(raw.action, 64),
    type: text(raw.type, 40),
    id: text(raw.id, 80),
    from,
    to,
    entityType: entityId ? (entityType ?? 'case') : undefined,
    entityId,
    qa: oneOf(QA_VIEWS, raw.qa),
  };
}

/** The search object for the URL: empty values left out so it stays clean. */
export function toUrlSearch(search: Partial<AuditSearch>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(search)) if (typeof v === 'string' && v !== '') out[k] = v;
  if (out.tab === 'log' && !out.entityId) delete out.tab;
  return out;
}

export function hasLogFilters(f: LogFilters): boolean {
  return LOG_FILTER_KEYS.some((k) => f[k] !== undefined);
}

/** A case or order number typed in: which entity it names, by its shape. */
export function guessEntityType(value: string): HistoryEntityType | undefined {
  const v = value.trim().toUpperCase();
  if (/^KM\d{6,}$/.test(v)) return 'order';
  if (/^RC\d{6,}$/.test(v)) return 'case';
  return undefined;
}
