import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefundPolicy } from '../../../shared/refund';
import { formatDateTime } from '../../lib/format';
import { pickSettings, POLICY_FIELDS, usePolicyValueText } from './policy-fields';
import type { PolicyVersion } from './settings-api-types';
import classes from './settings.module.css';

interface Props {
  policy: RefundPolicy;
  /** the version's publication record, once the history has loaded */
  meta: PolicyVersion | undefined;
  actions?: ReactNode;
}

/** The version new quotes use, every setting spelt out with what it means. */
export function PolicyCurrent({ policy, meta, actions }: Props) {
  const { t } = useTranslation();
  const valueText = usePolicyValueText();
  const settings = pickSettings(policy);
  return (
    <Paper withBorder radius="md" p="lg" data-testid="policy-current">
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2} size="h4">
              {t('settings.policy.currentTitle')}
            </Title>
            <Badge variant="light" radius="sm" tt="none" data-testid="policy-current-version">
              {t('settings.policy.version', { version: policy.version })}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {meta
              ? t('settings.policy.publishedBy', { who: meta.publishedBy, when: formatDateTime(meta.publishedAt) })
              : t('settings.policy.currentHint')}
          </Text>
          {meta?.note && (
            <Text size="sm" data-testid="policy-current-note">
              <Text span c="dimmed">
                {t('settings.policy.noteLabel')}
              </Text>
              {meta.note}
            </Text>
          )}
        </Stack>
        {actions}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {POLICY_FIELDS.map((field) => (
          <div key={field} className={classes.factTile} data-testid={`policy-value-${field}`}>
            <Text size="xs" c="dimmed" fw={500}>
              {t(`settings.policy.fields.${field}.label`)}
            </Text>
            <Text size="lg" fw={650} mt={2} data-role="value">
              {valueText(field, settings)}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t(`settings.policy.fields.${field}.hint`)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
