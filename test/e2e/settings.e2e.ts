import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mutate, query } from './support/api';
import {
  expectCleanPages,
  launchBrowser,
  newContext,
  RESULTS_DIR,
  screenshot,
  settle,
  signedInPage,
  switchLanguage,
} from './support/browser';

// Settings: the refund policy (publish, diff, CONFLICT, read-only roles), the holiday calendar
// and the reply templates, in Chromium against the seeded demo database. Whatever these tests
// change (policy, calendar, templates) is put back in afterAll, for the test files after this one.

const ADMIN = { username: 'admin', password: 'admin-demo' };
const AGENT = { username: 'agent1', password: 'agent1-demo' };
const SUPERVISOR = { username: 'super1', password: 'super1-demo' };

interface PolicySettings {
  fullRefundWindowDays: number;
  refundableTiers: string[];
  deductRedeemedPerks: boolean;
  timezone: string;
  agentApprovalLimitFen: number;
  reviewSlaBusinessDays: number;
}
type Policy = PolicySettings & { version: number };

let browser: Browser;
let adminApi: APIRequestContext;
let originalPolicy: Policy;

beforeAll(async () => {
  browser = await launchBrowser();
  adminApi = await apiSession(ADMIN);
  originalPolicy = await query<Policy>(adminApi, 'policy.current');
});

afterAll(async () => {
  // Put the policy's settings back as they were (as a new version: versions are never edited).
  if (adminApi) {
    const current = await query<Policy>(adminApi, 'policy.current');
    const { version: _v, ...original } = originalPolicy;
    const { version, ...now } = current;
    if (JSON.stringify(now) !== JSON.stringify(original)) {
      await mutate(adminApi, 'policy.publish', {
        settings: original,
        note: 'e2e: restore the policy the tests found',
        baseVersion: version,
      });
    }
  }
  await browser?.close();
});

afterEach(expectCleanPages);

// --- the API, called as a signed-in staff member (plain tRPC over HTTP, as curl would) -------

async function apiSession(who: { username: string; password: string }): Promise<APIRequestContext> {
  const context = await newContext(browser);
  await mutate(context.request, 'auth.login', who);
  return context.request;
}

// --- the browser -------------------------------------------------------------------------------

/** Settled (see settle), and back at the top of the page for a full-page screenshot. */
async function settleAtTop(page: Page) {
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** A dialog is fixed to the viewport: photograph what the user sees, not the whole page. */
async function viewportShot(page: Page, name: string) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
}

async function currentVersionBadge(page: Page): Promise<string> {
  return (await page.getByTestId('policy-current-version').textContent()) ?? '';
}

describe('refund policy', () => {
  it('an admin publishes a new version in the browser, and the next quote uses it', async () => {
    const before = await query<Policy>(adminApi, 'policy.current');
    const nextWindow = before.fullRefundWindowDays === 10 ? 12 : 10;
    const page = await signedInPage(browser, ADMIN, '/settings?tab=policy');
    await page.getByTestId('policy-current').waitFor();
    expect(await currentVersionBadge(page)).toBe(`版本 ${before.version}`);
    expect(await page.getByTestId('policy-value-agentApprovalLimitFen').locator('[data-role="value"]').textContent()).toBe('¥100.00');
    expect(await page.getByTestId('policy-value-timezone').textContent()).toContain('Asia/Shanghai (UTC+8)');

    await page.getByTestId('policy-edit').click();
    await page.getByTestId('policy-no-changes').waitFor();
    await expect(page.getByTestId('policy-publish').isDisabled()).resolves.toBe(true);

    await page.getByTestId('policy-input-fullRefundWindowDays').fill(String(nextWindow));
    const diffRow = page.getByTestId('policy-diff-fullRefundWindowDays');
    await diffRow.waitFor();
    expect(await diffRow.locator('[data-role="old"]').textContent()).toBe(`${before.fullRefundWindowDays} 天`);
    expect(await diffRow.locator('[data-role="new"]').textContent()).toBe(`${nextWindow} 天`);
    expect(await page.getByTestId('policy-field-fullRefundWindowDays').getAttribute('data-changed')).not.toBeNull();

    // A money amount in yuan that is not one is refused before anything is sent.
    await page.getByTestId('policy-input-agentApprovalLimitFen').fill('100.005');
    await page.getByText('请输入金额，如 100.00（最多两位小数）').waitFor();
    await page.getByTestId('policy-input-agentApprovalLimitFen').fill('100.00');
    expect(await page.getByTestId('policy-diff-agentApprovalLimitFen').count()).toBe(0);

    // The note is required.
    await page.getByTestId('policy-publish').click();
    await page.getByText('请填写发布说明（至少 2 个字）').waitFor();
    await page.getByTestId('policy-note').fill(`e2e：无理由退款期 ${before.fullRefundWindowDays} → ${nextWindow} 天`);
    await settleAtTop(page);
    await screenshot(page, 'settings-policy-draft-admin-zh');

    await page.getByTestId('policy-publish').click();
    await page
      .getByTestId('policy-current-version')
      .filter({ hasText: `版本 ${before.version + 1}` })
      .waitFor();
    expect(await page.getByTestId('policy-value-fullRefundWindowDays').locator('[data-role="value"]').textContent()).toBe(
      `${nextWindow} 天`,
    );
    const latest = page.getByTestId(`policy-version-${before.version + 1}`);
    expect(await latest.getByTestId('policy-version-note').textContent()).toContain(`${before.fullRefundWindowDays} → ${nextWindow} 天`);
    expect(await latest.textContent()).toContain('admin');
    await settleAtTop(page);
    await screenshot(page, 'settings-policy-admin-zh');

    // The calendar tab previews the SLA of a case opened now, as the server will compute it.
    await page.getByTestId('settings-tab-calendar').click();
    const previewDueAt = await page.getByTestId('sla-preview').getAttribute('data-due-at');
    const previewedAt = Date.now();

    // The server now quotes under the new version: an agent opens a case and quotes it.
    const published = await query<Policy>(adminApi, 'policy.current');
    expect(published).toMatchObject({ version: before.version + 1, fullRefundWindowDays: nextWindow });
    const agentApi = await apiSession(AGENT);
    const { items } = await query<{ items: { orderNo: string; paymentChannel: string; anomaly: string | null; refundedFen: number }[] }>(
      agentApi,
      'orders.search',
      { status: 'paid', tier: 'standard', hasOpenCase: false, limit: 100 },
    );
    const order = items.find((o) => o.paymentChannel !== 'apple_iap' && o.anomaly === null && o.refundedFen === 0);
    expect(order, 'a paid standard order without an open case, not paid through Apple').toBeDefined();
    const created = await mutate<{ caseNo: string; slaDueAt: string }>(agentApi, 'cases.create', {
      orderNo: order!.orderNo,
      channel: 'phone',
      reason: 'unused',
      requested: 'full',
      statement: 'e2e: quote under the newly published policy',
    });
    const quote = await mutate<{ policyVersion: number }>(agentApi, 'cases.quote', { caseNo: created.caseNo, basis: { kind: 'calendar' } });
    expect(quote.policyVersion).toBe(before.version + 1);
    // Unless Beijing's midnight passed in between, the case is due exactly when the preview said.
    const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    if (beijingDay(previewedAt) === beijingDay(Date.now())) expect(created.slaDueAt).toBe(previewDueAt);
  });

  it('a draft over a version published meanwhile gets CONFLICT, keeps the draft and publishes after a reload', async () => {
    const page = await signedInPage(browser, ADMIN, '/settings?tab=policy');
    await page.getByTestId('policy-edit').click();
    const start = await query<Policy>(adminApi, 'policy.current');
    await page.getByTestId('policy-input-agentApprovalLimitFen').fill('150.50');
    await page.getByTestId('policy-diff-agentApprovalLimitFen').waitFor();
    await page.getByTestId('policy-note').fill('e2e：客服额度提高到 ¥150.50');

    // Someone else publishes first.
    const { version: _v, ...settings } = start;
    await mutate(adminApi, 'policy.publish', {
      settings: { ...settings, deductRedeemedPerks: !settings.deductRedeemedPerks },
      note: 'e2e: published meanwhile',
      baseVersion: start.version,
    });

    await page.getByTestId('policy-publish').click();
    await page.getByTestId('policy-conflict').waitFor();
    expect(await page.getByTestId('policy-conflict').textContent()).toContain('其他人刚刚发布了新版本');
    expect(await page.getByTestId('policy-input-agentApprovalLimitFen').inputValue()).toBe('150.50');

    await page.getByTestId('policy-reload').click();
    await page.getByTestId('policy-conflict').waitFor({ state: 'detached' });
    // Against the newer version, the draft now also puts the perk deduction back.
    await page.getByTestId('policy-diff-deductRedeemedPerks').waitFor();
    await page.getByTestId('policy-publish').click();
    await page
      .getByTestId('policy-current-version')
      .filter({ hasText: `版本 ${start.version + 2}` })
      .waitFor();

    const latest = await query<Policy>(adminApi, 'policy.current');
    expect(latest).toMatchObject({
      version: start.version + 2,
      agentApprovalLimitFen: 15050,
      deductRedeemedPerks: start.deductRedeemedPerks,
    });
  });

  it('an agent sees the policy, the calendar and the templates read-only', async () => {
    const page = await signedInPage(browser, AGENT, '/settings?tab=policy');
    await page.getByTestId('policy-current').waitFor();
    await page.getByTestId('policy-history').waitFor();
    await page.getByTestId('policy-readonly').waitFor();
    expect(await page.getByTestId('policy-edit').count()).toBe(0);
    expect(await page.getByTestId('policy-publish').count()).toBe(0);
    expect(await page.getByRole('button', { name: /发布/ }).count()).toBe(0);
    await settleAtTop(page);
    await screenshot(page, 'settings-policy-agent-zh');

    await page.getByTestId('settings-tab-calendar').click();
    await page.waitForURL(/tab=calendar/);
    await page.getByTestId('calendar-year-grid').waitFor();
    await page.getByTestId('sla-preview').first().waitFor();
    expect(await page.getByTestId('calendar-add').count()).toBe(0);
    expect(await page.getByTestId('calendar-row-edit').count()).toBe(0);
    expect(await page.locator('[data-testid="calendar-year-grid"] button').count()).toBe(0);
    await page.getByTestId('calendar-readonly').waitFor();
    await settleAtTop(page);
    await screenshot(page, 'settings-calendar-agent-zh');

    await page.getByTestId('settings-tab-templates').click();
    await page.getByTestId('template-approval').waitFor();
    expect(await page.getByTestId('template-new').count()).toBe(0);
    expect(await page.getByTestId('template-edit').count()).toBe(0);
    await page.getByTestId('templates-readonly').waitFor();
    await settleAtTop(page);
    await screenshot(page, 'settings-templates-agent-zh');

    await switchLanguage(page, 'English');
    await page.getByTestId('settings-tab-policy').click();
    await page.getByText('Refund policy in force').waitFor();
    await settleAtTop(page);
    await screenshot(page, 'settings-policy-agent-en');
    await page.getByTestId('settings-tab-calendar').click();
    await page.getByText('Holidays and make-up days in 2026').waitFor();
    await settleAtTop(page);
    await screenshot(page, 'settings-calendar-agent-en');
    await page.getByTestId('settings-tab-account').click();
    await page.getByText('My account', { exact: true }).first().waitFor();
    await settleAtTop(page);
    await screenshot(page, 'settings-account-agent-en');
  });

  it('an admin sees the draft and the history in English', async () => {
    const page = await signedInPage(browser, ADMIN, '/settings');
    await page.getByTestId('policy-current').waitFor(); // an admin lands on the policy tab
    await switchLanguage(page, 'English');
    await page.getByText('Refund policy in force').waitFor();
    await page.getByTestId('policy-edit').click();
    await page.getByTestId('policy-input-reviewSlaBusinessDays').fill('5');
    await page.getByTestId('policy-diff-reviewSlaBusinessDays').waitFor();
    expect(await page.getByTestId('policy-diff-reviewSlaBusinessDays').locator('[data-role="new"]').textContent()).toBe('5 business days');
    await settleAtTop(page);
    await screenshot(page, 'settings-policy-draft-admin-en');
    await page.getByTestId('policy-discard').click();
    await page.getByTestId('policy-current').waitFor();
  });
});

describe('holiday calendar', () => {
  it('an admin adds a make-up working day from the year view and removes it again', async () => {
    const date = '2026-12-19'; // a Saturday with nothing on it in the demo calendar
    const page = await signedInPage(browser, ADMIN, '/settings?tab=calendar');
    await page.getByTestId('calendar-year-grid').waitFor();
    expect(await page.getByTestId('calendar-year').textContent()).toBe('2026');
    await page.getByTestId('calendar-row-2026-10-01').waitFor();
    await settleAtTop(page);
    await screenshot(page, 'settings-calendar-admin-zh');

    await page.locator(`[data-testid="calendar-year-grid"] button[data-date="${date}"]`).click();
    const dialog = page.getByRole('dialog');
    await page.getByTestId('calendar-name').waitFor();
    // A weekend day can only be a make-up working day: the dialog says so when asked for a holiday.
    await dialog.getByText('节假日', { exact: true }).click();
    await dialog.getByText(`${date} 是周末，本来就休息`, { exact: false }).waitFor();
    await viewportShot(page, 'settings-calendar-dialog-admin-zh');
    await dialog.getByText('调休上班', { exact: true }).click();
    await page.getByTestId('calendar-name').fill('e2e 调休上班');
    await page.getByTestId('calendar-dialog-submit').click();
    await page.getByTestId('calendar-dialog').waitFor({ state: 'detached' });
    const row = page.getByTestId(`calendar-row-${date}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('e2e 调休上班');
    expect(await page.locator(`button[data-date="${date}"]`).getAttribute('data-kind')).toBe('makeup_workday');

    await row.getByTestId('calendar-row-remove').click();
    await page.getByTestId('calendar-remove-submit').click();
    await row.waitFor({ state: 'detached' });
    const days = await query<{ date: string }[]>(adminApi, 'policy.calendar', { year: 2026 });
    expect(days.some((d) => d.date === date)).toBe(false);
  });

  it('keeps the tab and the year in the URL', async () => {
    const page = await signedInPage(browser, AGENT, '/settings?tab=calendar&year=2027');
    await page.getByTestId('calendar-year-grid').waitFor();
    expect(await page.getByTestId('calendar-year').textContent()).toBe('2027');
    await page.getByTestId('calendar-prev-year').click();
    await page.waitForURL(/year=2026/);
    await page.getByTestId('calendar-row-2026-10-01').waitFor();
  });
});

describe('reply templates', () => {
  it('a supervisor writes a template with variables, previews it, and deletes it', async () => {
    const page = await signedInPage(browser, SUPERVISOR, '/settings?tab=templates');
    await page.getByTestId('template-approval').waitFor();
    await page.getByTestId('template-new').click();
    await page.getByTestId('template-code').fill('e2e_reminder');
    await page.getByTestId('template-title').fill('e2e 提醒');
    await page.getByTestId('template-body').fill('{{nickname}}您好，订单 {{orderNo}} 的退款 {{amount}} 已处理。{{refundCode}}');
    const variables = page.getByTestId('template-variables');
    await variables.getByText('refundCode').waitFor();
    expect(await variables.textContent()).toBe('nicknameorderNoamountrefundCode');
    await page.getByTestId('template-unknown').waitFor();
    expect(await page.getByTestId('template-preview').textContent()).toContain(
      '林小雨您好，订单 KM202611230000123 的退款 ¥16.66 已处理。{{refundCode}}',
    );
    await viewportShot(page, 'settings-template-editor-supervisor-zh');

    await page.getByTestId('template-editor-submit').click();
    const group = page.getByTestId('template-e2e_reminder');
    await group.waitFor();
    expect(await group.textContent()).toContain('e2e 提醒');

    await group.getByTestId('template-delete').click();
    await page.getByTestId('template-delete-dialog-submit').click();
    await group.waitFor({ state: 'detached' });
  });
});
