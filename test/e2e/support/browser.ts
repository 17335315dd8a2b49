import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

// Browser tests drive Debian's Chromium (never a downloaded build) with the flags of
// docs/stack.md. Each test gets a new browser context: its own cookies and storage, like a fresh
// profile, inside one browser process that `launch` starts with a fresh temporary user-data dir.

// run.ts passes the server's address as BASE_URL; vitest.e2e.config.ts hands it on as
// E2E_BASE_URL (inside vitest, BASE_URL is Vite's '/').
export const BASE_URL = (process.env.E2E_BASE_URL ?? process.env.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
export const RESULTS_DIR = join(process.cwd(), 'test-results');
export const BROWSER_TIME_ZONE = 'America/Los_Angeles';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** What went wrong on a page that the page itself would not show: tests assert these stay empty. */
export interface PageProblems {
  cspViolations: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

const problemsByPage = new WeakMap<Page, PageProblems>();
const allowedByPage = new WeakMap<Page, RegExp[]>();
const openedPages: Page[] = [];

// The browser logs every 4xx answer as "Failed to load resource"; a signed-out auth.me (401)
// or a refused sign-in is the app working as designed, not a console error of the app.
const EXPECTED_NETWORK_ERROR = /^Failed to load resource: the server responded with a status of 4\d\d/;

export async function newContext(browser: Browser): Promise<BrowserContext> {
  // The desk's computer is deliberately not on Beijing time: the console must show Beijing time
  // (docs/spec.md §5) whatever the browser's own zone is.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: BROWSER_TIME_ZONE,
  });
  // Catch CSP violations from inside the page too (the console message is not guaranteed for
  // every kind of violation). Init scripts are injected by the browser, not subject to the CSP.
  await context.exposeBinding('__reportCspViolation', ({ page }, text: string) => {
    problemsByPage.get(page)?.cspViolations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (t: string) => void }).__reportCspViolation;
      report?.(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  context.on('page', track);
  return context;
}

function track(page: Page): PageProblems {
  const existing = problemsByPage.get(page);
  if (existing) return existing;
  const problems: PageProblems = { cspViolations: [], consoleErrors: [], pageErrors: [] };
  problemsByPage.set(page, problems);
  openedPages.push(page);
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) problems.cspViolations.push(text);
    else if (msg.type() === 'error' && !EXPECTED_NETWORK_ERROR.test(text) && !isAllowed(page, text)) problems.consoleErrors.push(text);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  return problems;
}

/** A new page in a new context (signed out, empty storage). */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  track(page);
  return page;
}

function isAllowed(page: Page, text: string): boolean {
  return (allowedByPage.get(page) ?? []).some((re) => re.test(text));
}

/** For a test that provokes a failure on purpose: console errors matching this are expected. */
export function allowConsoleErrors(page: Page, pattern: RegExp): void {
  allowedByPage.set(page, [...(allowedByPage.get(page) ?? []), pattern]);
}

export function problemsOf(page: Page): PageProblems {
  return track(page);
}

/** Every page opened since the last call, with its problems; the list is emptied. */
export function takeOpenedPages(): { page: Page; problems: PageProblems }[] {
  return openedPages.splice(0).map((page) => ({ page, problems: track(page) }));
}

/** Every page the test opened must have run without CSP violations or script errors; then they are closed. */
export async function expectCleanPages(): Promise<void> {
  const pages = takeOpenedPages();
  for (const { problems } of pages) {
    expect(problems.cspViolations, 'CSP violations').toEqual([]);
    expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
    expect(problems.consoleErrors, 'console errors').toEqual([]);
  }
  await Promise.all(
    pages.map(({ page }) =>
      page
        .context()
        .close()
        .catch(() => {}),
    ),
  );
}

/**
 * One Chromium for the test file, and after each test the clean-pages check above. Call it at
 * the top of a test file; the returned function gives the browser inside tests.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(expectCleanPages);
  return () => {
    if (!browser) throw new Error('the browser is not running: call useBrowser() at the top of the test file');
    return browser;
  };
}

/** Signs in through the form on the page (which must show the sign-in page) and waits for the shell. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 30_000 });
}

/** Opens a path of the console (relative to BASE_URL). */
export async function open(page: Page, path = '/'): Promise<void> {
  await page.goto(`${BASE_URL}${path}`, { waitUntil: 'domcontentloaded' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A staff account the tests sign in with. */
export interface Credentials {
  username: string;
  password: string;
}

/** A new page (a new context: signed out, empty storage) opened at `path` and signed in as `who`. */
export async function signedInPage(browser: Browser, who: Credentials, path = '/'): Promise<Page> {
  const page = await newPage(browser);
  await open(page, path);
  await signIn(page, who.username, who.password);
  return page;
}

/**
 * Whether a request calls the tRPC procedure `path`: the client batches calls, so one request's
 * address can name several (`/trpc/auth.me,orders.search?batch=1`), in any order.
 */
export function callsProcedure(url: string, path: string): boolean {
  const { pathname } = new URL(url);
  if (!pathname.startsWith('/trpc/')) return false;
  return pathname.slice('/trpc/'.length).split(',').includes(path);
}

/** Lets the screen finish loading its code and data before a screenshot. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
}

/** Switches the console's language through the menu in the header. */
export async function switchLanguage(page: Page, label: 'English' | '简体中文'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: label }).click();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}
