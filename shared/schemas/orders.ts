import { z } from 'zod';
import { searchText } from './text';
import { anomaly, orderStatus, paymentChannel, planTier, platform, usageKind } from './enums';

const isoInstant = z.iso.datetime({ offset: true });
const fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const orderSearchInput = z
  .object({
    q: searchText(100).optional(),
    status: orderStatus.optional(),
    tier: planTier.optional(),
    planCode: z.string().max(40).optional(),
    paymentChannel: paymentChannel.optional(),
    platform: platform.optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    minFen: fen.optional(),
    maxFen: fen.optional(),
    hasOpenCase: z.boolean().optional(),
    autoRenew: z.boolean().optional(),
    sort: z.enum(['paidAt', 'paidFen']).default('paidAt'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).nullish(),
  })
  .strict()
  .refine((v) => v.minFen === undefined || v.maxFen === undefined || v.minFen <= v.maxFen, {
    message: 'minFen must not exceed maxFen',
    path: ['minFen'],
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '"from" must not be after "to"', path: ['from'] });

export type OrderSearchInput = z.input<typeof orderSearchInput>;

export const orderRow = z.object({
  orderNo: z.string(),
  memberUid: z.string(),
  nickname: z.string(),
  planCode: z.string(),
  planNameZh: z.string(),
  planNameEn: z.string(),
  tier: planTier,
  autoRenewPlan: z.boolean(),
  paidFen: z.number().int(),
  refundedFen: z.number().int(),
  status: orderStatus,
  paidAt: z.string().nullable(),
  createdAt: z.string(),
  paymentChannel,
  platform,
  anomaly: anomaly.nullable(),
  isRenewal: z.boolean(),
  openCaseNo: z.string().nullable(),
});
export type OrderRow = z.infer<typeof orderRow>;

export const orderGetInput = z.object({ orderNo: z.string().trim().min(1).max(40) }).strict();

export const orderUsageInput = z
  .object({
    orderNo: z.string().trim().min(1).max(40),
    kind: usageKind.optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    dir: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(200).nullish(),
  })
  .strict();
