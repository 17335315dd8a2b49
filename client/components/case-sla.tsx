import { Text, Tooltip } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES } from '../../shared/case-transitions';
import type { CaseStatus } from '../../shared/schemas/enums';
import { formatDateTime } from '../lib/format';
import { IconClock } from './icons';

// One clock for every countdown on the page: a single timer, however many rows show an SLA.
const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time in ms, refreshed every 30 s. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

export const SLA_WARNING_MS = 4 * 3_600_000;

export type SlaLevel = 'overdue' | 'soon' | 'ok' | 'done';

export function slaLevel(dueAt: string, status: CaseStatus, nowMs: number): SlaLevel {
  if (!OPEN_STATUSES.includes(status)) return 'done';
  const left = new Date(dueAt).getTime() - nowMs;
  if (left < 0) return 'overdue';
  return left <= SLA_WARNING_MS ? 'soon' : 'ok';
}

const LEVEL_COLOR: Record<SlaLevel, string | undefined> = { overdue: 'red', soon: 'orange', ok: undefined, done: 'dimmed' };

/** 2天3小时 / 2d 3h: the larger two units of a duration. */
export function useDurationText() {
  const { t } = useTranslation();
  return (ms: number) => {
    const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (days > 0) return t('cases.sla.daysHours', { days, hours });
    if (hours > 0) return t('cases.sla.hoursMinutes', { hours, minutes: mins });
    return t('cases.sla.minutes', { minutes: mins });
  };
}

/** The SLA countdown of a case: red once overdue, amber within 4 hours, quiet once the case is closed. */
export function CaseSla({
  dueAt,
  status,
  size = 'sm',
  estimated = false,
}: {
  dueAt: string;
  status: CaseStatus;
  size?: 'xs' | 'sm' | 'md';
  estimated?: boolean;
}) {
  const { t } = useTranslation();
  const nowMs = useNow();
  const duration = useDurationText();
  const level = slaLevel(dueAt, status, nowMs);
  const left = new Date(dueAt).getTime() - nowMs;
  const label =
    level === 'done'
      ? t('cases.sla.stopped')
      : level === 'overdue'
        ? t('cases.sla.overdue', { duration: duration(left) })
        : t('cases.sla.left', { duration: duration(left) });
  const due = t('cases.sla.due', { at: formatDateTime(dueAt) });
  return (
    <Tooltip label={estimated ? `${due} · ${t('cases.sla.estimatedHint')}` : due} withArrow multiline maw={320}>
      <Text
        span
        size={size}
        c={LEVEL_COLOR[level]}
        fw={level === 'overdue' || level === 'soon' ? 600 : 400}
        data-testid="case-sla"
        data-sla={level}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}
      >
        <IconClock size={14} />
        {label}
        {estimated && level !== 'done' && (
          <Text span size="xs" c="orange" fw={400} data-testid="sla-estimated">
            {t('cases.sla.estimated')}
          </Text>
        )}
      </Text>
    </Tooltip>
  );
}
