import { Code, Collapse, Stack, UnstyledButton, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isForbidden } from '../lib/trpc-errors';
import { NoAccessPage } from './no-access-page';
import { FailurePage } from './status-page';

// A screen's code could not be fetched: usually a new version was deployed since this page
// was opened, so only a full reload (new index.html) helps.
function isStaleChunk(error: unknown): boolean {
  return (
    error instanceof Error && /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(error.message)
  );
}

/** The error boundary of every route: no-access when the server refused (FORBIDDEN), otherwise a retry. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  const [detailsOpen, details] = useDisclosure(false);

  if (isForbidden(error)) return <NoAccessPage />;

  function retry() {
    if (isStaleChunk(error)) {
      window.location.reload();
      return;
    }
    reset();
    void router.invalidate();
  }

  return (
    <FailurePage testId="route-error" title={t('errors.crashTitle')} description={t('errors.crashBody')} onRetry={retry}>
      <Stack gap={4} mt="md" align="center">
        <UnstyledButton onClick={details.toggle} aria-expanded={detailsOpen}>
          <Text size="xs" c="dimmed" td="underline">
            {t('errors.details')}
          </Text>
        </UnstyledButton>
        <Collapse expanded={detailsOpen}>
          <Code block maw={520}>
            {error instanceof Error ? error.message : String(error)}
          </Code>
        </Collapse>
      </Stack>
    </FailurePage>
  );
}
