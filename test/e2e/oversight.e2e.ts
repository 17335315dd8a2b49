import { readFileSync } from 'node:fs';
import { request, type APIRequestContext } from 'playwright-core';
import { assert, describe, expect, it } from 'vitest';
import { BASE_URL, open, screenshot, settle, signedInPage, switchLanguage, useBrowser } from './support/browser';

// Oversight: the dashboard, the audit log and histories, chain verification, QA review and the
// audit export, as a supervisor and as an auditor (read-only), on the seeded demo database.

const SUPERVISOR = { username: 'super1', password: 'super1-demo' };
const AUDITOR = { username: 'auditor1', password: 'auditor1-demo' };
const AGENT = { username: 'agent1', password: 'agent1-demo' };
const AUDIT_CSV_HEADER = 'id,at,actor,role,action,entity_type,entity_id,before,after,reason,request_id,hash';

// One browser for the file; every page any test opened must have run without CSP violations or
// script errors.
const browserOf = useBrowser();

// --- the API, for setting the scene (plain JSON over HTTP, as curl would) -----------------------

async function apiSession(who: { username: string; password: string }): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: BASE_URL });
  await call(api, 'auth.login', who, 'mutation');
  return api;
}

async function call<T = unknown>(api: APIRequestContext, path: string, input: unknown, kind: 'query' | 'mutation' = 'query'): Promise<T> {
  const res =
    kind === 'query'
      ? await api.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input ?? {}))}`)
      : await api.post(`/trpc/${path}`, { data: input, headers: { 'Content-Type': 'application/json' } });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok() || !body.result) throw new Error(`${path} answered ${res.status()}: ${body.error?.message ?? JSON.stringify(body)}`);
  return body.result.data;
}

interface QaItem {
  reviewId: number;
  caseNo: string;
  agent: string;
}

/**
 * A decision agent1 made alone and QA drew for review. The seed samples none, so: sample every
 * such decision from now on, then have agent1 refund a recent, unused, standard order on a
 * channel that pays back at once (not Apple, not a bank card that settles days later).
 */
async function sampledDecision(supervisorApi: APIRequestContext): Promise<QaItem> {
  const waiting = await call<QaItem[]>(supervisorApi, 'qa.queue', { reviewed: false });
  const existing = waiting.find((item) => item.agent !== SUPERVISOR.username);
  if (existing) return existing;

  await call(supervisorApi, 'qa.setSettings', { samplePercent: 100 }, 'mutation');
  const agentApi = await apiSession(AGENT);
  try {
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const search = await call<{ items: { orderNo: string; paymentChannel: string; anomaly: string | null }[] }>(agentApi, 'orders.search', {
      status: 'paid',
      tier: 'standard',
      hasOpenCase: false,
      from: monthAgo,
      maxFen: 10_000,
      limit: 100,
    });
    const skipped: string[] = [];
    const candidates: { orderNo: string; unused: boolean }[] = [];
    for (const candidate of search.items) {
      if (candidate.anomaly || !['alipay', 'wechat_pay', 'bcoin'].includes(candidate.paymentChannel)) {
        skipped.push(`${candidate.orderNo}: ${candidate.paymentChannel}, anomaly ${candidate.anomaly}`);
        continue;
      }
      const detail = await call<{ order: { activatedAt: string | null; openCaseNo: string | null } }>(agentApi, 'orders.get', {
        orderNo: candidate.orderNo,
      });
      if (!detail.order.openCaseNo) candidates.push({ orderNo: candidate.orderNo, unused: detail.order.activatedAt === null });
    }
    // Unused orders first (a full refund within the week); a used one may still earn a prorated refund.
    candidates.sort((a, b) => Number(b.unused) - Number(a.unused));
    for (const candidate of candidates) {
      const skip = (why: string) => skipped.push(`${candidate.orderNo}: ${why}`);
      let created: { caseNo: string };
      let quote: { quoteId: number; amountFen: number; needsSupervisor: boolean };
      try {
        created = await call(
          agentApi,
          'cases.create',
          {
            orderNo: candidate.orderNo,
            channel: 'app',
            reason: 'mistaken_purchase',
            requested: 'full',
            statement: 'Bought the wrong plan by mistake (e2e oversight).',
          },
          'mutation',
        );
        quote = await call(agentApi, 'cases.quote', { caseNo: created.caseNo, basis: { kind: 'calendar' } }, 'mutation');
      } catch (error) {
        skip(error instanceof Error ? error.message : String(error));
        continue;
      }
      if (quote.amountFen <= 0 || quote.needsSupervisor) {
        skip(`quote ${quote.amountFen} fen, needs a supervisor: ${quote.needsSupervisor}`);
        // Leave no open case behind for other tests: decline it as the policy says.
        await call(
          agentApi,
          'cases.reject',
          { caseNo: created.caseNo, reasonCode: 'outside_window', message: 'e2e: not refundable by an agent alone' },
          'mutation',
        ).catch(() => {});
        continue;
      }
      const approved = await call<{ status: string }>(
        agentApi,
        'cases.approve',
        { caseNo: created.caseNo, quoteId: quote.quoteId, idempotencyKey: `e2e-oversight-${created.caseNo}` },
        'mutation',
      );
      expect(approved.status).toBe('refunded');
      const queue = await call<QaItem[]>(supervisorApi, 'qa.queue', { reviewed: false });
      const sampled = queue.find((item) => item.caseNo === created.caseNo);
      if (sampled) return sampled;
      skip(`${created.caseNo} refunded but not sampled`);
    }
    throw new Error(`no seeded order could be refunded by agent1 alone to sample a decision for QA:\n${skipped.join('\n')}`);
  } finally {
    await agentApi.dispose();
  }
}

// --- the tests ---------------------------------------------------------------------------------

describe('the dashboard', () => {
  it('shows a supervisor figures and charts for the last 120 days, with exports and links to the cases', async () => {
    const page = await signedInPage(browserOf(), SUPERVISOR, '/dashboard');
    await page.getByTestId('dash-kpis').waitFor();
    // The default range is the last 30 days; pick the last 120 from the picker's presets.
    await page.getByTestId('dash-range').click();
    await page.getByRole('button', { name: '最近 120 天' }).click();
    await page.waitForURL(/\/dashboard\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    const url = new URL(page.url());
    const from = url.searchParams.get('from')!;
    const to = url.searchParams.get('to')!;
    expect(Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)).toBe(119);
    await settle(page);

    const kpi = (key: string) => page.locator(`[data-testid="dash-kpi"][data-kpi="${key}"]`);
    await page.getByTestId('dash-body').waitFor();
    expect(Number(await kpi('refunds').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(Number(await kpi('amount').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await kpi('amount').getByTestId('dash-kpi-value').textContent()).toMatch(/^¥\d+\.\d{2}$/);
    expect(Number(await kpi('rejections').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(await kpi('approvalRate').getByTestId('dash-kpi-value').textContent()).toMatch(/%$/);

    // Charts, not just numbers: bars drawn per day and in each of the four splits.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="dash-daily-chart"] .recharts-bar-rectangle').length > 0);
    expect(await page.locator('[data-testid="dash-daily-chart"] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    for (const split of ['reason', 'channel', 'plan', 'agent']) {
      const card = page.getByTestId(`dash-by-${split}`);
      expect(await card.locator('.recharts-bar-rectangle').count(), split).toBeGreaterThan(0);
      expect(await card.getByTestId('dash-breakdown-row').count(), split).toBeGreaterThan(0);
    }

    // The figures lead to the cases behind them, with the case queue's own URL filters and the same range.
    expect(await kpi('rejections').getByTestId('dash-kpi-cases').getAttribute('href')).toBe(
      `/cases?view=team&status=all&decision=rejected&dateField=decided&from=${from}&to=${to}`,
    );
    const agentLink = page.getByTestId('dash-by-agent').getByTestId('dash-breakdown-cases').first();
    expect(await agentLink.getAttribute('href')).toMatch(
      new RegExp(`^/cases\\?view=team&status=all&decision=refunded&dateField=decided&from=${from}&to=${to}&decidedBy=\\w+$`),
    );

    // CSV exports for the range: plain links to the export endpoints, from/to as instants.
    await page.getByTestId('dash-export').click();
    for (const kind of ['cases', 'refunds', 'communications']) {
      const href = await page.getByTestId(`dash-export-${kind}`).getAttribute('href');
      expect(href).toMatch(new RegExp(`^/export/${kind}\\.csv\\?from=\\d{4}-\\d{2}-\\d{2}T.*&to=`));
    }
    const res = await page.context().request.get(`${BASE_URL}${await page.getByTestId('dash-export-refunds').getAttribute('href')}`);
    expect(res.status()).toBe(200);
    expect((await res.text()).replace(/^\uFEFF/, '').split('\n')[0]).toContain('refund_id,case_no,order_no,amount_fen');
    await page.keyboard.press('Escape');

    await screenshot(page, 'oversight-dashboard-zh');
    await switchLanguage(page, 'English');
    await page.getByText('Refunds per day').waitFor();
    await settle(page);
    await screenshot(page, 'oversight-dashboard-en');
  }, 120_000);

  it('opens the cases behind a figure with its filters applied, as many as the figure says', async () => {
    const page = await signedInPage(browserOf(), SUPERVISOR, '/dashboard');
    await page.getByTestId('dash-range').click();
    await page.getByRole('button', { name: '最近 120 天' }).click();
    await page.waitForURL(/\/dashboard\?from=/);
    const url = new URL(page.url());
    // the figures of the range picked, not those of the previous range still shown meanwhile
    await page
      .locator(`[data-testid="dash-body"][data-range="${url.searchParams.get('from')}/${url.searchParams.get('to')}"]:not([data-stale])`)
      .waitFor();
    await settle(page);
    const dashboardUrl = page.url();
    const rejections = page.locator('[data-testid="dash-kpi"][data-kpi="rejections"]');
    const figure = Number(await rejections.getAttribute('data-value'));
    expect(figure).toBeGreaterThan(0);

    await rejections.getByTestId('dash-kpi-value').click();
    await page.waitForURL(/\/cases\?.*decision=rejected/);
    const total = page.locator('[data-testid="case-total"]:not([data-total=""])');
    await total.waitFor();
    expect(Number(await total.getAttribute('data-total')), page.url()).toBe(figure);
    await page.locator('[data-testid="case-filter-pill"][data-filter="decision"]').waitFor();
    await page.locator('[data-testid="case-filter-pill"][data-filter="dates"]').waitFor();
    expect(await page.getByTestId('case-row').count()).toBe(Math.min(figure, 50));
    // The screen's export holds exactly the cases the filters match, not just the page shown.
    const href = await page.getByTestId('cases-export').getAttribute('href');
    expect(href).toMatch(/^\/export\/cases\.csv\?.*decision=rejected/);
    const csv = await (await page.request.get(`${BASE_URL}${href}`)).text();
    expect(
      csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n').length - 1,
    ).toBe(figure);

    // A split's row does the same; the back button returns to the dashboard as it was.
    await page.goBack();
    await page.waitForURL(dashboardUrl);
    const row = page.getByTestId('dash-by-reason').getByTestId('dash-breakdown-row').first();
    await row.waitFor();
    const rowCount = Number(await row.getByTestId('dash-breakdown-count').textContent());
    await row.getByTestId('dash-breakdown-cases').click();
    await page.waitForURL(/\/cases\?.*decision=refunded.*reason=/);
    await page.locator(`[data-testid="case-total"][data-total="${rowCount}"]`).waitFor();
    await settle(page);
    await screenshot(page, 'oversight-dashboard-cases-zh');
  }, 120_000);

  it('says so when the range holds nothing', async () => {
    const page = await signedInPage(browserOf(), SUPERVISOR, '/dashboard?from=2020-01-01&to=2020-01-31');
    await page.getByTestId('dash-empty').waitFor();
    expect(await page.getByTestId('dash-kpis').count()).toBe(0);
  });
});

describe('the audit log', () => {
  it('pages the log by keyset, newest first, each change shown as a diff', async () => {
    const page = await signedInPage(browserOf(), SUPERVISOR, '/audit');
    const rows = page.getByTestId('audit-event');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    await page.getByTestId('audit-load-more').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-event"]').length > 50);
    const ids = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-event-id'))));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(await page.locator('[data-testid="audit-event"] [data-testid="audit-diff"]').count()).toBeGreaterThan(0);
    // Without a time range, the export is the whole log.
    expect(await page.getByTestId('audit-export').getAttribute('href')).toBe('/export/audit.csv');

    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await screenshot(page, 'oversight-audit-log-zh');
    await switchLanguage(page, 'English');
    await page.getByRole('tab', { name: 'Audit log' }).waitFor();
    await settle(page);
    await screenshot(page, 'oversight-audit-log-en');
  }, 120_000);

  it('filters by action from the URL and verifies the hash chain on demand', async () => {
    const page = await signedInPage(browserOf(), SUPERVISOR, '/audit?action=case.approve');
    const rows = page.getByTestId('audit-event');
    await page.locator('[data-testid="audit-event"][data-action="case.approve"]').first().waitFor();
    const actions = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    expect(new Set(actions)).toEqual(new Set(['case.approve']));

    await page.getByTestId('audit-verify').click();
    const verdict = page.getByTestId('audit-verify-result');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    expect(await verdict.textContent()).toContain('哈希链完整');
  }, 120_000);

  it('shows a case’s full history as a timeline, entered by number or from the URL', async () => {
    const supervisorApi = await apiSession(SUPERVISOR);
    const approvals = await call<{ items: { entityId: string }[] }>(supervisorApi, 'audit.list', { action: 'case.approve', limit: 1 });
    await supervisorApi.dispose();
    const caseNo = approvals.items[0]?.entityId;
    assert.isDefined(caseNo, 'the seed has an approved case');

    const page = await signedInPage(browserOf(), SUPERVISOR, '/audit?tab=history');
    await page.getByTestId('audit-history-input').fill(caseNo);
    await page.getByTestId('audit-history-submit').click();
    await page.getByTestId('audit-timeline').waitFor();
    expect(page.url()).toContain(`entityId=${caseNo}`);
    const events = page.getByTestId('audit-history-event');
    const actions = await events.evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    expect(actions.length).toBeGreaterThanOrEqual(3);
    expect(actions[0]).toMatch(/^case\.(open|create)$/);
    expect(actions).toContain('case.approve');
    expect(await page.locator('[data-testid="audit-history-event"] [data-testid="audit-diff"]').count()).toBeGreaterThan(0);
    await settle(page);
    await screenshot(page, 'oversight-history-zh');

    // Arriving with the entity in the URL (as links from other screens do) opens the same history.
    await open(page, `/audit?entityType=case&entityId=${caseNo}`);
    await page.getByTestId('audit-timeline').waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="audit-history-event"]').length >= n, actions.length);
    await switchLanguage(page, 'English');
    await page.getByText(`Full history of Case ${caseNo}`).waitFor();
    await settle(page);
    await screenshot(page, 'oversight-history-en');
  }, 120_000);
});

describe('quality review', () => {
  it('lets a supervisor score a sampled decision, asking why when it was wrong', async () => {
    const supervisorApi = await apiSession(SUPERVISOR);
    const { samplePercent } = await call<{ samplePercent: number }>(supervisorApi, 'qa.settings', {});
    try {
      const item = await sampledDecision(supervisorApi);
      const page = await signedInPage(browserOf(), SUPERVISOR, '/audit?tab=qa');
      const row = page.locator(`[data-testid="qa-queue"] [data-testid="qa-row"][data-review-id="${item.reviewId}"]`);
      await row.waitFor();
      expect(await row.getByTestId('qa-case-link').getAttribute('href')).toBe(`/cases/${item.caseNo}`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="qa-results-chart"] .recharts-bar-rectangle').length > 0);
      await settle(page);
      await screenshot(page, 'oversight-qa-zh');

      await row.getByTestId('qa-score-incorrect').click();
      const dialog = page.getByRole('dialog');
      await page.getByTestId('qa-comment').waitFor();
      // "Incorrect" without a comment is refused in the form, before anything is sent.
      await page.getByTestId('qa-submit').click();
      await dialog.getByText('请写明决定哪里有误').waitFor();
      await page.getByTestId('qa-comment').fill('会员付款后未激活，应全额退款；但沟通记录里没有确认会员身份，请补充核实步骤。');
      await screenshot(page, 'oversight-qa-dialog-zh');
      await page.getByTestId('qa-submit').click();
      await page.getByTestId('qa-comment').waitFor({ state: 'detached' });
      await row.waitFor({ state: 'detached' });

      await page.getByTestId('qa-tab-reviewed').click();
      const reviewed = page.locator(`[data-testid="qa-reviewed"] [data-testid="qa-row"][data-review-id="${item.reviewId}"]`);
      await reviewed.waitFor();
      expect(await reviewed.getByTestId('qa-verdict').textContent()).toBe('有误');
      expect(await reviewed.textContent()).toContain(SUPERVISOR.username);
      const result = page.locator(`[data-testid="qa-result-row"][data-agent="${item.agent}"]`);
      expect(Number(await result.locator('td').nth(3).textContent())).toBeGreaterThanOrEqual(1);

      // The verdict is on the case's record.
      const history = await call<{ action: string; after: { verdict?: string } | null }[]>(supervisorApi, 'audit.history', {
        entityType: 'case',
        entityId: item.caseNo,
      });
      expect(history.some((e) => e.action === 'qa.review' && e.after?.verdict === 'incorrect')).toBe(true);
    } finally {
      await call(supervisorApi, 'qa.setSettings', { samplePercent }, 'mutation');
      await supervisorApi.dispose();
    }
  }, 180_000);
});

describe('the auditor', () => {
  it('exports the audit log as CSV and sees QA without any scoring control', async () => {
    // A decision waiting for review, so the auditor sees a queue row (and no controls on it).
    const supervisorApi = await apiSession(SUPERVISOR);
    const { samplePercent } = await call<{ samplePercent: number }>(supervisorApi, 'qa.settings', {});
    const waiting = await sampledDecision(supervisorApi).finally(async () => {
      await call(supervisorApi, 'qa.setSettings', { samplePercent }, 'mutation');
      await supervisorApi.dispose();
    });

    const page = await signedInPage(browserOf(), AUDITOR, '/audit');
    await page.getByTestId('audit-event').first().waitFor();

    const link = page.getByTestId('audit-export');
    const href = await link.getAttribute('href');
    expect(href).toBe('/export/audit.csv');
    const res = await page.context().request.get(`${BASE_URL}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    const body = (await res.text()).replace(/^\uFEFF/, '');
    expect(body.split('\n')[0]?.trim()).toBe(AUDIT_CSV_HEADER);
    expect(body.trim().split('\n').length).toBeGreaterThan(100);

    // The link itself downloads the file in the browser (same origin, the cookie goes along).
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^refund-desk-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    expect(file.split('\n')[0]?.trim()).toBe(AUDIT_CSV_HEADER);

    await page.getByTestId('audit-tab-qa').click();
    await page.locator(`[data-testid="qa-queue"] [data-testid="qa-row"][data-review-id="${waiting.reviewId}"]`).waitFor();
    await page.getByTestId('qa-settings').waitFor();
    await page.getByTestId('qa-read-only').waitFor();
    await page.getByTestId('qa-sample-readonly').waitFor();
    await settle(page);
    expect(await page.getByTestId('qa-sample-input').count()).toBe(0);
    expect(await page.getByTestId('qa-sample-save').count()).toBe(0);
    expect(await page.getByTestId('qa-score-correct').count()).toBe(0);
    expect(await page.getByTestId('qa-score-incorrect').count()).toBe(0);
    await screenshot(page, 'oversight-qa-auditor-zh');
  }, 180_000);
});
