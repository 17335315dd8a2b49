import { z } from 'zod';
import { anomalySchema, orderStatusSchema, tierSchema, usageKindSchema } from '../refund/schema';

// The domain's closed vocabularies (docs/spec.md §2), shared by the API's validation and the UI.
// The order-side ones are the refund engine's own schemas, named here for the API.
export const orderStatus = orderStatusSchema;
export const planTier = tierSchema;
export const paymentChannel = z.enum(['alipay', 'wechat_pay', 'bank_card', 'apple_iap', 'bcoin', 'google_play']);
export const platform = z.enum(['app_ios', 'app_android', 'web']);
export const anomaly = anomalySchema;
export const usageKind = usageKindSchema;
export const caseChannel = z.enum(['app', 'web', 'online_chat', 'phone', 'email']);
export const caseReason = z.enum(['mistaken_purchase', 'unused', 'dissatisfied', 'duplicate_charge', 'unwanted_renewal', 'other']);
export const caseStatus = z.enum(['new', 'in_review', 'pending_approval', 'approved', 'refunded', 'rejected', 'reopened', 'closed']);
export const rejectReason = z.enum(['outside_window', 'already_used', 'non_refundable_plan', 'order_anomaly', 'insufficient_evidence']);
export const commDirection = z.enum(['inbound', 'outbound', 'note']);
export const commChannel = z.enum(['online_chat', 'phone', 'email', 'sms', 'in_app_message']);

export type OrderStatus = z.infer<typeof orderStatus>;
export type PlanTier = z.infer<typeof planTier>;
export type PaymentChannel = z.infer<typeof paymentChannel>;
export type CaseStatus = z.infer<typeof caseStatus>;
