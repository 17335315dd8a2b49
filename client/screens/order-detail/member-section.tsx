import { Anchor, Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../../auth/session';
import { IconLock } from '../../components/icons';
import { useFormat } from '../../lib/format';
import { Facts, type Fact } from './facts';
import type { OrderMember } from './order-page-types';
import { RevealModal, type RevealField } from './reveal-modal';
import { SectionCard } from './section-card';
import classes from './order-detail.module.css';

const RISK_FLAGS = ['multi_account', 'abnormal_login', 'frequent_refunds'] as const;
function isKnownFlag(flag: string): flag is (typeof RISK_FLAGS)[number] {
  return (RISK_FLAGS as readonly string[]).includes(flag);
}

// Only roles that work cases may reveal (the server refuses auditors: FORBIDDEN).
const CAN_REVEAL = new Set(['agent', 'supervisor']);

function MaskedValue({
  masked,
  revealed,
  canReveal,
  onReveal,
  field,
}: {
  masked: string | null;
  revealed: string | null | undefined;
  canReveal: boolean;
  onReveal: () => void;
  field: RevealField;
}) {
  const { t } = useTranslation();
  if (revealed !== undefined) {
    return (
      <Group gap={6} wrap="nowrap">
        <Text span size="sm" className={classes.mono} fw={600} data-testid={`${field}-revealed`}>
          {revealed ?? t('orderDetail.member.none')}
        </Text>
        <Tooltip label={t('orderDetail.reveal.auditedHint')} withArrow>
          <Badge size="xs" variant="light" color="gray" radius="sm">
            {t('orderDetail.reveal.audited')}
          </Badge>
        </Tooltip>
      </Group>
    );
  }
  if (!masked) {
    return (
      <Text span size="sm" c="dimmed">
        {t('orderDetail.member.none')}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text span size="sm" className={classes.mono} data-testid={`${field}-masked`}>
        {masked}
      </Text>
      {canReveal && (
        <Button size="compact-xs" variant="subtle" leftSection={<IconLock size={12} />} onClick={onReveal} data-testid={`reveal-${field}`}>
          {t('orderDetail.reveal.button')}
        </Button>
      )}
    </Group>
  );
}

export function MemberSection({ member }: { member: OrderMember }) {
  const { t } = useTranslation();
  const f = useFormat();
  const staff = useStaff();
  const canReveal = CAN_REVEAL.has(staff.role);
  const [field, setField] = useState<RevealField | null>(null);
  const [revealed, setRevealed] = useState<Partial<Record<RevealField, string | null>>>({});
  // a masked fact's row: shown masked, revealed after a reason is given (audited)
  const maskedRow = (which: RevealField, masked: string | null): Fact => [
    t(`orderDetail.member.${which}`),
    <MaskedValue
      key={which}
      field={which}
      masked={masked}
      revealed={revealed[which]}
      canReveal={canReveal}
      onReveal={() => setField(which)}
    />,
  ];

  return (
    <SectionCard
      title={t('orderDetail.member.title')}
      testId="member-section"
      actions={
        <Anchor size="xs" renderRoot={(props) => <Link to="/orders" search={{ q: member.uid }} {...props} />}>
          {t('orderDetail.member.allOrders')}
        </Anchor>
      }
    >
      <Facts
        rows={[
          [
            t('orderDetail.member.nickname'),
            <Text span size="sm" fw={600} key="n">
              {member.nickname}
            </Text>,
          ],
          [
            t('orderDetail.member.uid'),
            <span key="uid" className={classes.mono}>
              {member.uid}
            </span>,
          ],
          maskedRow('phone', member.phoneMasked),
          maskedRow('email', member.emailMasked),
          [t('orderDetail.member.registeredAt'), f.dateTime(member.registeredAt)],
          [
            t('orderDetail.member.risk'),
            member.riskFlags.length > 0 ? (
              <Group gap={4} key="risk">
                {member.riskFlags.map((flag) => (
                  <Badge key={flag} size="xs" color="red" variant="light" radius="sm">
                    {isKnownFlag(flag) ? t(`orderVocab.riskFlag.${flag}`) : flag}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text span size="sm" c="dimmed" key="risk">
                {t('orderDetail.member.noRisk')}
              </Text>
            ),
          ],
        ]}
      />
      {!canReveal && (
        <Text size="xs" c="dimmed" mt="sm">
          {t('orderDetail.reveal.notForRole')}
        </Text>
      )}
      <RevealModal
        uid={member.uid}
        field={field}
        onClose={() => setField(null)}
        onRevealed={(which, value) => setRevealed((r) => ({ ...r, [which]: value }))}
      />
    </SectionCard>
  );
}
