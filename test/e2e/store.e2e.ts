import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatFen } from '../../shared/refund';
import { mutate, query } from './support/api';
import { open, signedInPage, switchLanguage, useBrowser } from './support/browser';

// Store purchases (issue 20, docs/integration.md §6) in the browser: what the case page says of a
// Google Play order's partial quote before anyone decides.

const AGENT = { username: 'agent1', password: 'agent1-demo' };
const SUPERVISOR = { username: 'super1', password: 'super1-demo' };

const browserOf = useBrowser();

interface OrderRow {
  orderNo: string;
  paidFen: number;
  refundedFen: number;
  anomaly: string | null;
}

/** A new case on a paid Google Play order whose calendar quote pays part of it (the demo seeds ~8 % Play orders). */
async function googlePlayCaseWithPartialQuote(
  page: Page,
): Promise<{ caseNo: string; quote: { quoteId: number; amountFen: number }; paidFen: number }> {
  let cursor: string | null = null;
  for (let pageNo = 0; pageNo < 5; pageNo++) {
    const found: { items: OrderRow[]; nextCursor: string | null } = await query(page, 'orders.search', {
      status: 'paid',
      paymentChannel: 'google_play',
      tier: 'standard',
      hasOpenCase: false,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const row of found.items) {
      if (row.anomaly !== null || row.refundedFen > 0) continue;
      const { caseNo } = await mutate<{ caseNo: string }>(page, 'cases.create', {
        orderNo: row.orderNo,
        channel: 'app',
        reason: 'dissatisfied',
        requested: 'prorated',
        statement: 'e2e store: 用了几天，申请按剩余天数退款。',
      });
      const quote = await mutate<{ quoteId: number; amountFen: number }>(page, 'cases.quote', { caseNo, basis: { kind: 'calendar' } });
      if (quote.amountFen > 0 && quote.amountFen < row.paidFen) return { caseNo, quote, paidFen: row.paidFen };
      await mutate(page, 'cases.reject', { caseNo, reasonCode: 'insufficient_evidence', message: 'e2e store: not the case wanted' });
    }
    cursor = found.nextCursor;
    if (!cursor) break;
  }
  throw new Error('the demo database has no Google Play order with a partial quote');
}

describe('a Google Play order is refunded whole or not at all', () => {
  it('the case page says so beside a partial quote, and approve and propose say why they are not offered', async () => {
    const agent = await signedInPage(browserOf(), AGENT);
    const { caseNo, quote, paidFen } = await googlePlayCaseWithPartialQuote(agent);
    await open(agent, `/cases/${caseNo}`);

    const notice = agent.getByTestId('store-full-only');
    await notice.waitFor();
    const noticeText = await notice.innerText();
    expect(noticeText).toContain('Google Play 只能整单退款');
    expect(noticeText).toContain(formatFen(paidFen));
    expect(noticeText).toContain(formatFen(quote.amountFen));
    const blocked = agent.getByTestId('approve-blocked');
    await blocked.waitFor();
    expect(await blocked.getAttribute('data-why')).toBe('storeFullOnly');
    expect(await blocked.innerText()).toContain('Google Play 只能整单退款');
    expect(await agent.locator('[data-testid="approve"], [data-testid="propose"]').count()).toBe(0);
    // rejecting stays open to the agent
    await agent.getByTestId('reject').waitFor();

    // in English too
    await switchLanguage(agent, 'English');
    await agent.getByTestId('store-full-only').getByText('Google Play refunds whole orders only').waitFor();
    expect(await agent.getByTestId('approve-blocked').innerText()).toContain('Google Play refunds whole orders only');

    // a supervisor (who may approve any amount) is told the same; the server refuses either way
    const supervisor = await signedInPage(browserOf(), SUPERVISOR, `/cases/${caseNo}`);
    await supervisor.getByTestId('store-full-only').waitFor();
    expect(await supervisor.getByTestId('approve-blocked').getAttribute('data-why')).toBe('storeFullOnly');
    expect(await supervisor.locator('[data-testid="approve"], [data-testid="propose"]').count()).toBe(0);
    await expect(
      mutate(supervisor, 'cases.approve', { caseNo, quoteId: quote.quoteId, idempotencyKey: `e2e-store-${caseNo}` }),
    ).rejects.toThrow(/Google Play refunds only a whole order/);

    await mutate(agent, 'cases.reject', { caseNo, reasonCode: 'insufficient_evidence', message: 'e2e store: done' });
  });
});
