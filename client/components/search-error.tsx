import { Button, EmptyState, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../lib/trpc-errors';
import { IconAlert, IconRefresh } from './icons';

interface Props {
  error: unknown;
  title: string;
  /** what to say when the server could not answer (retrying may help) */
  body: string;
  /** what to say when the server refused the search itself (a hand-edited or stale link) */
  badRequestBody: string;
  onRetry: () => void;
  /** the way out of a refused search: clear the filters, go back to the first page… */
  recover: { label: string; onClick: () => void };
  testId: string;
}

/** A search screen's error state: a refused search offers a way out; anything else a retry. */
export function SearchError({ error, title, body, badRequestBody, onRetry, recover, testId }: Props) {
  const { t } = useTranslation();
  const badRequest = errorCode(error) === 'BAD_REQUEST';
  return (
    <Stack py={48} px="lg" align="center" data-testid={testId}>
      <EmptyState
        icon={<IconAlert size={26} />}
        variant="light"
        color="red"
        title={title}
        description={badRequest ? badRequestBody : body}
        maw={520}
      >
        {error instanceof Error && (
          <Text size="xs" c="dimmed" mt={4}>
            {error.message}
          </Text>
        )}
        <EmptyState.Actions>
          {badRequest ? (
            <Button size="xs" onClick={recover.onClick}>
              {recover.label}
            </Button>
          ) : (
            <Button size="xs" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
              {t('common.retry')}
            </Button>
          )}
        </EmptyState.Actions>
      </EmptyState>
    </Stack>
  );
}
