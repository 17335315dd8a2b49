import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatFen } from '../../shared/refund';
import { mutate, query } from './support/api';
import { open, RESULTS_DIR, screenshot, signedInPage, useBrowser } from './support/browser';
import { AGENT, disputedOrder, AUDITOR, findOrder, found, STORY_MS, SUPERVISOR, type OrderRow } from './support/demo-orders';

// Money decisions on the case page and in the approvals queue (docs/spec.md §3, issue 14): the
// quote decided on is only ever the agent's own choice, and a quote that went stale is shown as
// such, cannot be approved, is recomputed by its maker in one click and sent back by a checker.

const browserOf = useBrowser();

interface CaseQuote {
  quoteId: number;
  amountFen: number;
  basis: { kind: string };
  stale: { code: string; message: string } | null;
}

const quotesOf = async (page: Page, caseNo: string) => (await query<{ quotes: CaseQuote[] }>(page, 'cases.get', { caseNo })).quotes;
const checkedQuote = (page: Page) => page.locator('[data-testid="quote-option"][data-checked]');

describe('issue 14 defect 7: the decision stays on the quote the agent chose', () => {
  it(
    'recomputing on another basis never changes the chosen quote; with several quotes the agent picks; the proposal states the basis',
    async () => {
      const page = await signedInPage(browserOf(), AGENT);
      // used on fewer days than the calendar counts: the evidence basis gives another amount
      const order = await disputedOrder(page);
      const { caseNo } = await mutate<{ caseNo: string }>(page, 'cases.create', {
        orderNo: order.orderNo,
        channel: 'phone',
        reason: 'dissatisfied',
        requested: 'prorated',
        statement: '只登录过几天，要求按实际使用天数退款。',
      });
      await open(page, `/cases/${caseNo}`);

      // one quote: it is the choice, no list to pick from
      await page.getByTestId('compute').click();
      await page.getByTestId('quote-latest').waitFor();
      expect(await page.getByTestId('quote-choice').count()).toBe(0);
      await page.locator('[data-testid="approve"], [data-testid="approve-blocked"]').first().waitFor();

      // a second quote on the evidence: nothing is chosen now — the agent must pick
      await page.getByTestId('recompute').click();
      await page.getByTestId('basis-picker').getByText('按使用记录').click();
      await page.getByTestId('recompute-dialog-submit').click();
      await page.getByTestId('quote-compare').waitFor();
      await page.getByTestId('quote-choice').waitFor();
      expect(await page.getByTestId('quote-option').count()).toBe(2);
      expect(await checkedQuote(page).count()).toBe(0);
      await page.getByTestId('choose-quote-first').waitFor();
      expect(await page.locator('[data-testid="approve"], [data-testid="propose"]').count()).toBe(0);

      // the agent picks the calendar quote
      const [calendar, evidence] = await quotesOf(page, caseNo);
      if (!calendar || !evidence) throw new Error('expected the calendar and the evidence quotes');
      expect([calendar.basis.kind, evidence.basis.kind]).toEqual(['calendar', 'evidence']);
      await page.locator(`[data-testid="quote-option"][data-quote-id="${calendar.quoteId}"]`).click();
      expect(await checkedQuote(page).getAttribute('data-quote-id')).toBe(String(calendar.quoteId));
      const panel = page.getByTestId('decision-panel');
      expect(await panel.textContent()).toContain(formatFen(calendar.amountFen));
      await screenshot(page, 'decision-two-quotes-zh');
      await panel.screenshot({ path: join(RESULTS_DIR, 'decision-panel-two-quotes-zh.png') });

      // a third quote, days set by the agent: the choice stays on the calendar quote (the defect)
      await page.getByTestId('recompute').click();
      await page.getByTestId('basis-picker').getByText('人工核定天数').click();
      await page.getByTestId('recompute-dialog').locator('.mantine-NumberInput-input').fill('1');
      await page.getByTestId('recompute-dialog').locator('textarea').fill('会员提供了截图，仅 1 天有观看记录。');
      await page.getByTestId('recompute-dialog-submit').click();
      await page.locator('[data-testid="quote-option"]').nth(2).waitFor();
      expect(await page.getByTestId('quote-history-row').count()).toBe(3);
      expect(await checkedQuote(page).getAttribute('data-quote-id')).toBe(String(calendar.quoteId));
      expect(await panel.textContent()).toContain(formatFen(calendar.amountFen));

      // on the evidence quote (an exception) the proposal's note starts with its basis
      await page.locator(`[data-testid="quote-option"][data-quote-id="${evidence.quoteId}"]`).click();
      await page.getByTestId('propose').click();
      const note = await page.getByTestId('propose-dialog').locator('textarea').inputValue();
      expect(note).toContain(`按使用记录核算（#${evidence.quoteId}，${formatFen(evidence.amountFen)}）`);
      await page.getByTestId('propose-dialog').getByRole('button', { name: '取消' }).click();

      await mutate(page, 'cases.reject', {
        caseNo,
        reasonCode: 'insufficient_evidence',
        message: 'e2e: only the choice of quote was checked',
      });
    },
    STORY_MS,
  );
});

describe('a proposal whose quote went stale', () => {
  it(
    'is badged in the approvals queue, cannot be approved, is sent back, and its maker recomputes it in one click',
    async () => {
      const agent = await signedInPage(browserOf(), AGENT);
      // auto-renew on: cancelling it changes the facts the quote was made on. The quote is on the
      // usage evidence (an exception: always proposed), on the first such order it refunds something.
      let made: { caseNo: string; quote: CaseQuote; order: OrderRow } | null = null;
      const tried = new Set<string>();
      for (let attempt = 0; attempt < 5 && !made; attempt++) {
        const { order } = found(
          await findOrder(
            agent,
            { autoRenew: true },
            (row, d) => !tried.has(row.orderNo) && d.subscription?.status === 'active' && d.order.usedDaysSoFar < d.order.durationDays,
          ),
          'order with auto-renew on',
        );
        tried.add(order.orderNo);
        const { caseNo } = await mutate<{ caseNo: string }>(agent, 'cases.create', {
          orderNo: order.orderNo,
          channel: 'phone',
          reason: 'dissatisfied',
          requested: 'prorated',
          statement: '只用了几天，申请按实际使用退款。',
        });
        const quote = await mutate<CaseQuote & { needsSupervisor: boolean }>(agent, 'cases.quote', { caseNo, basis: { kind: 'evidence' } });
        if (quote.amountFen > 0 && quote.needsSupervisor) made = { caseNo, quote, order };
        else
          await mutate(agent, 'cases.reject', {
            caseNo,
            reasonCode: 'insufficient_evidence',
            message: 'e2e: nothing to propose on this order',
          });
      }
      if (!made) throw new Error('no order with auto-renew on whose evidence quote refunds something');
      const { caseNo, quote, order } = made;
      await mutate(agent, 'cases.propose', {
        caseNo,
        quoteId: quote.quoteId,
        note: `按使用记录核算（#${quote.quoteId}，${formatFen(quote.amountFen)}）`,
      });
      await mutate(agent, 'members.cancelAutoRenew', { uid: order.memberUid, planCode: order.planCode, reason: '会员只要求停止自动续费' });

      // an auditor reads the queue: the alert names whose move it is, not a send-back of theirs
      const auditor = await signedInPage(browserOf(), AUDITOR, '/approvals');
      const auditorFlag = auditor.locator(`[data-testid="approval-row"][data-case-no="${caseNo}"] [data-testid="proposal-stale"]`);
      await auditorFlag.waitFor();
      expect(await auditorFlag.textContent()).toContain('需由主管退回提议人');
      expect(await auditorFlag.textContent()).not.toContain('请退回');
      expect(await auditor.getByTestId('approvals-note').textContent()).toContain('批准和退回由主管操作');
      await auditor.context().close();

      const supervisor = await signedInPage(browserOf(), SUPERVISOR, '/approvals');
      const row = supervisor.locator(`[data-testid="approval-row"][data-case-no="${caseNo}"]`);
      const flag = row.getByTestId('proposal-stale');
      await flag.waitFor();
      expect(await flag.getAttribute('data-stale')).toBe('facts_changed');
      expect(await flag.textContent()).toContain('已失效');
      expect(await row.getByTestId('approval-approve').isDisabled()).toBe(true);
      await screenshot(supervisor, 'approvals-stale-zh');

      // the checker never recomputes: the case goes back with a prefilled note. The queue first
      // finishes loading every row's details (rows above grow as theirs arrive, and a click
      // aimed while they do can land on another row).
      await expect
        .poll(() => supervisor.locator('[data-testid="approval-row"] .mantine-Skeleton-root').count(), { timeout: 30_000 })
        .toBe(0);
      await row.getByTestId('send-back-toggle').click();
      const note = row.getByTestId('send-back-note');
      await note.waitFor({ state: 'visible' });
      expect(await note.inputValue()).toContain('已失效');
      // (once in CI no send-back request was ever made after this click, and the row stayed:
      // if it happens again, say in what state the button and the note were)
      const submit = row.getByTestId('send-back-submit');
      const sent = supervisor
        .waitForRequest((r) => r.url().includes('cases.sendBack'), { timeout: 20_000 })
        .catch(async () => {
          throw new Error(
            `no send-back request left the browser: button disabled ${await submit.isDisabled()}, ` +
              `loading ${await submit.getAttribute('data-loading')}, note ${(await note.inputValue()).length} characters, ` +
              `offline banner ${await supervisor.getByTestId('offline-banner').count()}`,
          );
        });
      await submit.click();
      await sent;
      // the row leaves the queue; a refusal would show in the row instead — fail with its words
      const refused = row.getByTestId('send-back-error');
      await Promise.race([
        row.waitFor({ state: 'detached' }),
        refused.waitFor().then(async () => {
          throw new Error(`send back refused: ${await refused.textContent()}`);
        }),
      ]);

      // the maker sees the stale quote and recomputes it on the same basis in one click
      await open(agent, `/cases/${caseNo}`);
      const stale = agent.getByTestId('stale-quote');
      await stale.waitFor();
      expect(await stale.getAttribute('data-stale')).toBe('facts_changed');
      expect(await agent.locator('[data-testid="approve"], [data-testid="propose"]').count()).toBe(0);
      await agent.getByTestId('decision-panel').screenshot({ path: join(RESULTS_DIR, 'decision-panel-stale-zh.png') });
      await agent.getByTestId('recompute-stale').click();
      await stale.waitFor({ state: 'detached' });
      const quotes = await quotesOf(agent, caseNo);
      expect(quotes).toHaveLength(2);
      expect(quotes[1]).toMatchObject({ basis: { kind: 'evidence' }, stale: null });
      expect(await checkedQuote(agent).getAttribute('data-quote-id')).toBe(String(quotes[1]?.quoteId));
      await agent.getByTestId('propose').waitFor();

      await mutate(agent, 'cases.reject', {
        caseNo,
        reasonCode: 'insufficient_evidence',
        message: 'e2e: the stale proposal was only recomputed',
      });
    },
    STORY_MS,
  );
});
