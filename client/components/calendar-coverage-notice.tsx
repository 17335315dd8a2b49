import { Alert, Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../trpc';
import { IconAlert } from './icons';

/**
 * The holiday calendar must cover the next 60 days (docs/spec.md §3 "Business days"): otherwise
 * SLAs past its last year are estimated on weekdays, and admins are asked to load the next year.
 * `always`: also say how far it covers when it does (the calendar tab); otherwise only warn.
 */
export function CalendarCoverageNotice({ always = false, withLink = false }: { always?: boolean; withLink?: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const coverage = useQuery({ ...trpc.policy.calendarCoverage.queryOptions(), staleTime: 5 * 60_000 });
  if (!coverage.data) return null;
  const { lastCoveredDate, coversNext60Days } = coverage.data;
  if (coversNext60Days) {
    return always ? (
      <Text size="xs" c="dimmed" data-testid="calendar-coverage" data-covered="true">
        {t('settings.calendar.coverage.ok', { date: lastCoveredDate })}
      </Text>
    ) : null;
  }
  const nextYear = lastCoveredDate ? Number(lastCoveredDate.slice(0, 4)) + 1 : new Date().getFullYear();
  return (
    <Alert
      color="orange"
      icon={<IconAlert size={18} />}
      title={t('settings.calendar.coverage.title')}
      data-testid="calendar-coverage"
      data-covered="false"
    >
      <Text size="sm">
        {lastCoveredDate
          ? t('settings.calendar.coverage.until', { date: lastCoveredDate, year: nextYear })
          : t('settings.calendar.coverage.none', { year: nextYear })}{' '}
        {withLink && (
          <Anchor size="sm" renderRoot={(props) => <Link to="/settings" search={{ tab: 'calendar', year: nextYear }} {...props} />}>
            {t('settings.calendar.coverage.link')}
          </Anchor>
        )}
      </Text>
    </Alert>
  );
}
