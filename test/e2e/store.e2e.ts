import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatFen } from '../../shared/refund';
import { mutate, query } from './support/api';
import { appStoreReceived, postAppleNotification } from './support/app-store';
import { open, signedInPage, switchLanguage, useBrowser } from './support/browser';

// Store purchases (issue 20, docs/integration.md §6) in the browser: what the case page says of a
// Google Play order's partial quote before anyone decides; Apple's consumption request from its
// signed notification (run.ts trusts a test chain and starts a fake App Store Server API) through
// the queue and the case page to the answer Apple receives, and the order page's store view.

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
): Promise<{ caseNo: string; quote: { quoteId: number; amountFen: number }; paidFen: number; orderNo: string }> {
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
      if (quote.amountFen > 0 && quote.amountFen < row.paidFen) return { caseNo, quote, paidFen: row.paidFen, orderNo: row.orderNo };
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
    const { caseNo, quote, paidFen, orderNo } = await googlePlayCaseWithPartialQuote(agent);
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

    // the order page's store view: Google has said nothing of this order
    await open(supervisor, `/orders/${orderNo}`);
    const status = supervisor.getByTestId('store-section').getByTestId('store-refund-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('none');
    expect(await status.innerText()).toContain('Google Play');
    expect(await supervisor.getByTestId('store-notification').count()).toBe(0);
  });
});

describe('Apple asks how much was consumed (CONSUMPTION_REQUEST)', () => {
  it('leads the queue with its countdown; the agent records the member’s spoken consent and sends the answer in one click', async () => {
    const agent = await signedInPage(browserOf(), AGENT);
    const found = await query<{ items: OrderRow[] }>(agent, 'orders.search', {
      status: 'paid',
      paymentChannel: 'apple_iap',
      hasOpenCase: false,
      limit: 50,
    });
    const row = found.items.find((o) => o.anomaly === null && o.refundedFen === 0);
    if (!row) throw new Error('the demo database has no paid App Store order without a case');
    const { order } = await query<{ order: { transactionId: string } }>(agent, 'orders.get', { orderNo: row.orderNo });

    const asked = await postAppleNotification('CONSUMPTION_REQUEST', order.transactionId, randomUUID());
    expect(asked).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    const caseNo = asked.body.caseNo!;
    const { storeRequest } = await query<{
      storeRequest: { consumptionPercentage: number; refundPreference: string; deliveryStatus: string };
    }>(agent, 'cases.get', { caseNo });

    // the team's queue: Apple's questions first (the demo seeds one still waiting, due sooner),
    // each with the time left to answer; this one right after those due before it
    await open(agent, '/cases?view=team');
    const first = agent.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`);
    await first.locator(`[data-testid="store-countdown"]`).waitFor();
    const rows = agent.getByTestId('case-row');
    const leading = await rows.evaluateAll((els) =>
      els.map((el) => ({ caseNo: el.getAttribute('data-case-no'), store: el.querySelector('[data-testid="store-countdown"]') !== null })),
    );
    const at = leading.findIndex((r) => r.caseNo === caseNo);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(leading.slice(0, at + 1).every((r) => r.store)).toBe(true);
    expect(await first.getByTestId('store-countdown').innerText()).toMatch(/Apple 待回复：剩\s*1[12]小时/);

    // the case: no consent yet, so nothing can be sent
    await first.getByTestId('case-link').click();
    const panel = agent.getByTestId('store-request');
    await panel.waitFor();
    expect(await panel.getByTestId('store-countdown').innerText()).toMatch(/剩余 1[12]小时.*回复 Apple/i);
    expect(await panel.getByTestId('store-consent').innerText()).toContain('尚未同意');
    expect(await panel.getByTestId('store-send').isDisabled()).toBe(true);
    await panel.getByLabel('会员如何、何时同意').fill('会员来电中口头同意向 Apple 共享使用数据');
    await panel.getByRole('button', { name: '记录会员同意' }).click();
    await panel.getByTestId('store-consent').getByText('口头同意').waitFor();
    await panel.locator('[data-testid="store-send"]:not([disabled])').click();
    await panel.getByText(`（${AGENT.username}）`).waitFor();
    expect(await panel.getByTestId('store-send').count()).toBe(0);

    // what Apple received, once
    const received = (await appStoreReceived()).filter((r) => r.transactionId === order.transactionId);
    expect(received).toEqual([
      {
        transactionId: order.transactionId,
        body: {
          customerConsented: true,
          consumptionPercentage: storeRequest.consumptionPercentage,
          deliveryStatus: storeRequest.deliveryStatus,
          refundPreference: storeRequest.refundPreference,
          sampleContentProvided: false,
        },
      },
    ]);

    // the order page's store view: the member asked Apple, the answer went out
    await open(agent, `/orders/${row.orderNo}`);
    const section = agent.getByTestId('store-section');
    await section.waitFor();
    expect(await section.getByTestId('store-refund-status').getAttribute('data-status')).toBe('requested');
    const answer = section.getByTestId('store-answer-row');
    expect(await answer.getAttribute('data-sent')).toBe('true');
    expect(await answer.innerText()).toContain(`已使用 ${(storeRequest.consumptionPercentage / 1000).toFixed(1)}%`);
    expect(await section.locator('[data-testid="store-notification"][data-type="CONSUMPTION_REQUEST"]').count()).toBe(1);
  });
});
