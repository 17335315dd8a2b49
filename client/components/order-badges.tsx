import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Anomaly, OrderStatus, Tier } from '../../shared/refund/schema';

// The order's status, anomaly and tier as small coloured badges, the same on every screen.
// Colour carries meaning only together with the text (never alone), for colour-blind agents.
// The colour maps are exported for the orders table's light badges (screens/orders/order-cells),
// which draw the same badges without a Mantine component per row.

export const STATUS_COLOR: Record<OrderStatus, string> = {
  payment_failed: 'red',
  paid: 'teal',
  partially_refunded: 'orange',
  refunded: 'gray',
};

export const ANOMALY_COLOR: Record<Anomaly, string> = {
  duplicate_charge: 'orange',
  chargeback: 'red',
  risk_hold: 'pink',
};

export const TIER_COLOR: Record<Tier, string> = {
  standard: 'blue',
  promo: 'grape',
  cobrand: 'cyan',
};

type Size = BadgeProps['size'];

// A badge is short text that must be read whole: never squeezed or cut with an ellipsis by a
// narrow table column (its label would otherwise give the column a min-content width of 0).
const NO_TRUNCATE = { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } as const;

export function OrderStatusBadge({ status, size = 'sm' }: { status: OrderStatus; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" size={size} radius="sm" styles={NO_TRUNCATE} data-status={status}>
      {t(`orderVocab.status.${status}`)}
    </Badge>
  );
}

/** An anomaly flag, with its plain explanation on hover. */
export function AnomalyBadge({ anomaly, size = 'sm' }: { anomaly: Anomaly; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`orderVocab.anomalyExplain.${anomaly}`)} multiline w={320} withArrow>
      <Badge color={ANOMALY_COLOR[anomaly]} variant="filled" size={size} radius="sm" styles={NO_TRUNCATE} data-anomaly={anomaly}>
        {t(`orderVocab.anomaly.${anomaly}`)}
      </Badge>
    </Tooltip>
  );
}

export function TierBadge({ tier, size = 'sm' }: { tier: Tier; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`orderVocab.tierExplain.${tier}`)} withArrow>
      <Badge color={TIER_COLOR[tier]} variant="outline" size={size} radius="sm" styles={NO_TRUNCATE}>
        {t(`orderVocab.tier.${tier}`)}
      </Badge>
    </Tooltip>
  );
}
