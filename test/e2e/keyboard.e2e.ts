import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mutate, query } from './support/api';
import { describeViolations, seriousViolations } from './support/axe';
import { open, signedInPage, useBrowser } from './support/browser';

// Issue 18: an agent approves, rejects and logs a call on a case, and a supervisor approves from
// the approvals queue, with the keyboard alone — no mouse click anywhere in these tests. D goes to the decision, C opens the contact form, Tab and
// Enter do the rest, Ctrl+Enter saves, and the keyboard is never dropped on the page after a
// dialog or form closes. The dialogs on the way pass axe-core too.

const AGENT = { username: 'agent1', password: 'agent1-demo' };
const SUPERVISOR = { username: 'super1', password: 'super1-demo' };
const STORY_MS = 150_000;

const browserOf = useBrowser();

interface CaseQuote {
  quoteId: number;
  amountFen: number;
  needsSupervisor: boolean;
}

/**
 * A new phone case on a paid order with a calendar quote that `fits`; cases whose quote does not
 * fit are closed again (rejected through the API) so they do not pile up in the queue.
 */
async function caseWithQuote(page: Page, fits: (quote: CaseQuote) => boolean): Promise<{ caseNo: string; quote: CaseQuote }> {
  const found: { items: { orderNo: string; anomaly: string | null; paymentChannel: string }[] } = await query(page, 'orders.search', {
    status: 'paid',
    hasOpenCase: false,
    limit: 100,
  });
  for (const row of found.items) {
    if (row.anomaly !== null || ['apple_iap', 'bank_card', 'google_play'].includes(row.paymentChannel)) continue;
    const { caseNo } = await mutate<{ caseNo: string }>(page, 'cases.create', {
      orderNo: row.orderNo,
      channel: 'phone',
      reason: 'dissatisfied',
      requested: 'prorated',
      statement: 'e2e keyboard: 会员来电申请退款。',
    });
    const quote = await mutate<CaseQuote>(page, 'cases.quote', { caseNo, basis: { kind: 'calendar' } });
    if (fits(quote)) return { caseNo, quote };
    await mutate(page, 'cases.reject', { caseNo, reasonCode: 'insufficient_evidence', message: 'e2e keyboard: not the case wanted' });
  }
  throw new Error('no paid order gave a quote that fits');
}

/** What has the keyboard now: its test id, or its tag and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  });
}

/** Presses Tab (or Shift+Tab) until the element matching `selector` has the keyboard; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 25, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press(key);
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return presses;
  }
  throw new Error(`${selector} not reached in ${max} presses of Tab; the keyboard is on ${await focused(page)}`);
}

async function expectNoSeriousViolations(page: Page, where: string) {
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(where, violations)).toEqual([]);
}

async function caseStatus(page: Page, caseNo: string): Promise<string> {
  const detail = await query<{ case: { status: string } }>(page, 'cases.get', { caseNo });
  return detail.case.status;
}

async function openCase(page: Page, caseNo: string) {
  await open(page, `/cases/${caseNo}`);
  await page.getByTestId('decision-panel').waitFor();
  await page.waitForLoadState('networkidle');
}

describe('the keyboard alone', () => {
  it(
    'approves a refund within the agent’s limit: D, Enter, Tab to confirm, Enter, Enter',
    async () => {
      const page = await signedInPage(browserOf(), AGENT, '/cases');
      const { caseNo } = await caseWithQuote(page, (q) => q.amountFen > 0 && !q.needsSupervisor);
      await openCase(page, caseNo);

      await page.keyboard.press('d');
      expect(await focused(page)).toBe('approve');
      await page.keyboard.press('Enter');
      await page.getByTestId('confirm-refund').waitFor();
      await expectNoSeriousViolations(page, 'approve dialog');
      await tabTo(page, '[data-testid="confirm-refund"]');
      await page.keyboard.press('Enter');

      const result = page.getByTestId('approve-result');
      await result.waitFor({ timeout: 30_000 });
      // the result's only button has the keyboard: Enter closes the dialog
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'approve-done');
      await page.keyboard.press('Enter');
      await page.getByTestId('approve-dialog').waitFor({ state: 'detached' });
      expect(['approved', 'refunded']).toContain(await caseStatus(page, caseNo));
    },
    STORY_MS,
  );

  it(
    'rejects with a reason and the member’s message: D, Tab to 驳回, pick the reason, Tab to submit',
    async () => {
      const page = await signedInPage(browserOf(), AGENT, '/cases');
      const { caseNo } = await caseWithQuote(page, () => true);
      await openCase(page, caseNo);

      await page.keyboard.press('d');
      await tabTo(page, '[data-testid="reject"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('reject-message').waitFor();
      await tabTo(page, 'input[data-testid="reject-reason"]');
      // the reason list opens with the arrow keys; Enter takes the highlighted reason
      await page.keyboard.press('ArrowDown');
      await page.getByRole('listbox').waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => ((document.querySelector('[data-testid="reject-message"]') as HTMLTextAreaElement | null)?.value ?? '').length > 10,
      );
      // a template value the case cannot fill (e.g. {{reason}}, "工单中没有可自动填入的值") is the
      // agent's to write: Tab to the message, select it all and type it whole
      const drafted = await page.getByTestId('reject-message').inputValue();
      if (/\{\{\w+\}\}/.test(drafted)) {
        await tabTo(page, '[data-testid="reject-message"]');
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(drafted.replace(/\{\{\w+\}\}/g, '详见订单的使用记录。'));
      }
      await expectNoSeriousViolations(page, 'reject dialog');
      await tabTo(page, '[data-testid="reject-dialog-submit"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('reject-message').waitFor({ state: 'detached' });
      await expect.poll(() => caseStatus(page, caseNo), { timeout: 15_000 }).toBe('rejected');
    },
    STORY_MS,
  );

  it(
    'logs a call with its duration: C, type, Tab to the fields, Ctrl+Enter saves, the keyboard is back on 记录沟通',
    async () => {
      const page = await signedInPage(browserOf(), AGENT, '/cases');
      const { caseNo } = await caseWithQuote(page, () => true);
      await openCase(page, caseNo);
      const before = await page.getByTestId('comm-item').count();

      await page.keyboard.press('c');
      const form = page.getByTestId('log-contact-form');
      await form.waitFor();
      // the note box has the keyboard at once
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('body');
      await page.keyboard.type('e2e keyboard: 会员来电询问退款进度，已说明按自然日核算。');
      // back to the call's length (the case came in by phone, so the form is on a phone call)
      await tabTo(page, '[data-testid="log-contact-form"] input[aria-label="分钟"]', 10, 'Shift+Tab');
      await page.keyboard.type('4');
      await page.keyboard.press('Tab');
      await page.keyboard.type('30');
      await expectNoSeriousViolations(page, 'log-a-contact form');
      await page.keyboard.press('Control+Enter');

      await form.waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('comm-item').count()).toBe(before + 1);
      expect(await focused(page)).toBe('log-contact');
      const logged = await query<{ communications: { body: string; durationSec: number | null }[] }>(page, 'cases.get', { caseNo });
      expect(logged.communications.find((c) => c.body.startsWith('e2e keyboard'))?.durationSec).toBe(4 * 60 + 30);
    },
    STORY_MS,
  );

  it(
    'approves a proposal from the approvals queue: Tab to its 批准, Enter, Tab to confirm, Enter',
    async () => {
      const agent = await signedInPage(browserOf(), AGENT, '/cases');
      const { caseNo, quote } = await caseWithQuote(agent, (q) => q.amountFen > 0);
      await mutate(agent, 'cases.propose', { caseNo, quoteId: quote.quoteId, note: 'e2e keyboard: 请主管复核' });

      const page = await signedInPage(browserOf(), SUPERVISOR, '/approvals');
      const approve = `[data-case-no="${caseNo}"] [data-testid="approval-approve"]:not([disabled])`;
      await page.locator(approve).waitFor();
      // every row before it has a case link, a breakdown toggle, send back and approve
      await tabTo(page, approve, 200);
      await page.keyboard.press('Enter');
      await page.getByTestId('confirm-refund').waitFor();
      await tabTo(page, '[data-testid="confirm-refund"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('approve-result').waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'approve-done');
      await page.keyboard.press('Enter');
      await page.getByTestId('approve-dialog').waitFor({ state: 'detached' });
      expect(['approved', 'refunded']).toContain(await caseStatus(page, caseNo));
    },
    STORY_MS,
  );
});
