import { Button, Group, NumberInput, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaptionedCard } from '../../components/noted-card';
import { useCaseErrorText } from '../../components/case-error-text';
import { useTRPC } from '../../trpc';

/** The share of agents' lone decisions drawn for review; supervisors change it, auditors read it. */
export function QaSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useCaseErrorText();
  const settings = useQuery(trpc.qa.settings.queryOptions());
  const current = settings.data?.samplePercent;
  const [draft, setDraft] = useState<number | string | undefined>(undefined);
  const value = draft ?? current ?? 0;
  const save = useMutation(
    trpc.qa.setSettings.mutationOptions({
      onSuccess: (data) => {
        setDraft(undefined);
        queryClient.setQueryData(trpc.qa.settings.queryKey(), data);
        notifications.show({ color: 'teal', message: t('audit.qa.settings.saved', { percent: data.samplePercent }) });
      },
      onError: (error) => notifications.show({ color: 'red', title: t('audit.qa.settings.saveFailed'), message: errorText(error).title }),
    }),
  );
  const valid = typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
  const changed = valid && value !== current;

  return (
    <CaptionedCard testId="qa-settings" title={t('audit.qa.settings.title')} note={t('audit.qa.settings.body')} level={3} h="100%">
      {settings.isPending ? (
        <Skeleton h={36} w={200} />
      ) : settings.isError ? (
        <Text size="sm" c="red">
          {t('audit.qa.loadFailed')}
        </Text>
      ) : canEdit ? (
        <Stack gap={6}>
          <Group gap="sm" align="flex-end">
            <NumberInput
              w={140}
              size="sm"
              label={t('audit.qa.settings.label')}
              value={value}
              onChange={setDraft}
              min={0}
              max={100}
              step={5}
              suffix="%"
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              data-testid="qa-sample-input"
            />
            <Button
              size="sm"
              onClick={() => valid && save.mutate({ samplePercent: value })}
              disabled={!changed}
              loading={save.isPending}
              data-testid="qa-sample-save"
            >
              {t('audit.qa.settings.save')}
            </Button>
          </Group>
          {changed && (
            <Text size="xs" c="dimmed">
              {t('audit.qa.settings.pending', { from: current, to: value })}
            </Text>
          )}
        </Stack>
      ) : (
        <Group gap="xs" align="baseline" data-testid="qa-sample-readonly">
          <Text size="xl" fw={650} ff="monospace">
            {current}%
          </Text>
          <Text size="xs" c="dimmed">
            {t('audit.qa.settings.readOnly')}
          </Text>
        </Group>
      )}
    </CaptionedCard>
  );
}
