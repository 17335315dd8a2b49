import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePolicyValueText, type PolicyField } from './policy-fields';
import type { PolicySettings } from './settings-api-types';
import { IconArrowRight } from './settings-icons';
import classes from './settings.module.css';

interface Props {
  before: PolicySettings;
  after: Partial<PolicySettings>;
  fields: PolicyField[];
  testId?: string;
  /** `draft`: the changes about to be published, tinted; `history`: a past version's changes, quiet */
  variant?: 'draft' | 'history';
}

/** Changed settings, one a line: label, the old value struck through → the new one. */
export function PolicyDiff({ before, after, fields, testId, variant = 'draft' }: Props) {
  const { t } = useTranslation();
  const valueText = usePolicyValueText();
  const merged = { ...before, ...after } as PolicySettings;
  return (
    <Stack gap={variant === 'draft' ? 6 : 2} data-testid={testId}>
      {fields.map((field) => (
        <div key={field} className={classes.diffRow} data-variant={variant} data-testid={`${testId ?? 'policy-diff'}-${field}`}>
          <Text size="xs" c="dimmed" fw={500} className={classes.diffLabel}>
            {t(`settings.policy.fields.${field}.label`)}
          </Text>
          <Group gap={6} wrap="wrap" align="center">
            <Text size="sm" className={classes.oldValue} data-role="old">
              {valueText(field, before)}
            </Text>
            <IconArrowRight size={14} aria-label="→" />
            <Text size="sm" fw={600} className={classes.newValue} data-role="new">
              {valueText(field, merged)}
            </Text>
          </Group>
        </div>
      ))}
    </Stack>
  );
}
