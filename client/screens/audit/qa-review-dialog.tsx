import { Alert, Anchor, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/refund/format';
import { Choice } from '../../components/choice';
import { useCaseErrorText } from '../../components/case-error-text';
import { IconAlert } from '../../components/icons';
import { errorCode } from '../../lib/trpc-errors';
import { useTRPC } from '../../trpc';
import type { QaItem } from './audit-types';

const VERDICTS = ['correct', 'incorrect'] as const;
type Verdict = (typeof VERDICTS)[number];

interface Props {
  item: QaItem;
  initialVerdict: Verdict;
  onClose: () => void;
}

/** A supervisor's verdict on one sampled decision; "incorrect" needs a comment saying why. */
export function QaReviewDialog({ item, initialVerdict, onClose }: Props) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useCaseErrorText();
  const [verdict, setVerdict] = useState<Verdict>(initialVerdict);
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.qa.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() }),
    ]);
  const review = useMutation(
    trpc.qa.review.mutationOptions({
      onSuccess: (data) => {
        void refresh();
        notifications.show({
          color: data.verdict === 'correct' ? 'teal' : 'orange',
          message: t('audit.qa.review.done', { caseNo: item.caseNo }),
        });
        onClose();
      },
      // Already reviewed by someone else: the queue is out of date either way.
      onError: (error) => errorCode(error) === 'CONFLICT' && void refresh(),
    }),
  );
  const missingComment = verdict === 'incorrect' && comment.trim() === '';

  function submit() {
    setTouched(true);
    if (missingComment) return;
    review.mutate({ reviewId: item.reviewId, verdict, comment: comment.trim() });
  }

  const error = review.error ? errorText(review.error) : null;
  const ownDecision = review.error && errorCode(review.error) === 'FORBIDDEN';

  return (
    <Modal opened onClose={onClose} title={t('audit.qa.review.title', { caseNo: item.caseNo })} size="lg" data-testid="qa-review-dialog">
      <Stack gap="md">
        <SimpleGrid cols={4} spacing="sm">
          <Fact label={t('audit.qa.columns.case')}>
            <Anchor
              size="sm"
              ff="monospace"
              renderRoot={(props) => <Link to="/cases/$caseNo" params={{ caseNo: item.caseNo }} target="_blank" {...props} />}
            >
              {item.caseNo}
            </Anchor>
          </Fact>
          <Fact label={t('audit.qa.columns.agent')}>{item.agent}</Fact>
          <Fact label={t('audit.qa.columns.amount')}>{formatFen(item.amountFen)}</Fact>
          <Fact label={t('audit.qa.columns.reason')}>{t(`cases.reason.${item.reason}`)}</Fact>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('audit.qa.review.instructions')}
        </Text>
        <Choice
          fullWidth
          values={VERDICTS}
          value={verdict}
          onChange={setVerdict}
          color={verdict === 'correct' ? 'teal' : 'red'}
          labelOf={(v) => t(`audit.qa.review.${v}`)}
          data-testid="qa-verdict-control"
        />
        <Textarea
          label={t('audit.qa.review.comment')}
          description={verdict === 'incorrect' ? t('audit.qa.review.commentRequired') : t('audit.qa.review.commentOptional')}
          placeholder={verdict === 'incorrect' ? t('audit.qa.review.incorrectPlaceholder') : t('audit.qa.review.correctPlaceholder')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={2000}
          withAsterisk={verdict === 'incorrect'}
          error={touched && missingComment ? t('audit.qa.review.commentMissing') : undefined}
          data-testid="qa-comment"
        />
        {error && (
          <Alert
            color="red"
            icon={<IconAlert />}
            title={ownDecision ? t('audit.qa.review.ownDecision') : error.title}
            data-testid="qa-review-error"
          >
            {error.detail && (
              <Text size="xs" c="dimmed">
                {error.detail}
              </Text>
            )}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('audit.qa.review.cancel')}
          </Button>
          <Button color={verdict === 'correct' ? 'teal' : 'red'} onClick={submit} loading={review.isPending} data-testid="qa-submit">
            {verdict === 'correct' ? t('audit.qa.review.submitCorrect') : t('audit.qa.review.submitIncorrect')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </Stack>
  );
}
