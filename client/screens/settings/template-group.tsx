import { ActionIcon, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import type { MessageTemplate, TemplateLocale } from './settings-api-types';
import { TemplateBody } from './template-body';
import { IconPencil, IconPlus, IconTrash } from './settings-icons';

export const LOCALES: readonly TemplateLocale[] = ['zh-CN', 'en'];

interface Props {
  code: string;
  versions: Partial<Record<TemplateLocale, MessageTemplate>>;
  onEdit?: (tpl: MessageTemplate) => void;
  onDelete?: (tpl: MessageTemplate) => void;
  onAdd?: (code: string, locale: TemplateLocale) => void;
}

/** One template code with its Chinese and English versions side by side. */
export function TemplateGroup({ code, versions, onEdit, onDelete, onAdd }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" data-testid={`template-${code}`}>
      <Group gap="xs" mb="sm">
        <Code fz="sm" fw={600}>
          {code}
        </Code>
        {LOCALES.filter((l) => !versions[l]).map((l) => (
          <Badge key={l} color="orange" variant="light" size="sm" radius="sm" tt="none">
            {t('settings.templates.missing', { locale: t(`settings.templates.locale.${l}`) })}
          </Badge>
        ))}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {LOCALES.map((locale) => {
          const tpl = versions[locale];
          if (!tpl) {
            return (
              <Stack
                key={locale}
                justify="center"
                align="center"
                gap={6}
                p="md"
                style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 'var(--mantine-radius-md)' }}
              >
                <Text size="sm" c="dimmed">
                  {t('settings.templates.noVersion', { locale: t(`settings.templates.locale.${locale}`) })}
                </Text>
                {onAdd && (
                  <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onAdd(code, locale)}>
                    {t('settings.templates.addVersion', { locale: t(`settings.templates.locale.${locale}`) })}
                  </Button>
                )}
              </Stack>
            );
          }
          return (
            <Stack key={locale} gap={6} data-testid={`template-${code}-${locale}`}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Group gap={6} wrap="nowrap">
                  <Badge variant="default" size="sm" radius="sm" tt="none" style={{ flex: 'none' }}>
                    {t(`settings.templates.locale.${locale}`)}
                  </Badge>
                  <Text size="sm" fw={600} lineClamp={1}>
                    {tpl.title}
                  </Text>
                </Group>
                {onEdit && onDelete && (
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label={t('settings.templates.edit')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        onClick={() => onEdit(tpl)}
                        aria-label={`${t('settings.templates.edit')} ${code} ${locale}`}
                        data-testid="template-edit"
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('settings.templates.delete')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => onDelete(tpl)}
                        aria-label={`${t('settings.templates.delete')} ${code} ${locale}`}
                        data-testid="template-delete"
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                )}
              </Group>
              <TemplateBody body={tpl.body} />
              <Text size="xs" c="dimmed">
                {t('settings.templates.updated', { who: tpl.updated_by, when: formatDateTime(tpl.updated_at) })}
              </Text>
            </Stack>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}
