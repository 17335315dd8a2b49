import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { renderTemplate, templateVariables } from '../../../shared/templates';
import { Choice } from '../../components/choice';
import { useTRPC } from '../../trpc';
import type { MessageTemplate, TemplateLocale } from './settings-api-types';
import { SettingsDialog } from './settings-dialog';
import { BODY_MAX, isKnownVariable, SAMPLE_VALUES, TEMPLATE_CODE, TEMPLATE_VARIABLES, TITLE_MAX } from './template-samples';

const LOCALES: readonly TemplateLocale[] = ['zh-CN', 'en'];

export interface TemplateTarget {
  /** the version being edited */
  existing?: MessageTemplate;
  /** a new version of an existing code (its other language), or a brand-new template */
  code?: string;
  locale?: TemplateLocale;
}

interface Props {
  target: TemplateTarget;
  all: MessageTemplate[];
  onClose: () => void;
}

/** Create or edit one language version of a reply template, with its variables and a live preview. */
export function TemplateEditor({ target, all, onClose }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { existing } = target;
  const fixedKey = Boolean(existing || target.code);
  const [code, setCode] = useState(existing?.code ?? target.code ?? '');
  const [locale, setLocale] = useState<TemplateLocale>(existing?.locale ?? target.locale ?? 'zh-CN');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [body, setBody] = useState(existing?.body ?? '');
  const [tried, setTried] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);

  const save = useMutation(
    trpc.templates.save.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          message: t('settings.templates.saved', { code: code.trim(), locale: t(`settings.templates.locale.${locale}`) }),
        });
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() })]);
        onClose();
      },
    }),
  );

  const trimmedCode = code.trim();
  const duplicate = !existing && all.some((tpl) => tpl.code === trimmedCode && tpl.locale === locale);
  const errors = {
    code: !TEMPLATE_CODE.test(trimmedCode)
      ? t('settings.templates.errors.code')
      : duplicate
        ? t('settings.templates.errors.duplicate', { code: trimmedCode, locale: t(`settings.templates.locale.${locale}`) })
        : null,
    title: title.trim() ? null : t('settings.templates.errors.title'),
    body: body.trim() ? null : t('settings.templates.errors.body'),
  };
  const variables = templateVariables(body);
  const unknown = variables.filter((name) => !isKnownVariable(name));
  const preview = renderTemplate(body, SAMPLE_VALUES[locale]);

  function insertVariable(name: string) {
    const el = bodyRef.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    setBody(body.slice(0, start) + token + body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  function submit() {
    setTried(true);
    if (errors.code || errors.title || errors.body) return;
    save.mutate({ code: trimmedCode, locale, title: title.trim(), body: body.trim() });
  }

  return (
    <SettingsDialog
      title={
        existing
          ? t('settings.templates.editTitle', { code: existing.code })
          : target.code
            ? t('settings.templates.addLocaleTitle', { code: target.code })
            : t('settings.templates.newTitle')
      }
      submitLabel={t('settings.actions.save')}
      onSubmit={submit}
      onClose={onClose}
      pending={save.isPending}
      error={save.error}
      testId="template-editor"
      size="xl"
    >
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <TextInput
            label={t('settings.templates.code')}
            description={t('settings.templates.codeHint')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            disabled={fixedKey}
            error={tried || duplicate ? errors.code : undefined}
            ff="monospace"
            withAsterisk
            data-testid="template-code"
          />
          <Group gap="sm" align="center" wrap="nowrap">
            <Text size="sm" fw={500} id="template-locale">
              {t('settings.templates.language')}
            </Text>
            <Choice
              aria-labelledby="template-locale"
              size="xs"
              values={LOCALES}
              value={locale}
              onChange={setLocale}
              disabled={fixedKey}
              labelOf={(l) => t(`settings.templates.locale.${l}`)}
              data-testid="template-locale"
            />
            <Text size="xs" c="dimmed">
              {t('settings.templates.languageHint')}
            </Text>
          </Group>
          <TextInput
            label={t('settings.templates.titleLabel')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={TITLE_MAX}
            error={tried ? errors.title : undefined}
            withAsterisk
            data-testid="template-title"
          />
          <Textarea
            ref={bodyRef}
            label={t('settings.templates.body')}
            description={t('settings.templates.bodyHint', { example: '{{nickname}}' })}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            maxLength={BODY_MAX}
            autosize
            minRows={6}
            maxRows={14}
            error={tried ? errors.body : undefined}
            withAsterisk
            data-testid="template-body"
          />
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              {t('settings.templates.insertVariable')}
            </Text>
            <Group gap={6}>
              {TEMPLATE_VARIABLES.map((name) => (
                <Tooltip key={name} label={t(`settings.templates.vars.${name}`)}>
                  <UnstyledButton onClick={() => insertVariable(name)} aria-label={`${t('settings.templates.insertVariable')} {{${name}}}`}>
                    <Badge variant="outline" radius="sm" tt="none" fw={500} ff="monospace" style={{ cursor: 'pointer' }}>
                      {`{{${name}}}`}
                    </Badge>
                  </UnstyledButton>
                </Tooltip>
              ))}
            </Group>
          </div>
        </Stack>

        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={6}>
              {t('settings.templates.variablesFound')}
            </Text>
            {variables.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('settings.templates.noVariables')}
              </Text>
            ) : (
              <Group gap={6} data-testid="template-variables">
                {variables.map((name) => (
                  <Tooltip
                    key={name}
                    label={isKnownVariable(name) ? t(`settings.templates.vars.${name}`) : t('settings.templates.unknownVariable')}
                  >
                    <Badge color={isKnownVariable(name) ? 'brand' : 'orange'} variant="light" radius="sm" tt="none" fw={500} ff="monospace">
                      {name}
                    </Badge>
                  </Tooltip>
                ))}
              </Group>
            )}
          </div>
          {unknown.length > 0 && (
            <Alert color="orange" p="xs" data-testid="template-unknown">
              {t('settings.templates.unknownWarning', { names: unknown.map((n) => `{{${n}}}`).join(', ') })}
            </Alert>
          )}
          <div>
            <Text size="sm" fw={500}>
              {t('settings.templates.preview')}
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              {t('settings.templates.previewHint')}
            </Text>
            <Paper withBorder radius="md" p="md" bg="gray.0" mih={140} data-testid="template-preview">
              {title.trim() && (
                <Text size="sm" fw={600} mb={6}>
                  {title.trim()}
                </Text>
              )}
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} c={preview.trim() ? undefined : 'dimmed'}>
                {preview.trim() ? preview : t('settings.templates.previewEmpty')}
              </Text>
            </Paper>
            <Text size="xs" c="dimmed" mt={4} ta="right">
              {t('settings.templates.length', { count: body.length, max: BODY_MAX })}
            </Text>
          </div>
        </Stack>
      </SimpleGrid>
    </SettingsDialog>
  );
}
