import { Alert, Button, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseQuote } from '../../components/case-api-types';
import { useCaseErrorText } from '../../components/case-error-text';
import { IconCalculator } from '../../components/case-icons';
import { useRefreshCase } from '../../components/case-refresh';
import { IconAlert } from '../../components/icons';
import { QuoteCard } from '../../components/quote-card';
import { useTRPC } from '../../trpc';
import type { Capabilities } from './case-capabilities';
import { GoogleFullOnlyNotice } from './google-full-only-notice';
import { QuoteCompare } from './quote-compare';
import { QuoteHistory } from './quote-history';
import { RecomputeDialog } from './recompute-dialog';

/** Which two quotes are compared: by default the one before the latest and the latest. */
function useComparedPair(detail: CaseDetail) {
  const quotes = detail.quotes;
  const [picked, setPicked] = useState<{ a: number; b: number; seen: number } | null>(null);
  const [before, latest] = quotes.slice(-2);
  const fallback = before && latest ? { a: before.quoteId, b: latest.quoteId } : null;
  const pair = picked && picked.seen === quotes.length ? picked : fallback;
  const set = (side: 'a' | 'b', quoteId: number) => pair && setPicked({ ...pair, [side]: quoteId, seen: quotes.length });
  return [pair, set] as const;
}

/** `quote`: the one the decision is on (the page's choice), which a store rule is judged against. */
export function QuotePanel({ detail, caps, quote }: { detail: CaseDetail; caps: Capabilities; quote: CaseQuote | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshCase();
  const errorText = useCaseErrorText();
  const [recomputing, setRecomputing] = useState(false);
  const [pair, pick] = useComparedPair(detail);
  const compute = useMutation(trpc.cases.quote.mutationOptions({ onSuccess: () => refresh() }));
  const { quotes } = detail;
  const latest = quotes.at(-1);
  const a = pair && quotes.find((q) => q.quoteId === pair.a);
  const b = pair && quotes.find((q) => q.quoteId === pair.b);
  const caseNo = detail.case.caseNo;

  return (
    <Paper withBorder radius="md" p="md" data-testid="quote-panel">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('caseDetail.quote.title')}
        </Title>
        {caps.quote && latest && (
          <Button size="xs" variant="light" onClick={() => setRecomputing(true)} data-testid="recompute">
            {t('caseDetail.quote.recompute')}
          </Button>
        )}
      </Group>

      {caps.apple && (
        <Alert color="orange" icon={<IconAlert />} title={t('caseDetail.apple.title')} mb="sm" data-testid="apple-notice">
          {t('caseDetail.apple.body')}
        </Alert>
      )}
      {caps.storeFullOnly && quote && <GoogleFullOnlyNotice detail={detail} quote={quote} />}
      {compute.error && (
        <Alert color="red" icon={<IconAlert />} title={errorText(compute.error).title} mb="sm">
          {errorText(compute.error).detail}
        </Alert>
      )}

      {!latest ? (
        !caps.apple && (
          <Stack align="center" gap="xs" py="lg" data-testid="no-quote">
            <IconCalculator size={28} color="var(--mantine-color-gray-5)" />
            <Text size="sm" c="dimmed" ta="center" maw={420}>
              {caps.quote ? t('caseDetail.quote.noneYet') : t('caseDetail.quote.noneReadOnly')}
            </Text>
            {caps.quote && (
              <Button
                onClick={() => compute.mutate({ caseNo, basis: { kind: 'calendar' } })}
                loading={compute.isPending}
                data-testid="compute"
              >
                {t('caseDetail.quote.compute')}
              </Button>
            )}
          </Stack>
        )
      ) : a && b ? (
        <QuoteCompare quotes={quotes} a={a} b={b} onPick={pick} paidFen={detail.order.paidFen} />
      ) : (
        <QuoteCard quote={latest} caption={t('caseDetail.quote.latest')} paidFen={detail.order.paidFen} testId="quote-latest" />
      )}

      {quotes.length > 1 && (
        <>
          <Divider my="sm" label={t('caseDetail.quote.history.title', { count: quotes.length })} labelPosition="left" />
          <QuoteHistory
            quotes={quotes}
            proposedQuoteId={detail.case.proposedQuoteId}
            compared={pair ? [pair.a, pair.b] : null}
            onCompare={(id) => pick('a', id)}
          />
        </>
      )}
      {recomputing && latest && (
        <RecomputeDialog
          caseNo={caseNo}
          totalDays={latest.totalDays}
          onClose={() => setRecomputing(false)}
          onDone={() => setRecomputing(false)}
        />
      )}
    </Paper>
  );
}
