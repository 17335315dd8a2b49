import { Alert, Button, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IconAlert, IconCheck, IconShield } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../trpc';

/** The whole chain is walked on the server on demand: a button, not a query on every visit. */
export function useChainVerify() {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.audit.verify.queryOptions(), enabled: false, staleTime: 0, gcTime: 0, retry: false });
  return query;
}

type VerifyQuery = ReturnType<typeof useChainVerify>;

export function ChainVerifyButton({ query }: { query: VerifyQuery }) {
  const { t } = useTranslation();
  return (
    <Button
      variant="default"
      leftSection={<IconShield size={16} />}
      onClick={() => void query.refetch()}
      loading={query.isFetching}
      data-testid="audit-verify"
    >
      {t('audit.verify.button')}
    </Button>
  );
}

/** The verdict, once asked for: intact (with the number of events) or the first broken link. */
export function ChainVerifyResult({ query }: { query: VerifyQuery }) {
  const { t } = useTranslation();
  if (query.isError) {
    return (
      <Alert
        color="red"
        icon={<IconAlert />}
        title={t('audit.verify.failedTitle')}
        mb="md"
        data-testid="audit-verify-result"
        data-ok="error"
      >
        {t('audit.verify.failedBody')}
      </Alert>
    );
  }
  const verdict = query.data;
  if (!verdict) return null;
  const at = formatDateTime(new Date(query.dataUpdatedAt));
  if (verdict.ok) {
    return (
      <Alert color="teal" icon={<IconCheck />} title={t('audit.verify.okTitle')} mb="md" data-testid="audit-verify-result" data-ok="true">
        <Text size="sm">{t('audit.verify.okBody', { count: verdict.events, at })}</Text>
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      variant="filled"
      icon={<IconAlert />}
      title={t('audit.verify.brokenTitle', { id: verdict.brokenAt })}
      mb="md"
      data-testid="audit-verify-result"
      data-ok="false"
    >
      <Text size="sm">{t('audit.verify.brokenBody', { id: verdict.brokenAt, count: verdict.events, at })}</Text>
      <Text size="xs" mt={4} ff="monospace">
        {verdict.problem}
      </Text>
    </Alert>
  );
}
