import { Anchor, Group, ScrollArea, Text, Timeline } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Choice } from '../../components/choice';
import { useFormat } from '../../lib/format';
import type { OrderPage } from './order-page-types';
import { SectionCard } from './section-card';
import { MomentBody, MOMENT_KINDS, orderMoments, type MomentKind } from './timeline-moments';

type Filter = 'all' | MomentKind;
const FILTERS: readonly Filter[] = ['all', ...MOMENT_KINDS];

/**
 * From purchase to activation, use, cases, refunds and every message with the member on the
 * order's cases: the order's story, newest first, narrowed by kind. All of it comes with the
 * order page's one request (orders.get), so the timeline adds no request of its own.
 */
export function OrderTimeline({ page }: { page: OrderPage }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [filter, setFilter] = useState<Filter>('all');
  const all = orderMoments(page, t, f);
  const moments = filter === 'all' ? all : all.filter((m) => m.kind === filter);

  return (
    <SectionCard title={t('orderDetail.timeline.title')} testId="order-timeline">
      <Choice
        size="xs"
        fullWidth
        mb="sm"
        values={FILTERS}
        value={filter}
        onChange={setFilter}
        labelOf={(value) => t(`orderDetail.timeline.kinds.${value}`)}
        aria-label={t('orderDetail.timeline.filter')}
        data-testid="timeline-filter"
      />
      {moments.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="md" data-testid="timeline-empty">
          {t('orderDetail.timeline.none')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={640} type="auto" offsetScrollbars>
          <Timeline bulletSize={12} lineWidth={2} active={moments.length - 1}>
            {moments.map((m) => (
              <Timeline.Item
                key={m.key}
                color={m.color}
                title={
                  <Text size="sm" fw={600} component="div">
                    {m.title}
                  </Text>
                }
                data-moment={m.key}
                data-kind={m.kind}
              >
                <Text size="xs" c="dimmed" component="div">
                  {f.dateTime(m.at)}
                  {m.detail && <> · {m.detail}</>}
                </Text>
                {m.body && <MomentBody body={m.body} />}
              </Timeline.Item>
            ))}
          </Timeline>
        </ScrollArea.Autosize>
      )}
      {page.moreCommunications && (filter === 'all' || filter === 'message') && (
        <Group justify="center" mt="sm">
          <Anchor
            size="xs"
            renderRoot={(props) => <Link to="/comms" search={{ member: page.member.uid }} {...props} />}
            data-testid="timeline-more-messages"
          >
            {t('orderDetail.timeline.moreMessages')}
          </Anchor>
        </Group>
      )}
    </SectionCard>
  );
}
