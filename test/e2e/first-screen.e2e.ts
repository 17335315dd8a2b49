import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage, open, RESULTS_DIR, useBrowser } from './support/browser';

// How long an agent waits: from pressing "sign in" to an orders screen with rows in it, timed
// by the browser itself (performance.now() in the page, so the test runner's overhead is not
// counted), on a fresh page that has never loaded the console. The figure is printed and
// written to test-results/first-screen.json; the README's performance section quotes it.
// Sign-in includes the Argon2id password check at OWASP cost on the server (m=19 MiB, t=2, p=1;
// ~15-20 ms here). Legacy scrypt hashes are verified and upgraded at the next sign-in.

const TARGET_MS = 1000;
// A bound well above the target: this suite shares two cores with the server and Chromium,
// so it catches a waterfall or a blocking bundle, not a few milliseconds of noise.
const FAIL_ABOVE_MS = 5 * TARGET_MS;

const browserOf = useBrowser();

describe('the first screen', () => {
  it(`goes from sign-in to a usable orders screen in about a second or less (target ${TARGET_MS} ms)`, async () => {
    const page = await newPage(browserOf());
    await open(page, '/');
    await page.locator('input[name="username"]').fill('agent1');
    await page.locator('input[name="password"]').fill('agent1-demo');
    const loadMs = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? Math.round(nav.domContentLoadedEventEnd) : -1;
    });

    const signInToOrdersMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const ready = () => document.querySelector('[data-testid="orders-table"] tbody tr[data-order-no]');
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (ready()) {
              observer.disconnect();
              resolve(Math.round(performance.now() - start));
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
          document.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
        }),
    );

    // Usable: the search box has focus-able input and the rows are real orders.
    await page.getByTestId('user-menu').waitFor();
    expect(await page.locator('[data-testid="orders-table"] tbody tr[data-order-no]').count()).toBeGreaterThan(0);

    const figure = { signInToOrdersMs, signInPageDomContentLoadedMs: loadMs, targetMs: TARGET_MS, measuredAt: new Date().toISOString() };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'first-screen.json'), `${JSON.stringify(figure, null, 2)}\n`);
    console.log(`first screen: sign-in → orders rows in ${signInToOrdersMs} ms (sign-in page ready in ${loadMs} ms)`);
    expect(signInToOrdersMs).toBeLessThan(FAIL_ABOVE_MS);
  });
});
