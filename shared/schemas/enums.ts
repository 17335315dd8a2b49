import { z } from 'zod';

// The domain's closed vocabularies (SPEC §2), shared by the API's validation and the UI.
export const orderStatus = z.enum(['payment_failed', 'paid', 'partially_refunded', 'refunded']);
export const planTier = z.enum(['standard', 'promo', 'cobrand']);
export const paymentChannel = z.enum(['alipay', 'wechat_pay', 'bank_card', 'apple_iap', 'bcoin']);
export const platform = z.enum(['app_ios', 'app_android', 'web']);
export const anomaly = z.enum(['duplicate_charge', 'chargeback', 'risk_hold']);
export const usageKind = z.enum(['login', 'perk_redemption', 'discount_use', 'playback']);
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
