// The refund engine's public API: import from 'shared/refund', not from its files.
export { computeRefund } from './compute-refund';
export { DEFAULT_POLICY } from './policy';
export { diffQuotes, type QuoteDiff, type QuoteDiffRow } from './quote-diff';
export { formatFen, formatSignedFen } from './format';
export {
  MAX_FEN,
  anomalySchema,
  basisSchema,
  fenSchema,
  isoInstantSchema,
  lineCodeSchema,
  orderStatusSchema,
  outcomeSchema,
  quoteLineSchema,
  quoteSchema,
  reasonCodeSchema,
  refundInputSchema,
  refundOrderSchema,
  refundPolicySchema,
  tierSchema,
  usageEventSchema,
  usageKindSchema,
  type Anomaly,
  type Basis,
  type LineCode,
  type OrderStatus,
  type Outcome,
  type Quote,
  type QuoteLine,
  type ReasonCode,
  type RefundInput,
  type RefundOrder,
  type RefundPolicy,
  type Tier,
  type UsageEvent,
  type UsageKind,
} from './schema';
