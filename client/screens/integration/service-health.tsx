import { Badge, Group, List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import type { ServiceHealth } from './integration-types';
import { NotedCard } from '../../components/noted-card';

const COLOR = { ok: 'teal', idle: 'gray', degraded: 'orange', failing: 'red' } as const;

/** The payment gateway's and the message service's health, with why, and the breaker's state. */
export function ServiceHealthCards({ services }: { services: ServiceHealth[] }) {
  const { t } = useTranslation();
  return (
    <NotedCard title={t('integration.health.title')} note={t('integration.health.note')} testId="integration-health">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {services.map((s) => (
          <Paper key={s.service} withBorder radius="sm" p="sm" data-testid={`integration-service-${s.service}`} data-health={s.health}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>{t(`integration.health.service.${s.service}`)}</Text>
                <Badge color={COLOR[s.health]} variant="light">
                  {t(`integration.health.state.${s.health}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {t('integration.health.calls', { calls: s.lastHour.calls, failed: s.lastHour.failed })}
                {s.lastHour.errorRate !== null &&
                  ` · ${t('integration.health.errorRate', { rate: `${Math.round(s.lastHour.errorRate * 100)}%` })}`}
              </Text>
              {s.signs.length > 0 && (
                <List size="sm" c={COLOR[s.health] === 'red' ? 'red' : 'orange'} spacing={2}>
                  {s.signs.map((sign) => (
                    <List.Item key={sign}>{t(`integration.health.sign.${sign as 'retrying'}`, { defaultValue: sign })}</List.Item>
                  ))}
                </List>
              )}
              <Text
                size="xs"
                c={s.breaker === 'open' ? 'red' : 'dimmed'}
                data-testid="integration-breaker"
                data-state={s.breaker ?? 'none'}
              >
                {s.breaker
                  ? [
                      t('integration.health.breaker', { state: t(`integration.health.breakerState.${s.breaker}`) }),
                      s.breakerFailures ? t('integration.health.breakerFailures', { count: s.breakerFailures }) : null,
                      s.breaker !== 'closed' && s.breakerOpenedAt
                        ? t('integration.health.breakerOpenedAt', { at: formatDateTime(s.breakerOpenedAt) })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')
                  : t('integration.health.breakerUnknown')}
              </Text>
              {s.breaker && s.breaker !== 'closed' && s.breakerLastError && (
                <Text size="xs" c="dimmed" lineClamp={2} lang="en">
                  {t('integration.health.breakerLastError', { error: s.breakerLastError })}
                </Text>
              )}
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </NotedCard>
  );
}
