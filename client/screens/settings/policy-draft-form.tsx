import { Badge, Checkbox, Group, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPLAY_TIME_ZONE } from '../../lib/format';
import { TIERS, usePolicyValueText, utcOffsetLabel, type PolicyField } from './policy-fields';
import { LIMITS, type PolicyDraft, type ReadDraft } from './policy-draft';
import type { PolicySettings } from './settings-api-types';
import { SlaPreview } from './sla-preview';
import classes from './settings.module.css';

interface Props {
  draft: PolicyDraft;
  onChange: (patch: Partial<PolicyDraft>) => void;
  base: PolicySettings;
  baseVersion: number;
  read: ReadDraft;
  changed: PolicyField[];
}

let zoneOptions: { value: string; label: string }[] | null = null;

// Every IANA zone the browser knows, labelled with its offset; built once, on first edit.
function timeZoneOptions(current: string) {
  if (!zoneOptions) {
    const names = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [DISPLAY_TIME_ZONE];
    zoneOptions = names.map((name) => ({ value: name, label: `${name} (${utcOffsetLabel(name)})` }));
  }
  return zoneOptions.some((o) => o.value === current) ? zoneOptions : [{ value: current, label: current }, ...zoneOptions];
}

/** The six settings as form fields; a changed one is tinted and says what it was. */
export function PolicyDraftForm({ draft, onChange, base, baseVersion, read, changed }: Props) {
  const { t } = useTranslation();
  const valueText = usePolicyValueText();
  const error = (field: PolicyField) => {
    const code = read.errors[field];
    return code ? t(`settings.policy.errors.${code}`, LIMITS[field as keyof typeof LIMITS] ?? {}) : undefined;
  };
  const frame = (field: PolicyField, children: ReactNode) => {
    const isChanged = changed.includes(field);
    return (
      <div className={classes.field} data-changed={isChanged || undefined} data-testid={`policy-field-${field}`}>
        {children}
        {isChanged && (
          <Badge mt={8} color="orange" variant="light" radius="sm" tt="none" fw={500}>
            {t('settings.policy.changedFrom', { value: valueText(field, base) })}
          </Badge>
        )}
      </div>
    );
  };
  const days = (unit: string) => (
    <Text size="xs" c="dimmed" pr={8}>
      {unit}
    </Text>
  );

  return (
    <Paper withBorder radius="md" p="lg" data-testid="policy-draft">
      <Group gap="xs" mb={4}>
        <Title order={2} size="h4">
          {t('settings.policy.draftTitle', { version: baseVersion + 1 })}
        </Title>
        <Badge color="orange" variant="light" radius="sm" tt="none">
          {t('settings.policy.draftBadge')}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('settings.policy.draftHint', { version: baseVersion })}
      </Text>
      <Stack gap={4}>
        {frame(
          'fullRefundWindowDays',
          <NumberInput
            label={t('settings.policy.fields.fullRefundWindowDays.label')}
            description={t('settings.policy.fields.fullRefundWindowDays.hint')}
            value={draft.fullRefundWindowDays}
            onChange={(v) => onChange({ fullRefundWindowDays: v })}
            min={LIMITS.fullRefundWindowDays.min}
            max={LIMITS.fullRefundWindowDays.max}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            rightSection={days(t('settings.policy.unit.days'))}
            rightSectionWidth={56}
            classNames={{ wrapper: classes.narrow }}
            error={error('fullRefundWindowDays')}
            data-testid="policy-input-fullRefundWindowDays"
          />,
        )}
        {frame(
          'refundableTiers',
          <Checkbox.Group
            label={t('settings.policy.fields.refundableTiers.label')}
            description={t('settings.policy.fields.refundableTiers.hint')}
            value={draft.refundableTiers}
            onChange={(v) => onChange({ refundableTiers: TIERS.filter((tier) => v.includes(tier)) })}
          >
            <Stack gap={8} mt={8}>
              {TIERS.map((tier) => (
                <Checkbox key={tier} value={tier} label={t(`orderVocab.tier.${tier}`)} description={t(`orderVocab.tierExplain.${tier}`)} />
              ))}
            </Stack>
            {draft.refundableTiers.length === 0 && (
              <Text size="xs" c="orange" mt={6}>
                {t('settings.policy.noTiersWarning')}
              </Text>
            )}
          </Checkbox.Group>,
        )}
        {frame(
          'deductRedeemedPerks',
          <Switch
            label={t('settings.policy.fields.deductRedeemedPerks.label')}
            description={t('settings.policy.fields.deductRedeemedPerks.hint')}
            checked={draft.deductRedeemedPerks}
            onChange={(e) => onChange({ deductRedeemedPerks: e.currentTarget.checked })}
          />,
        )}
        {frame(
          'agentApprovalLimitFen',
          <TextInput
            label={t('settings.policy.fields.agentApprovalLimitFen.label')}
            description={t('settings.policy.fields.agentApprovalLimitFen.hint')}
            value={draft.agentApprovalLimitYuan}
            onChange={(e) => onChange({ agentApprovalLimitYuan: e.currentTarget.value })}
            leftSection={<Text size="sm">¥</Text>}
            inputMode="decimal"
            classNames={{ wrapper: classes.narrow }}
            error={error('agentApprovalLimitFen')}
            data-testid="policy-input-agentApprovalLimitFen"
          />,
        )}
        {frame(
          'reviewSlaBusinessDays',
          <Stack gap="xs">
            <NumberInput
              label={t('settings.policy.fields.reviewSlaBusinessDays.label')}
              description={t('settings.policy.fields.reviewSlaBusinessDays.hint')}
              value={draft.reviewSlaBusinessDays}
              onChange={(v) => onChange({ reviewSlaBusinessDays: v })}
              min={LIMITS.reviewSlaBusinessDays.min}
              max={LIMITS.reviewSlaBusinessDays.max}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              rightSection={days(t('settings.policy.unit.businessDays'))}
              rightSectionWidth={72}
              classNames={{ wrapper: classes.narrow }}
              error={error('reviewSlaBusinessDays')}
              data-testid="policy-input-reviewSlaBusinessDays"
            />
            {read.values.reviewSlaBusinessDays !== undefined && (
              <SlaPreview
                compact
                days={read.values.reviewSlaBusinessDays}
                timezone={read.values.timezone ?? base.timezone}
                context={t('settings.sla.withDraft')}
              />
            )}
          </Stack>,
        )}
        {frame(
          'quoteValidHours',
          <NumberInput
            label={t('settings.policy.fields.quoteValidHours.label')}
            description={t('settings.policy.fields.quoteValidHours.hint')}
            value={draft.quoteValidHours}
            onChange={(v) => onChange({ quoteValidHours: v })}
            min={LIMITS.quoteValidHours.min}
            max={LIMITS.quoteValidHours.max}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            rightSection={days(t('settings.policy.unit.hours'))}
            rightSectionWidth={72}
            classNames={{ wrapper: classes.narrow }}
            error={error('quoteValidHours')}
            data-testid="policy-input-quoteValidHours"
          />,
        )}
        {frame(
          'timezone',
          <Select
            label={t('settings.policy.fields.timezone.label')}
            description={t('settings.policy.fields.timezone.hint')}
            value={draft.timezone}
            onChange={(v) => v && onChange({ timezone: v })}
            data={timeZoneOptions(draft.timezone)}
            searchable
            allowDeselect={false}
            limit={60}
            nothingFoundMessage={t('settings.policy.noTimezone')}
            classNames={{ wrapper: classes.narrow }}
            error={error('timezone')}
            data-testid="policy-input-timezone"
          />,
        )}
      </Stack>
    </Paper>
  );
}
