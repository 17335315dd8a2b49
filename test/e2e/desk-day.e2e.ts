import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { mutate, query } from './support/api';
import { allowConsoleErrors, BASE_URL, callsProcedure, newContext, open, screenshot, signIn, useBrowser } from './support/browser';

// Issue 18, "a full day at the desk": offline, the sidebar at 1024×768, the audit log in words,
// the search box's keyboard, and where supervisors and auditors land.

const AGENT = { username: 'agent1', password: 'agent1-demo' };
const SUPERVISOR = { username: 'super1', password: 'super1-demo' };
const AUDITOR = { username: 'auditor1', password: 'auditor1-demo' };

const browserOf = useBrowser();

async function signedInPage(
  who: { username: string; password: string },
  path = '/',
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const context = await newContext(browserOf());
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await open(page, path);
  await signIn(page, who.username, who.password);
  return page;
}

/**
 * A proposal made now, so the approvals queue has one a supervisor may approve: the seeded
 * proposals may all be older than the policy's quote validity (stale: approve disabled).
 */
async function freshProposal(): Promise<string> {
  const agent = await signedInPage(AGENT);
  const found: { items: { orderNo: string; anomaly: string | null; paymentChannel: string }[] } = await query(agent, 'orders.search', {
    status: 'paid',
    hasOpenCase: false,
    limit: 100,
  });
  for (const row of found.items) {
    // Apple refunds its own purchases; Google Play only whole orders (this proposal is prorated)
    if (row.anomaly !== null || row.paymentChannel === 'apple_iap' || row.paymentChannel === 'google_play') continue;
    const { caseNo } = await mutate<{ caseNo: string }>(agent, 'cases.create', {
      orderNo: row.orderNo,
      channel: 'phone',
      reason: 'dissatisfied',
      requested: 'prorated',
      statement: 'e2e: 申请退款，请主管复核。',
    });
    const quote = await mutate<{ quoteId: number; amountFen: number }>(agent, 'cases.quote', { caseNo, basis: { kind: 'calendar' } });
    if (quote.amountFen > 0) {
      await mutate(agent, 'cases.propose', { caseNo, quoteId: quote.quoteId, note: 'e2e: 按自然日核算，请主管复核' });
      await agent.context().close();
      return caseNo;
    }
    await mutate(agent, 'cases.reject', { caseNo, reasonCode: 'insufficient_evidence', message: 'e2e: nothing to propose on this order' });
  }
  throw new Error('no order to propose a refund on');
}

// While offline the browser logs the calls it could not make; that is the point of the test.
const OFFLINE_ERRORS = /ERR_INTERNET_DISCONNECTED|Failed to fetch|ERR_NETWORK_CHANGED|net::ERR/;

describe('losing the network (item 1)', () => {
  it('shows a banner, disables every approval and the payment, and recovers on reconnect', async () => {
    await freshProposal();
    const page = await signedInPage(SUPERVISOR);
    allowConsoleErrors(page, OFFLINE_ERRORS);
    await page.waitForURL(`${BASE_URL}/approvals`);
    const enabledApprove = page.locator('[data-testid="approval-approve"]:not([disabled])');
    await enabledApprove.first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('offline-banner').count()).toBe(0);

    await page.context().setOffline(true);
    const banner = page.getByTestId('offline-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('网络已断开');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="approval-approve"]')].every((b) => (b as HTMLButtonElement).disabled),
    );
    const approve = page.getByTestId('approval-approve').first();
    expect(await approve.getAttribute('title')).toBe('网络已断开，恢复后再操作');
    expect(await page.getByTestId('send-back-toggle').first().isDisabled()).toBe(true);
    await screenshot(page, 'desk-day-offline-approvals');

    await page.context().setOffline(false);
    await banner.waitFor({ state: 'detached' });
    await enabledApprove.first().waitFor();

    // the payment dialog: opened online, the network goes, the payment cannot be sent (nor queued)
    await enabledApprove.first().click();
    const confirm = page.getByTestId('confirm-refund');
    await confirm.waitFor();
    await page.context().setOffline(true);
    await page.getByTestId('approve-offline').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    expect(await page.getByTestId('approve-offline').textContent()).toContain('网络已断开，恢复后再操作');
    await page.context().setOffline(false);
    await page.getByTestId('approve-offline').waitFor({ state: 'detached' });
    expect(await confirm.isDisabled()).toBe(false);
    await page.keyboard.press('Escape');
  });

  it('pauses the orders search while offline and fetches it on reconnect', async () => {
    const page = await signedInPage(AGENT, '/orders');
    allowConsoleErrors(page, OFFLINE_ERRORS);
    await page.getByTestId('orders-table').waitFor();
    await page.context().setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const sent: string[] = [];
    page.on('request', (r) => {
      if (callsProcedure(r.url(), 'orders.search')) sent.push(r.url());
    });
    await page.getByTestId('global-search').fill('1234');
    await page.getByTestId('global-search').press('Enter');
    await page.waitForURL((url) => (url.searchParams.get('q') ?? '').includes('1234'));
    await page.waitForTimeout(1_000);
    expect(sent, 'no search is sent while offline').toEqual([]);
    const refetched = page.waitForResponse((r) => callsProcedure(r.url(), 'orders.search'));
    // what the console sends once back online, named in the failure if the search never returns
    const traffic: string[] = [];
    const pathOf = (url: string) => new URL(url).pathname;
    page.on('request', (r) => void (r.url().includes('/trpc/') && traffic.push(`→ ${pathOf(r.url())}`)));
    page.on(
      'requestfailed',
      (r) => void (r.url().includes('/trpc/') && traffic.push(`✗ ${pathOf(r.url())} ${r.failure()?.errorText ?? ''}`)),
    );
    page.on('response', (r) => void (r.url().includes('/trpc/') && traffic.push(`← ${r.status()} ${pathOf(r.url())}`)));
    await page.context().setOffline(false);
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await refetched.catch((error: unknown) => {
      throw new Error(
        `no orders.search answer after reconnecting (${String(error)}); tRPC traffic since: ${traffic.join(' | ') || 'none'}`,
      );
    });
    await page.locator('[data-testid="order-query"][data-kind="phoneLast4"]').waitFor();
  });
});

describe('the sidebar at 1024×768 (item 2)', () => {
  it('starts collapsed to a rail on a narrow window, expands on request and remembers it', async () => {
    const page = await signedInPage(AGENT, '/orders', { width: 1024, height: 768 });
    const navbar = page.getByTestId('app-navbar');
    await navbar.waitFor();
    expect(await navbar.getAttribute('data-collapsed')).not.toBeNull();
    expect((await navbar.boundingBox())?.width).toBeLessThan(80);
    // the rail still names every section to assistive technology
    expect(await page.locator('[data-nav-item="orders"]').getAttribute('aria-label')).toBe('订单');
    await screenshot(page, 'desk-day-rail-1024');

    await page.getByTestId('nav-collapse').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="app-navbar"]')?.hasAttribute('data-collapsed'));
    expect((await navbar.boundingBox())?.width).toBe(256);
    await page.reload();
    await page.getByTestId('main-nav').waitFor();
    expect(await page.getByTestId('app-navbar').getAttribute('data-collapsed')).toBeNull();

    await page.getByTestId('nav-collapse').click();
    await page.reload();
    await page.getByTestId('main-nav').waitFor();
    expect(await page.getByTestId('app-navbar').getAttribute('data-collapsed')).not.toBeNull();
  });

  it('stays expanded on a wide window', async () => {
    const page = await signedInPage(AGENT, '/orders');
    await page.getByTestId('main-nav').waitFor();
    expect((await page.getByTestId('app-navbar').boundingBox())?.width).toBe(256);
  });
});

describe('the audit log in words (item 7)', () => {
  it('names comm channels and directions, and heads the date picker 2026年12月-style', async () => {
    const agent = await signedInPage(AGENT, '/orders');
    const orders = await query<{ items: { memberUid: string }[] }>(agent, 'orders.search', { limit: 1 });
    const memberUid = orders.items[0]!.memberUid;
    await mutate(agent, 'comms.log', { memberUid, direction: 'inbound', channel: 'in_app_message', body: 'e2e: member wrote in the app' });

    const page = await signedInPage(SUPERVISOR, '/audit?action=comm.log');
    const row = page.locator('[data-testid="audit-event"][data-action="comm.log"]').first();
    await row.waitFor();
    const text = (await page.locator('[data-testid="audit-event"]').allTextContents()).join('\n');
    expect(text).not.toMatch(/in_app_message|inbound|outbound|online_chat/);
    expect(text).toContain('站内信');
    await screenshot(page, 'desk-day-audit-words');

    await page.getByTestId('audit-filter-time').click();
    const heading = page.locator('[class*="calendarHeaderLevel"]').first();
    await heading.waitFor();
    expect((await heading.textContent())?.trim()).toMatch(/^\d{4}年\d{1,2}月$/);
    await screenshot(page, 'desk-day-date-picker');
  });
});

describe('the search box and the keyboard (item 9)', () => {
  it('does not call garbage with an @ an e-mail, hands j/k to the results, and Esc clears box and results', async () => {
    const page = await signedInPage(AGENT, '/orders');
    const box = page.getByTestId('global-search');
    await box.fill('foo@bar');
    await box.press('Enter');
    await page.locator('[data-testid="order-query"]').waitFor();
    expect(await page.getByTestId('order-query').getAttribute('data-kind')).toBe('text');
    expect(await page.getByTestId('order-query').textContent()).not.toContain('按邮箱查找');
    expect(await page.getByTestId('query-esc-hint').textContent()).toContain('Esc');

    // a real query (a member's UID): the focus leaves the box, j selects the first row
    const orders = await query<{ items: { memberUid: string }[] }>(page, 'orders.search', { limit: 1 });
    const uid = orders.items[0]!.memberUid;
    await box.click();
    await box.fill(uid);
    await box.press('Enter');
    await page.waitForURL((url) => (url.searchParams.get('q') ?? '').includes(uid));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).not.toBe('global-search');
    await page.locator('[data-testid="orders-table"] tbody tr').first().waitFor();
    await page.keyboard.press('j');
    await page.locator('[data-testid="orders-table"] [data-selected]').first().waitFor();
    expect(await box.inputValue()).toBe(uid);

    // Esc on the page clears the search and its results
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    // the box follows the URL once React has rendered the change (a moment after the URL)
    await expect.poll(() => box.inputValue(), { message: 'the box is emptied with the search' }).toBe('');
    // the previous results stay (dimmed) until the unfiltered page arrives, then the query goes
    await page.getByTestId('order-query').waitFor({ state: 'detached' });

    // Esc in the box clears both too
    await box.fill('foo@bar.com');
    await box.press('Enter');
    await page.locator('[data-testid="order-query"][data-kind="email"]').waitFor();
    await box.click();
    await box.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await expect.poll(() => box.inputValue(), { message: 'the box is emptied with the search' }).toBe('');
  });
});

describe('where supervisors and auditors land (item 12)', () => {
  it('brings a supervisor to the approvals queue after sign-in', async () => {
    const page = await signedInPage(SUPERVISOR);
    await page.waitForURL(`${BASE_URL}/approvals`);
    await page.locator('[data-nav-item="approvals"][aria-current="page"]').waitFor();
  });

  it('lets an auditor open Approvals read-only: no approve or send-back buttons', async () => {
    const page = await signedInPage(AUDITOR, '/approvals');
    await page.locator('[data-nav-item="approvals"]').waitFor();
    await page.locator('[data-testid="approvals-list"], [data-testid="approvals-empty"]').first().waitFor();
    expect(await page.getByTestId('no-access').count()).toBe(0);
    if ((await page.getByTestId('approvals-list').count()) > 0) {
      await page.getByTestId('approval-read-only').first().waitFor();
      expect(await page.getByTestId('approval-approve').count()).toBe(0);
      expect(await page.getByTestId('send-back-toggle').count()).toBe(0);
    }
    await screenshot(page, 'desk-day-auditor-approvals');
  });
});
