import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatFen, formatSignedFen } from '../../shared/refund';
import { mutate, query } from './support/api';
import { BASE_URL, open, screenshot, signedInPage, useBrowser } from './support/browser';
import { AGENT, disputedOrder, findOrder, found, STORY_MS, SUPERVISOR, type OrderPage, type OrderRow } from './support/demo-orders';

// The refund case workflow in the browser, on the seeded demo database: an agent refunds a
// mistaken purchase from search to refund, a supervisor approves an agent's over-limit
// proposal, and a dispute is recomputed on the usage evidence beside the calendar quote.

const DAY_MS = 86_400_000;

const browserOf = useBrowser();

async function openCaseByApi(page: Page, orderNo: string, reason: string, statement: string): Promise<string> {
  const { caseNo } = await mutate<{ caseNo: string }>(page, 'cases.create', {
    orderNo,
    channel: 'phone',
    reason,
    requested: 'prorated',
    statement,
  });
  return caseNo;
}

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

async function switchToEnglish(page: Page): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

describe('an agent handles a mistaken purchase', () => {
  it(
    'finds the order, opens a case, computes a full refund, approves it and sees the order refunded',
    async () => {
      const page = await signedInPage(browserOf(), AGENT);
      const policy = await query<{ fullRefundWindowDays: number; agentApprovalLimitFen: number }>(page, 'policy.current', undefined);
      // Never used and still inside the no-questions window (with an hour to spare): a full
      // refund within the agent's own limit. A duplicate charge never used is refunded in full
      // too: the fallback when other tests have already refunded the demo's few fresh orders.
      const unused = (row: OrderRow, detail: OrderPage) =>
        row.paidFen <= policy.agentApprovalLimitFen && detail.order.activatedAt === null && detail.usage.total === 0;
      const windowMs = policy.fullRefundWindowDays * DAY_MS - 3_600_000;
      const { order } = found(
        (await findOrder(
          page,
          { tier: 'standard' },
          (row, detail) => unused(row, detail) && Date.now() - Date.parse(row.paidAt) < windowMs,
        )) ?? (await findOrder(page, { anomaly: 'duplicate_charge' }, unused)),
        'unused order an agent may refund in full',
      );

      // From the search box to the order page, and a case opened there.
      await page.getByRole('searchbox').fill(order.orderNo);
      await page.getByRole('searchbox').press('Enter');
      await page.waitForURL(`${BASE_URL}/orders/${order.orderNo}`);
      await page.getByTestId('open-case').click();
      await choose(page, 'case-reason', '误购');
      await page.getByTestId('case-statement').fill('刚买完就发现买错了，还没有用过，请帮我退款。');
      await page.getByTestId('open-case-submit').click();
      await page.waitForURL(/\/cases\/RC\d+$/);
      const caseNo = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('heading', { name: `工单 ${caseNo}` }).waitFor();
      expect(await page.getByTestId('case-summary').getByTestId('case-status').getAttribute('data-status')).toBe('new');
      expect(await page.getByTestId('statement').textContent()).toContain('买错了');

      // The quote: unused within 7 days is a full refund, in words the agent can read out.
      await page.getByTestId('compute').click();
      const latest = page.getByTestId('quote-latest');
      await latest.waitFor();
      expect(await latest.getByTestId('quote-amount').textContent()).toBe(formatFen(order.paidFen));
      expect(await latest.textContent()).toContain('全额退款');
      expect(await latest.getByTestId('quote-lines').textContent()).toContain(formatFen(order.paidFen));
      await screenshot(page, 'case-mistaken-purchase-quote-zh');

      // Approve: confirm, the gateway works, the result.
      await page.getByTestId('approve').click();
      const dialog = page.getByTestId('approve-dialog');
      expect(await dialog.textContent()).toContain(formatFen(order.paidFen));
      await page.getByTestId('confirm-refund').click();
      const result = page.getByTestId('approve-result');
      await result.waitFor({ timeout: 30_000 });
      expect(await result.getAttribute('data-refund-status')).toBe('succeeded');
      await page.getByTestId('approve-done').click();

      await page.locator('[data-testid="case-summary"] [data-status="refunded"]').waitFor();
      expect(await page.getByTestId('refund-result').getAttribute('data-refund-status')).toBe('succeeded');
      expect(await page.getByTestId('decision-panel').textContent()).toContain(`已退款 ${formatFen(order.paidFen)}`);
      await screenshot(page, 'case-refunded-zh');

      // The order page shows the refund.
      await page.getByTestId('order-link').click();
      await page.waitForURL(`${BASE_URL}/orders/${order.orderNo}`);
      await page.getByTestId('order-badges').getByText('已退款').waitFor();
      const after = await query<OrderPage>(page, 'orders.get', { orderNo: order.orderNo });
      expect(after.order.refundedFen).toBe(order.paidFen);
    },
    STORY_MS,
  );
});

describe('a supervisor approves an over-limit proposal', () => {
  it(
    'lets the agent propose a refund above ¥100 and super1 approve it from the approvals queue',
    async () => {
      const agent = await signedInPage(browserOf(), AGENT);
      // An annual order in use for a while: the prorated refund is still far above the agent's ¥100.
      const { order } = found(
        await findOrder(
          agent,
          { planCode: 'std_annual' },
          (row, detail) =>
            detail.order.activatedAt !== null &&
            detail.order.usedDaysSoFar <= 100 &&
            Math.floor((row.paidFen * (detail.order.durationDays - detail.order.usedDaysSoFar)) / detail.order.durationDays) > 12_000,
        ),
        'annual order in use',
      );
      const caseNo = await openCaseByApi(
        agent,
        order.orderNo,
        'dissatisfied',
        '年卡用了一段时间，觉得内容不值这个价，申请退还剩余天数的费用。',
      );

      await open(agent, `/cases/${caseNo}`);
      await agent.getByTestId('compute').click();
      const amount = (await agent.getByTestId('quote-latest').getByTestId('quote-amount').textContent())!;
      const blocked = agent.getByTestId('approve-blocked');
      await blocked.waitFor();
      expect(await blocked.getAttribute('data-why')).toBe('aboveLimit');
      expect(await agent.getByTestId('approve').count()).toBe(0);

      await agent.getByTestId('propose').click();
      await agent
        .getByTestId('propose-dialog')
        .locator('textarea')
        .fill('会员年卡已用不足百天，按自然日折算剩余金额，超出坐席额度，请主管审批。');
      await agent.getByTestId('propose-dialog-submit').click();
      await agent.locator('[data-testid="case-summary"] [data-status="pending_approval"]').waitFor();
      expect(await agent.getByTestId('approve-blocked').getAttribute('data-why')).toBe('waitingSupervisor');

      // super1 works the approval queue.
      const supervisor = await signedInPage(browserOf(), SUPERVISOR, '/approvals');
      const row = supervisor.locator(`[data-testid="approval-row"][data-case-no="${caseNo}"]`);
      await row.getByTestId('approval-amount').waitFor();
      expect(await row.getByTestId('approval-amount').textContent()).toBe(amount);
      expect(await row.textContent()).toContain('agent1');
      await screenshot(supervisor, 'approvals-zh');
      await switchToEnglish(supervisor);
      await row.getByText('Approve', { exact: false }).first().waitFor();
      await screenshot(supervisor, 'approvals-en');

      await row.getByTestId('approval-approve').click();
      await supervisor.getByTestId('confirm-refund').click();
      const result = supervisor.getByTestId('approve-result');
      await result.waitFor({ timeout: 30_000 });
      expect(await result.getAttribute('data-refund-status')).toBe('succeeded');
      await supervisor.getByTestId('approve-done').click();
      await row.waitFor({ state: 'detached' });

      await open(supervisor, `/cases/${caseNo}`);
      await supervisor.locator('[data-testid="case-summary"] [data-status="refunded"]').waitFor();
      expect(await supervisor.getByTestId('case-timeline').textContent()).toContain('Proposed for approval');
    },
    STORY_MS,
  );
});

describe('a dispute about the days used', () => {
  it(
    'recomputes on the usage evidence and shows both quotes side by side with the difference',
    async () => {
      const page = await signedInPage(browserOf(), AGENT);
      // Used on fewer days than the calendar counts: the evidence basis refunds more.
      const order = await disputedOrder(page);
      const caseNo = await openCaseByApi(
        page,
        order.orderNo,
        'dissatisfied',
        '我只在少数几天登录过，却被按整段时间扣费，要求按实际使用天数退款。',
      );

      // The queue, filtered in the URL to new cases: the one just opened is there.
      await open(page, '/cases?status=new');
      expect(await page.getByTestId('status-filter').inputValue()).toBe('新建');
      const queueRow = page.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`);
      await queueRow.waitFor();
      await screenshot(page, 'cases-queue-zh');

      // j / k move the highlight through the queue, Enter opens the highlighted case.
      await page.getByRole('heading', { name: '工单', exact: true }).click();
      const rows = page.getByTestId('case-row');
      const indexOf = (attr: string, value?: string) =>
        rows.evaluateAll(
          (els, [a, v]) => els.findIndex((el) => (v === undefined ? el.hasAttribute(a!) : el.getAttribute(a!) === v)),
          [attr, value],
        );
      const target = await indexOf('data-case-no', caseNo);
      const active = await indexOf('data-active');
      for (let i = active; i !== target; i += target > active ? 1 : -1) await page.keyboard.press(target > active ? 'j' : 'k');
      expect(await queueRow.getAttribute('data-active')).not.toBeNull();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `工单 ${caseNo}` }).waitFor();

      await page.getByTestId('compute').click();
      await page.getByTestId('quote-latest').waitFor();
      await page.getByTestId('recompute').click();
      await page.getByTestId('basis-picker').getByText('按使用记录').click();
      await page.getByTestId('recompute-dialog-submit').click();

      const compare = page.getByTestId('quote-compare');
      await compare.waitFor();
      const a = compare.getByTestId('quote-a');
      const b = compare.getByTestId('quote-b');
      expect(await a.textContent()).toContain('按自然日');
      expect(await b.textContent()).toContain('按使用记录');
      expect(await b.getByTestId('quote-needs-supervisor').count()).toBe(1);
      const fen = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d.]/g, '')) * 100);
      const aFen = fen(await a.getByTestId('quote-amount').textContent());
      const bFen = fen(await b.getByTestId('quote-amount').textContent());
      expect(bFen).toBeGreaterThan(aFen);
      expect(await compare.getByTestId('amount-delta').textContent()).toBe(formatSignedFen(bFen - aFen));
      expect(await compare.getByTestId('quote-diff').textContent()).toContain('已使用天数扣减');
      expect(await page.getByTestId('quote-history-row').count()).toBe(2);
      await screenshot(page, 'case-two-quotes-zh');

      await switchToEnglish(page);
      await compare.getByText('Calendar days').first().waitFor();
      await screenshot(page, 'case-two-quotes-en');
      await open(page, '/cases');
      await page.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).waitFor();
      await screenshot(page, 'cases-queue-en');

      // Leave no open case behind for the other browser tests.
      await mutate(page, 'cases.reject', { caseNo, reasonCode: 'insufficient_evidence', message: 'e2e: the dispute was only recomputed' });
    },
    STORY_MS,
  );
});
