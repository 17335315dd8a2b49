import { z } from 'zod';

// How the fake platform's services behave (docs/integration.md §4), set by the command line and
// changed at run time through POST /_control. Rates are shares of requests, 0..1.
export const fakeSettingsSchema = z.object({
  /** requests have their connection dropped at once, a dead service: both (true), or only the gateway or the message service */
  down: z.union([z.boolean(), z.enum(['gateway', 'messages'])]),
  /** wait before answering */
  latencyMs: z.number().int().min(0),
  /** answered 503, nothing done */
  failureRate: z.number().min(0).max(1),
  /** the next n requests are answered 503, nothing done (then the rates apply again) */
  failNext: z.number().int().min(0),
  /** done, then the answer is lost (the connection dropped) */
  loseRate: z.number().min(0).max(1),
  /** the outcome is also sent to the console as events, twice (as a platform retrying would) */
  duplicateRate: z.number().min(0).max(1),
  /** messages the service accepts (202) and then cannot deliver: their receipt is message.failed, not message.delivered */
  deliveryFailureRate: z.number().min(0).max(1),
  /** refunds the gateway declines (answers failed) */
  declineRate: z.number().min(0).max(1),
  /** a pending refund (bank cards) succeeds this long after it was asked for */
  settleAfterMs: z.number().int().min(0),
  /** send the console refund.settled / refund.failed for answers it did not get, and message receipts */
  notify: z.boolean(),
});

export type FakeSettings = z.infer<typeof fakeSettingsSchema>;

export const DEFAULT_FAKE_SETTINGS: FakeSettings = {
  down: false,
  latencyMs: 0,
  failureRate: 0,
  failNext: 0,
  loseRate: 0,
  duplicateRate: 0,
  deliveryFailureRate: 0,
  declineRate: 0,
  settleAfterMs: 2_000,
  notify: true,
};
