// Numbers the cases (RC + local yyyymmdd + 5-digit sequence of the day) and carries their
// outcome onto the orders before those are written: open-case flag, refunded amount and status,
// revoked entitlement, auto-renew cancelled by the refund.
import { caseNumber } from './order-numbers';
import { isOpen } from './case-plan';
import type { SeedCase } from './case-types';
import { localYmd } from './seed-time';
import { renderTemplate } from './templates';

export function settleCases(cases: SeedCase[]): void {
  let day = '';
  let seq = 0;
  for (const c of cases) {
    const ymd = localYmd(c.createdMs);
    if (ymd !== day) {
      day = ymd;
      seq = 0;
    }
    c.caseNo = caseNumber(c.createdMs, ++seq);
    const o = c.order;
    if (isOpen(c.status)) o.openCaseNo = c.caseNo;
    const refund = c.refund;
    if (refund?.status !== 'succeeded') continue;
    o.refundedFen += refund.amountFen;
    o.status = o.refundedFen >= o.plan.priceFen ? 'refunded' : 'partially_refunded';
    o.revokedMs = refund.settledMs;
    // A refund that left auto-renew on would charge the member again (SPEC §4.6).
    const sub = o.sub;
    if (sub && sub.status === 'active') {
      sub.status = 'cancelled';
      sub.cancelledMs = refund.settledMs;
      sub.cancelledBy = refund.approvedBy.username;
      sub.nextChargeMs = null;
      const body = renderTemplate('auto_renew_cancelled', { nickname: o.member.nickname, orderNo: o.orderNo });
      c.comms.push({ direction: 'outbound', channel: 'in_app_message', body, durationSec: null, author: refund.approvedBy, delivery: 'delivered', createdMs: refund.settledMs! + 10_000 });
    }
  }
}
