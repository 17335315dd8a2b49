import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc';
import type { MessageTemplate } from './settings-api-types';
import { SettingsDialog } from './settings-dialog';

/** Confirms deleting one language version of a template. */
export function TemplateDeleteDialog({ template, onClose }: { template: MessageTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locale = t(`settings.templates.locale.${template.locale}`);
  const remove = useMutation(
    trpc.templates.remove.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', message: t('settings.templates.deleted', { code: template.code, locale }) });
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() })]);
        onClose();
      },
    }),
  );
  return (
    <SettingsDialog
      title={t('settings.templates.deleteTitle', { code: template.code, locale })}
      submitLabel={t('settings.templates.delete')}
      submitColor="red"
      onSubmit={() => remove.mutate({ id: template.id })}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
      testId="template-delete-dialog"
      size="sm"
    >
      <Text size="sm">{t('settings.templates.deleteBody', { title: template.title })}</Text>
    </SettingsDialog>
  );
}
