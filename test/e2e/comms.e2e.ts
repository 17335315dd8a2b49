import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mutate, query } from './support/api';
import { newPage, open, screenshot, signIn, useBrowser } from './support/browser';

// Every word with the member on record: an agent opens a case, logs the member's phone call
// with its length, replies from a template after checking the preview, then finds both on the
// order's timeline and the call on the communications screen by a two-character Chinese phrase.

const AGENT = { username: 'agent1', password: 'agent1-demo' };
const STORY_MS = 180_000;
// Two characters no demo message contains: the search must find exactly what this test wrote.
const PHRASE = '鲸鱼';
const CALL_TEXT = `会员来电：误把联名卡当成月卡买了，还说${PHRASE}头像挂件没有领到，要求退款。`;

const browserOf = useBrowser();

interface OrderRow {
  orderNo: string;
  nickname: string;
  memberUid: string;
  anomaly: string | null;
  refundedFen: number;
}

/**
 * An order no other browser test picks: paid by bank card (the case stories want channels that
 * pay back at once), a co-branded or promotional plan (they want standard ones), the oldest
 * first (they take the newest), with no open case.
 */
async function distinctiveOrder(page: Page): Promise<OrderRow> {
  for (const tier of ['cobrand', 'promo', 'standard']) {
    const { items } = await query<{ items: OrderRow[] }>(page, 'orders.search', {
      status: 'paid',
      hasOpenCase: false,
      paymentChannel: 'bank_card',
      tier,
      dir: 'asc',
      limit: 50,
    });
    const order = items.find((o) => o.anomaly === null && o.refundedFen === 0);
    if (order) return order;
  }
  throw new Error('the demo database has no bank-card order without an open case');
}

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

describe('every word with the member on record', () => {
  it(
    'logs a call and a template reply on a case, shows both on the order timeline and finds the call on /comms',
    async () => {
      const page = await newPage(browserOf());
      await open(page, '/');
      await signIn(page, AGENT.username, AGENT.password);
      const order = await distinctiveOrder(page);

      // Open a case on the order page: the member called.
      await open(page, `/orders/${order.orderNo}`);
      await page.getByTestId('open-case').click();
      await choose(page, 'case-channel', '电话');
      await choose(page, 'case-reason', '误购');
      await page.getByTestId('case-statement').fill('会员来电说买错了会员类型，申请退款。');
      await page.getByTestId('open-case-submit').click();
      await page.waitForURL(/\/cases\/RC\d+$/);
      const caseNo = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('heading', { name: `工单 ${caseNo}` }).waitFor();

      try {
        // Quick entry on the case page: the call, from the member, 3 min 5 s.
        await page.getByTestId('log-contact').click();
        const form = page.getByTestId('log-contact-form');
        await form.getByLabel('分钟', { exact: true }).fill('3');
        await form.getByLabel('秒', { exact: true }).fill('5');
        await form.getByLabel('内容', { exact: true }).fill(CALL_TEXT);
        await form.getByTestId('log-contact-submit').click();
        await form.waitFor({ state: 'detached' });
        const call = page.getByTestId('conversation').locator('[data-testid="comm-item"][data-channel="phone"]', { hasText: PHRASE });
        await call.waitFor();
        expect(await call.getAttribute('data-direction')).toBe('inbound');
        expect(await call.textContent()).toContain('通话 3:05');

        // A reply from a template: the case fills its variables, the agent reads the preview, sends.
        await page.getByTestId('template-reply').click();
        const dialog = page.getByTestId('template-dialog');
        await choose(page, 'template-picker', '请补充退款凭证');
        const preview = await dialog.getByTestId('template-preview').inputValue();
        expect(preview).toContain(order.orderNo);
        expect(preview).toContain(order.nickname);
        expect(preview).not.toMatch(/\{\{\w+\}\}/);
        await screenshot(page, 'comms-template-preview-zh');
        await dialog.getByTestId('template-dialog-submit').click();
        await dialog.waitFor({ state: 'detached' });
        const reply = page
          .getByTestId('conversation')
          .locator('[data-testid="comm-item"][data-direction="outbound"]', { hasText: '补充支付截图' });
        await reply.waitFor();
        // Its delivery, from the API's data: queued, then sent by the outbox worker.
        expect(['待发送', '重试中', '已发送']).toContain((await reply.getByTestId('delivery-status').textContent())?.trim());
        // …and the page follows it to "sent" on its own, without a reload (the outbox runs each second).
        await reply.getByTestId('delivery-status').filter({ hasText: '已发送' }).waitFor({ timeout: 20_000 });
        await screenshot(page, 'comms-case-conversation-zh');

        // The order's timeline: both messages, newest first, and the filter down to messages only.
        await open(page, `/orders/${order.orderNo}`);
        const timeline = page.getByTestId('order-timeline');
        const messages = timeline.locator('[data-kind="message"]');
        await messages.first().waitFor();
        expect(await messages.count()).toBeGreaterThanOrEqual(2);
        expect(await messages.nth(0).textContent()).toContain('补充支付截图');
        expect(await messages.nth(0).getByTestId('delivery-status').count()).toBe(1);
        expect(await messages.nth(1).textContent()).toContain(PHRASE);
        expect(await messages.nth(1).textContent()).toContain('通话 3:05');
        expect(await timeline.locator('[data-kind="case"]').count()).toBeGreaterThanOrEqual(1);
        await timeline.getByTestId('timeline-filter').getByText('沟通', { exact: true }).click();
        await timeline.locator('[data-kind="case"]').waitFor({ state: 'detached' });
        const kinds = await timeline.locator('[data-moment]').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
        expect(new Set(kinds)).toEqual(new Set(['message']));
        await screenshot(page, 'comms-order-timeline-zh');

        // The communications screen: `/` focuses the search, two characters find the call.
        await open(page, '/comms');
        await page.getByRole('heading', { name: '沟通记录', exact: true }).click();
        await page.keyboard.press('/');
        const box = page.getByTestId('comms-search');
        expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.type(PHRASE);
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.searchParams.get('q') === PHRASE);
        await page.getByTestId('comms-count').filter({ hasText: '共 1 条' }).waitFor();
        const found = page.locator('[data-testid="comm-result"]', { hasText: CALL_TEXT });
        expect(await page.getByTestId('comm-result').count()).toBe(1);
        expect(await found.count()).toBe(1);
        expect(await found.locator('mark').first().textContent()).toBe(PHRASE);
        expect(await found.getByTestId('comm-case').textContent()).toBe(caseNo);
        expect(await found.getByTestId('comm-member').textContent()).toContain(order.memberUid);
        expect(await found.getByTestId('comm-duration').textContent()).toContain('3:05');
        expect(await found.getByTestId('comm-author').textContent()).toContain('agent1');
        await screenshot(page, 'comms-search-zh');
        await page.getByTestId('language-switch').click();
        await page.getByRole('menuitem', { name: 'English' }).click();
        await page.getByRole('menu').waitFor({ state: 'hidden' });
        await found.getByText('Phone', { exact: true }).waitFor();
        await screenshot(page, 'comms-search-en');

        // Filters live in the URL: the case's messages, the reply with its delivery status.
        await open(page, `/comms?case=${caseNo}`);
        await page.getByTestId('comms-count').filter({ hasText: '2 in all' }).waitFor();
        const onCase = page.getByTestId('comm-result');
        expect(await onCase.count()).toBe(2);
        expect(await onCase.nth(0).getAttribute('data-direction')).toBe('outbound');
        expect(await onCase.nth(0).getByTestId('delivery-status').count()).toBe(1);
        expect(await onCase.nth(1).textContent()).toContain(PHRASE);
        expect(await page.getByTestId('filter-case').inputValue()).toBe(caseNo);
        await open(page, `/comms?q=${encodeURIComponent(PHRASE)}&channel=email`);
        await page.getByTestId('comms-empty').waitFor();
      } finally {
        // Leave no open case behind for the other browser tests.
        await mutate(page, 'cases.reject', {
          caseNo,
          reasonCode: 'insufficient_evidence',
          message: 'e2e: the conversation was only recorded',
        });
      }
    },
    STORY_MS,
  );
});
