import { Badge, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { PolicyDiff } from './policy-diff';
import { changedFields, pickSettings } from './policy-fields';
import type { PolicyVersion } from './settings-api-types';
import { IconHistory } from './settings-icons';
import { LoadError, SectionSkeleton } from './settings-states';

/** Every published version, newest first: who, when, why, and what changed from the one before. */
interface HistoryQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: PolicyVersion[] | undefined;
  refetch: () => Promise<unknown>;
}

export function PolicyHistory({ query }: { query: HistoryQuery }) {
  const { t } = useTranslation();
  if (query.isPending) return <SectionSkeleton rows={5} />;
  if (query.isError)
    return <LoadError error={query.error} onRetry={() => void query.refetch()} title={t('settings.policy.historyFailed')} />;
  const versions = query.data ?? [];

  return (
    <Paper withBorder radius="md" p="lg" data-testid="policy-history">
      <Group gap="xs" mb="md">
        <IconHistory size={18} />
        <Title order={2} size="h4">
          {t('settings.policy.historyTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.policy.historyCount', { count: versions.length })}
        </Text>
      </Group>
      {versions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('settings.policy.historyEmpty')}
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={0}>
          {versions.map((v, i) => {
            const previous = versions[i + 1];
            const fields = previous ? changedFields(pickSettings(previous.settings), pickSettings(v.settings)) : [];
            return (
              <Timeline.Item
                key={v.version}
                bullet={
                  <Text size="xs" fw={700}>
                    {v.version}
                  </Text>
                }
                data-testid={`policy-version-${v.version}`}
                title={
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {t('settings.policy.version', { version: v.version })}
                    </Text>
                    {i === 0 && (
                      <Badge color="teal" variant="light" size="sm" radius="sm" tt="none">
                        {t('settings.policy.inForce')}
                      </Badge>
                    )}
                  </Group>
                }
              >
                <Stack gap={6} mt={2} maw={720}>
                  <Text size="xs" c="dimmed">
                    {t('settings.policy.publishedBy', { who: v.publishedBy, when: formatDateTime(v.publishedAt) })}
                  </Text>
                  <Text size="sm" data-testid="policy-version-note">
                    {v.note}
                  </Text>
                  {previous && fields.length > 0 && (
                    <PolicyDiff
                      before={pickSettings(previous.settings)}
                      after={pickSettings(v.settings)}
                      fields={fields}
                      testId={`policy-history-diff-${v.version}`}
                      variant="history"
                    />
                  )}
                  {previous && fields.length === 0 && (
                    <Text size="xs" c="dimmed">
                      {t('settings.policy.sameSettings')}
                    </Text>
                  )}
                  {!previous && (
                    <Text size="xs" c="dimmed">
                      {t('settings.policy.firstVersion')}
                    </Text>
                  )}
                </Stack>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Paper>
  );
}
