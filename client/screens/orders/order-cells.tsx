import { Link } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import type { CSSProperties, MouseEvent, ReactNode } from 'react';
import type { OrderRow } from '../../../shared/schemas/orders';
import type { Anomaly, OrderStatus, Tier } from '../../../shared/refund/schema';
import { formatFen } from '../../../shared/refund/format';
import { ANOMALY_COLOR, STATUS_COLOR, TIER_COLOR } from '../../components/order-badges';
import type { InLanguage } from '../../i18n/use-in-language';
import { formatDateTime } from '../../lib/format';
import type { OrderColumnId } from './order-columns';
import classes from './order-cells.module.css';

// The orders table's cells, drawn with plain elements and CSS-module classes rather than Mantine
// components: a page is 50 rows of 9-11 cells, and a component (or a Tooltip, with its Floating
// UI) per cell is most of what the first orders screen costs. They look like the Mantine pieces
// they replace (Anchor, Text, Stack, Group, Badge): order-cells.module.css copies their styles,
// and the badges' colours come from the same maps as the Mantine badges on the other screens.
// The tier and anomaly explanations are the native title attribute instead of a Tooltip.

/** What every cell of a row reads besides the order: the strings, in the console's language. */
export interface CellLabels {
  t: TFunction;
  /** picks the plan name in the UI's language (the API sends both) */
  inLanguage: InLanguage;
}

type Variant = 'light' | 'outline' | 'filled';

// One style object per colour and variant, made once: Mantine's colour variables for the variant
// (the same ones Mantine's Badge resolves to), read by the .badge class.
const badgeStyles = new Map<string, CSSProperties>();
function badgeStyle(variant: Variant, color: string): CSSProperties {
  const key = `${variant}:${color}`;
  let style = badgeStyles.get(key);
  if (!style) {
    const vars: Record<string, string> =
      variant === 'light'
        ? { '--lb-bg': `var(--mantine-color-${color}-light)`, '--lb-color': `var(--mantine-color-${color}-light-color)` }
        : variant === 'outline'
          ? { '--lb-color': `var(--mantine-color-${color}-outline)`, '--lb-border': `var(--mantine-color-${color}-outline)` }
          : { '--lb-bg': `var(--mantine-color-${color}-filled)` };
    style = vars as CSSProperties;
    badgeStyles.set(key, style);
  }
  return style;
}

interface BadgeOptions {
  title?: string;
  'data-status'?: OrderStatus;
  'data-anomaly'?: Anomaly;
}

/** A Mantine Badge (radius sm, never truncated, like order-badges' badges) as one <span>: no component, no Tooltip. */
function lightBadge(variant: Variant, color: string, size: 'xs' | 'sm', label: string, options?: BadgeOptions) {
  return (
    <span className={classes.badge} data-size={size} style={badgeStyle(variant, color)} {...options}>
      {label}
    </span>
  );
}

/** A plain Mantine Badge (radius sm), which a narrow column squeezes and cuts with an ellipsis. */
function squeezableBadge(variant: Variant, color: string, size: 'xs' | 'sm', label: string) {
  return (
    <span className={classes.badge} data-size={size} data-squeeze style={badgeStyle(variant, color)}>
      <span className={classes.badgeLabel}>{label}</span>
    </span>
  );
}

const statusBadge = (status: OrderStatus, t: TFunction) =>
  lightBadge('light', STATUS_COLOR[status], 'sm', t(`orderVocab.status.${status}`), { 'data-status': status });

const anomalyBadge = (anomaly: Anomaly, t: TFunction) =>
  lightBadge('filled', ANOMALY_COLOR[anomaly], 'sm', t(`orderVocab.anomaly.${anomaly}`), {
    'data-anomaly': anomaly,
    title: t(`orderVocab.anomalyExplain.${anomaly}`),
  });

const tierBadge = (tier: Tier, t: TFunction) =>
  lightBadge('outline', TIER_COLOR[tier], 'xs', t(`orderVocab.tier.${tier}`), { title: t(`orderVocab.tierExplain.${tier}`) });

// A click on a link opens that page, not the row's order (the row's own click).
const stopPropagation = (event: MouseEvent) => event.stopPropagation();

type CellRenderer = (row: OrderRow, labels: CellLabels) => ReactNode;

/** Each column's cell content (the <td> around it is the row's). */
export const ORDER_CELLS: Record<OrderColumnId, CellRenderer> = {
  orderNo: (row) => (
    <Link
      to="/orders/$orderNo"
      params={{ orderNo: row.orderNo }}
      className={`mantine-focus-auto ${classes.orderNo}`}
      onClick={stopPropagation}
    >
      {row.orderNo}
    </Link>
  ),
  member: (row) => (
    <>
      <div className={classes.nickname}>{row.nickname}</div>
      <div className={classes.uid}>{row.memberUid}</div>
    </>
  ),
  plan: (row, { t, inLanguage }) => {
    const name = inLanguage(row.planNameZh, row.planNameEn);
    return (
      <div className={classes.plan}>
        <div className={classes.planName} title={name}>
          {name}
        </div>
        {tierBadge(row.tier, t)}
      </div>
    );
  },
  paidFen: (row) => formatFen(row.paidFen),
  refundedFen: (row) =>
    row.refundedFen > 0 ? <div className={classes.refunded}>{formatFen(row.refundedFen)}</div> : <div className={classes.dimmed}>—</div>,
  status: (row, { t }) => (
    <div className={classes.group}>
      {statusBadge(row.status, t)}
      {row.anomaly && anomalyBadge(row.anomaly, t)}
    </div>
  ),
  channel: (row, { t }) => <div className={classes.nowrap}>{t(`orderVocab.channel.${row.paymentChannel}`)}</div>,
  platform: (row, { t }) => t(`orderVocab.platform.${row.platform}`),
  paidAt: (row) => (
    <div className={row.paidAt ? classes.nowrap : `${classes.nowrap} ${classes.dimmed}`}>{formatDateTime(row.paidAt ?? row.createdAt)}</div>
  ),
  renewal: (row, { t }) =>
    row.autoRenewPlan || row.isRenewal ? (
      <div className={classes.group}>
        {row.autoRenewPlan && squeezableBadge('light', 'indigo', 'xs', t('orders.autoRenewPlan'))}
        {row.isRenewal && squeezableBadge('light', 'yellow', 'xs', t('orders.renewalCharge'))}
      </div>
    ) : null,
  openCase: (row) =>
    row.openCaseNo ? (
      <Link
        to="/cases/$caseNo"
        params={{ caseNo: row.openCaseNo }}
        className={`mantine-focus-auto ${classes.caseNo}`}
        onClick={stopPropagation}
      >
        {row.openCaseNo}
      </Link>
    ) : null,
};
