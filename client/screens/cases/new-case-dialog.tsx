import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isOrderNumber } from '../../lib/order-number';

/**
 * A case is opened from its order, where the facts are in view (docs/spec.md §4.3). From the queue the
 * agent only says which order: an order number opens the order page, anything else searches.
 */
export function NewCaseDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const query = text.trim();
    if (!query) return;
    onClose();
    if (isOrderNumber(query)) void navigate({ to: '/orders/$orderNo', params: { orderNo: query } });
    else void navigate({ to: '/orders', search: { q: query } });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.newCase.title')} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('cases.newCase.body')}
          </Text>
          <TextInput
            label={t('cases.newCase.label')}
            placeholder={t('cases.newCase.placeholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={200}
            data-autofocus
            data-testid="new-case-query"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cases.newCase.cancel')}
            </Button>
            <Button type="submit" disabled={!text.trim()}>
              {t('cases.newCase.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
