import { Alert, Anchor, List, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { IconShield } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import type { DayRange } from './dashboard-range';
import type { DashboardSummary } from './dashboard-types';

/**
 * 安全提醒 / Security alerts: staff who reached the limit of full phone or e-mail lookups in the
 * range (issue 15), newest first, with a link to the audit events behind them. Nothing when none.
 */
export function SecurityAlerts({ alerts, range }: { alerts: DashboardSummary['securityAlerts']; range: DayRange }) {
  const { t } = useTranslation();
  if (alerts.count === 0) return null;
  return (
    <Alert
      color="orange"
      icon={<IconShield />}
      title={t('dashboard.securityAlerts.title', { count: alerts.count })}
      mb="md"
      data-testid="dash-security-alerts"
    >
      <Text size="sm" mb={4}>
        {t('dashboard.securityAlerts.note')}
      </Text>
      <List size="sm" spacing={2}>
        {alerts.items.map((a) => (
          <List.Item key={a.auditId}>
            {t('dashboard.securityAlerts.lookupLimit', {
              at: formatDateTime(a.at),
              staff: a.staff,
              distinct: a.distinct ?? '?',
              minutes: a.windowMinutes ?? '?',
            })}
          </List.Item>
        ))}
      </List>
      <Anchor
        size="xs"
        mt={6}
        display="inline-block"
        renderRoot={(props) => (
          <Link to="/audit" search={{ tab: 'log', action: 'security.lookup_limit', from: range.from, to: range.to } as never} {...props} />
        )}
      >
        {t('dashboard.securityAlerts.inAudit')}
      </Anchor>
    </Alert>
  );
}
