import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NAV_BY_ROLE, type Role } from '../../shared/roles';
import {
  allowConsoleErrors,
  BASE_URL,
  newPage,
  open,
  screenshot,
  settle,
  signedInPage,
  signIn,
  switchLanguage,
  useBrowser,
} from './support/browser';

const STAFF = [
  { username: 'agent1', password: 'agent1-demo', role: 'agent', home: '/orders' },
  { username: 'super1', password: 'super1-demo', role: 'supervisor', home: '/approvals' },
  { username: 'auditor1', password: 'auditor1-demo', role: 'auditor', home: '/orders' },
  { username: 'admin', password: 'admin-demo', role: 'admin', home: '/settings' },
] as const satisfies readonly { username: string; password: string; role: Role; home: string }[];
const [agent, supervisor] = STAFF;

const ZH_LABELS = {
  orders: '订单',
  cases: '工单',
  approvals: '审批',
  comms: '沟通记录',
  audit: '审计',
  dashboard: '看板',
  integration: '对接',
  settings: '设置',
};
const EN_LABELS = {
  orders: 'Orders',
  cases: 'Cases',
  approvals: 'Approvals',
  comms: 'Communications',
  audit: 'Audit',
  dashboard: 'Dashboard',
  integration: 'Integration',
  settings: 'Settings',
};

const browserOf = useBrowser();

function navItems(page: Page): Promise<string[]> {
  return page.locator('[data-nav-item]').evaluateAll((els) => els.map((el) => el.getAttribute('data-nav-item') ?? ''));
}

function navLabels(page: Page): Promise<string[]> {
  return page.locator('[data-nav-item]').evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/G\s*[A-Z]$/, '').trim()));
}

describe('signing in', () => {
  it.each(STAFF)('shows $username ($role) exactly the navigation of the role', async (who) => {
    const page = await signedInPage(browserOf(), who);
    await page.waitForURL(`${BASE_URL}${who.home}`);
    await page.getByTestId('main-nav').waitFor();

    expect(await navItems(page)).toEqual([...NAV_BY_ROLE[who.role]]);
    expect(await navLabels(page)).toEqual(NAV_BY_ROLE[who.role].map((item) => ZH_LABELS[item]));
    expect(await page.getByTestId('product-name').textContent()).toBe('退款工作台');
    await settle(page);
    await screenshot(page, `shell-${who.role}-zh`);

    await switchLanguage(page, 'English');
    await page.locator('[data-nav-item]', { hasText: EN_LABELS[NAV_BY_ROLE[who.role][0]] }).waitFor();
    expect(await navLabels(page)).toEqual(NAV_BY_ROLE[who.role].map((item) => EN_LABELS[item]));
    await settle(page);
    await screenshot(page, `shell-${who.role}-en`);
  });

  it('rejects a wrong password with a clear message and no session', async () => {
    const page = await newPage(browserOf());
    await open(page, '/orders');
    await page.locator('input[name="username"]').fill(agent.username);
    await page.locator('input[name="password"]').fill('not-the-password');
    await page.locator('button[type="submit"]').click();

    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(await page.locator('button[type="submit"]').isEnabled()).toBe(true);
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    await screenshot(page, 'sign-in-wrong-password');
  });

  it('disables the button while signing in and explains too many attempts', async () => {
    const page = await newPage(browserOf());
    // The real throttle would lock this address out for the rest of the run: answer as it would.
    let release: () => void = () => {};
    const answered = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/trpc/auth.login**', async (route) => {
      await answered;
      await route.fulfill({
        status: 429,
        contentType: 'application/json',
        body: JSON.stringify([
          {
            error: {
              message: 'Too many failed sign-ins. Try again in a few minutes.',
              code: -32029,
              data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, path: 'auth.login' },
            },
          },
        ]),
      });
    });
    await open(page, '/');
    await page.locator('input[name="username"]').fill(agent.username);
    await page.locator('input[name="password"]').fill('whatever');
    await page.locator('button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled === true);
    release();

    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('登录失败次数过多');
    expect(await page.locator('button[type="submit"]').isEnabled()).toBe(true);
  });

  it('shows sign-in at a deep link and lands there after signing in', async () => {
    const page = await newPage(browserOf());
    await open(page, '/cases/RC-DEEP-LINK?tab=history');
    await page.locator('input[name="username"]').waitFor();
    expect(page.url()).toBe(`${BASE_URL}/cases/RC-DEEP-LINK?tab=history`);

    await signIn(page, supervisor.username, supervisor.password);
    expect(page.url()).toBe(`${BASE_URL}/cases/RC-DEEP-LINK?tab=history`);
    await page.locator('[data-nav-item="cases"][aria-current="page"]').waitFor();
    expect(await page.locator('input[name="password"]').count()).toBe(0);
  });
});

describe('the shell', () => {
  it('shows a clear no-access page for a section the role may not use', async () => {
    const page = await signedInPage(browserOf(), agent, '/audit');
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('no-access').textContent()).toContain('审计');
    expect(await navItems(page)).not.toContain('audit');
    await screenshot(page, 'no-access-agent-audit');
  });

  it('shows a 404 page for an unknown address, with a way back', async () => {
    const page = await signedInPage(browserOf(), agent, '/no-such-page');
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('/no-such-page');
    await screenshot(page, 'not-found');

    await notFound.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL(`${BASE_URL}/orders`);
  });

  it('focuses the search box on "/" and searches orders on Enter', async () => {
    const page = await signedInPage(browserOf(), agent);
    const search = page.getByRole('searchbox');
    await page.getByTestId('product-name').click(); // focus on the page, not in a field
    await page.waitForURL(`${BASE_URL}/orders`);
    await page.keyboard.press('/');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await search.inputValue()).toBe(''); // the "/" focused the box, it was not typed into it

    await page.keyboard.type('张伟');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/orders' && url.searchParams.get('q') === '张伟');

    await search.fill('KM202611230000123');
    await search.press('Enter');
    await page.waitForURL(`${BASE_URL}/orders/KM202611230000123`);

    // Typing "/" inside a field types it; it does not jump anywhere.
    await search.fill('');
    await search.press('/');
    expect(await search.inputValue()).toBe('/');
  });

  it('shows an error page with a retry when a screen cannot load, and recovers', async () => {
    const page = await signedInPage(browserOf(), agent);
    const failing = /\/assets\/cases-screen-[^/]*\.js$/;
    await page.route(failing, (route) => route.abort('connectionfailed'));
    allowConsoleErrors(page, /cases-screen|dynamically imported module|ERR_CONNECTION_FAILED|ERR_FAILED/);

    await page.locator('[data-nav-item="cases"]').click();
    const errorPage = page.getByTestId('route-error');
    await errorPage.waitFor();
    expect(await errorPage.textContent()).toContain('页面加载出错');
    await screenshot(page, 'route-error');

    await page.unroute(failing);
    await errorPage.getByRole('button', { name: '重试' }).click();
    await page.getByTestId('route-error').waitFor({ state: 'detached' });
    await page.getByTestId('user-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/cases');
  });

  it('shows Beijing time even when the computer is in another time zone', async () => {
    const page = await signedInPage(browserOf(), agent);
    const clock = page.getByTestId('beijing-clock');
    const [iso, text, browserZone] = await Promise.all([
      clock.getAttribute('datetime'),
      clock.textContent(),
      page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    ]);
    expect(browserZone).not.toBe('Asia/Shanghai');
    const beijing = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(text).toContain(beijing.format(new Date(iso!)));
  });

  it('remembers English across a reload', async () => {
    const page = await signedInPage(browserOf(), supervisor);
    await switchLanguage(page, 'English');
    await page.locator('[data-nav-item="orders"]', { hasText: 'Orders' }).waitFor();
    expect(await page.getByRole('searchbox').getAttribute('placeholder')).toContain('Order no.');

    await page.reload();
    await page.locator('[data-nav-item="orders"]', { hasText: 'Orders' }).waitFor();
    expect(await navLabels(page)).toEqual(NAV_BY_ROLE.supervisor.map((item) => EN_LABELS[item]));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});

describe('signing out', () => {
  it('ends the session: sign-in shows, a reload keeps it, and the old cookie is refused', async () => {
    const page = await signedInPage(browserOf(), agent);
    const cookies = await page.context().cookies();
    const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const before = await fetch(`${BASE_URL}/trpc/auth.me`, { headers: { cookie: cookieHeader } });
    expect(before.status).toBe(200);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.locator('input[name="username"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    await page.reload();
    await page.locator('input[name="username"]').waitFor();
    expect(await page.getByTestId('user-menu').count()).toBe(0);

    const after = await fetch(`${BASE_URL}/trpc/auth.me`, { headers: { cookie: cookieHeader } });
    expect(after.status).toBe(401);
  });
});
