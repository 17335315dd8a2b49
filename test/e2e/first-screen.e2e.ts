import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage, open, RESULTS_DIR, useBrowser } from './support/browser';
import { trackTransfers, type Transferred } from './support/transfer';

// How long an agent waits: from pressing "sign in" to an orders screen with rows in it, timed
// by the browser itself (performance.now() in the page, so the test runner's overhead is not
// counted), on a fresh page that has never loaded the console. The figure is printed and
// written to test-results/first-screen.json; the README's performance section quotes it.
// Sign-in includes the Argon2id password check at OWASP cost on the server (m=19 MiB, t=2, p=1;
// ~15-20 ms here). Legacy scrypt hashes are verified and upgraded at the next sign-in.
//
// Beside the time, the bytes actually received (Chromium's count, compressed bodies plus
// headers; 1 kB = 1000 bytes) for the sign-in page as it loads, and for the way from there to
// the rows — what typing starts fetching (the orders screen, warm-up.ts) plus what pressing
// "sign in" fetches until the rows show — by kind (HTML, JS, CSS, strings, API). Reported against the targets, not
// asserted; asserted is only that the scripts came compressed.

const TARGET_MS = 1000;
const TARGET_KB = { signInPage: 250, signInToRows: 400 };
// The time is reported, not asserted: this suite shares two cores with the server and Chromium,
// and on a busy CI machine any bound either fails on noise or is too loose to mean anything.
// The figure to trust comes from a quiet run (README, docs/performance.md).

const browserOf = useBrowser();

describe('the first screen', () => {
  it(`goes from sign-in to a usable orders screen in about a second or less (target ${TARGET_MS} ms)`, async () => {
    const page = await newPage(browserOf());
    const transfers = await trackTransfers(page);
    transfers.phase('signInPage');
    await open(page, '/');
    // Settled before pressing the button, as it is when a person has typed a password: what the
    // sign-in page loads is counted as its own, and the press starts on a quiet network.
    await page.waitForLoadState('networkidle');
    const loadMs = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav ? Math.round(nav.domContentLoadedEventEnd) : -1;
    });
    const signInPage = await transfers.summary('signInPage');

    // Typing starts fetching the orders screen (client/auth/warm-up.ts): bytes on the way to the
    // rows, fetched while the person types, so they count in the sign-in → rows budget.
    transfers.phase('whileTyping');
    await page.locator('input[name="username"]').fill('agent1');
    await page.locator('input[name="password"]').fill('agent1-demo');
    const whileTyping = await transfers.summary('whileTyping', { quietMs: 500 });
    transfers.phase('signInToRows');
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

    transfers.phase('after');
    const afterPressing = await transfers.summary('signInToRows');
    const signInToRowsKb = Math.round((whileTyping.totalKb + afterPressing.totalKb) * 10) / 10;
    await transfers.stop();

    // Usable: the search box has focus-able input and the rows are real orders.
    await page.getByTestId('user-menu').waitFor();
    expect(await page.locator('[data-testid="orders-table"] tbody tr[data-order-no]').count()).toBeGreaterThan(0);

    // The scripts came compressed (the build's .br/.gz through static-files.ts); files under
    // 1 kB are sent as they are.
    const scripts = [...signInPage.files, ...whileTyping.files, ...afterPressing.files].filter(
      (f) => f.kind === 'js' || f.kind === 'strings',
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((f) => f.bytes > 2000 && !f.encoding).map((f) => f.path)).toEqual([]);

    const transferred = {
      signInPage,
      whileTyping,
      afterPressing,
      targetKb: TARGET_KB,
      unit: '1 kB = 1000 bytes, as received (encodedDataLength)',
    };
    const figure = {
      signInToOrdersMs,
      signInPageDomContentLoadedMs: loadMs,
      targetMs: TARGET_MS,
      signInPageKb: signInPage.totalKb,
      signInToRowsKb,
      transferred,
      measuredAt: new Date().toISOString(),
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'first-screen.json'), `${JSON.stringify(figure, null, 2)}\n`);
    console.log(`first screen: sign-in → orders rows in ${signInToOrdersMs} ms (sign-in page ready in ${loadMs} ms)`);
    const line = (name: string, t: Transferred, target: number) =>
      `${name}: ${t.totalKb} kB in ${t.requests} requests (target ≤ ${target} kB) — ${Object.entries(t.byKindKb)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; encodings: ${[...new Set(t.files.map((f) => f.encoding ?? 'none'))].join(', ')}`;
    console.log(line('transferred, sign-in page', signInPage, TARGET_KB.signInPage));
    console.log(
      `transferred, sign-in → rows: ${signInToRowsKb} kB (target ≤ ${TARGET_KB.signInToRows} kB), of which ${whileTyping.totalKb} kB while typing and ${afterPressing.totalKb} kB after pressing "sign in"`,
    );
    console.log(line('  while typing', whileTyping, TARGET_KB.signInToRows));
    console.log(line('  after pressing', afterPressing, TARGET_KB.signInToRows));
  });
});
