import type { Page } from 'playwright-core';
import { assert, describe, expect, it } from 'vitest';
import { query } from './support/api';
import { BASE_URL, open, screenshot, signedInPage, useBrowser } from './support/browser';

// Finding an order and reading every fact about it, on the seeded demo database: the one search
// box (phone tail, exact order number), filters and sorting that live in the URL, keyboard
// navigation, the order page with its usage chart and log, and the audited reveal of a phone.

const AGENT = { username: 'agent1', password: 'agent1-demo' };
const AUDITOR = { username: 'auditor1', password: 'auditor1-demo' };

const browserOf = useBrowser();

interface OrderRow {
  orderNo: string;
  status: string;
  paymentChannel: string;
}
interface OrderPage {
  order: { orderNo: string };
  member: { uid: string; phoneMasked: string };
  usage: { total: number; activeDays: number };
}

/** A paid order whose member used the membership on several days: the page has a chart to show. */
// The newest paid orders are recent (the demo's dates follow the clock): little used yet. The
// search goes on page by page, up to 500 orders, until one has a chart to show.
async function orderWithUsage(page: Page): Promise<OrderPage> {
  let cursor: string | null = null;
  for (let pages = 0; pages < 5; pages++) {
    const { items, nextCursor }: { items: OrderRow[]; nextCursor: string | null } = await query(page, 'orders.search', {
      status: 'paid',
      limit: 100,
      cursor,
    });
    for (const row of items) {
      const detail = await query<OrderPage>(page, 'orders.get', { orderNo: row.orderNo });
      if (detail.usage.total >= 5 && detail.usage.activeDays >= 3 && /^\d{3}\*{4}\d{4}$/.test(detail.member.phoneMasked)) return detail;
    }
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  throw new Error('the demo database has no paid order with usage on several days');
}

function searchParams(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

/** A search param as the app reads it: the router JSON-quotes strings that look like numbers (?q="1234"). */
function param(url: URL, name: string): string | null {
  const raw = url.searchParams.get(name);
  return raw?.startsWith('"') ? (JSON.parse(raw) as string) : raw;
}

describe('finding an order', { timeout: 120_000 }, () => {
  it('finds an order by the last 4 digits of the phone, shows its usage, and reveals the phone with a reason', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/orders');
    const target = await orderWithUsage(page);
    const last4 = target.member.phoneMasked.slice(-4);

    const search = page.getByRole('searchbox');
    await search.fill(last4);
    await search.press('Enter');
    await page.waitForURL((url) => url.pathname === '/orders' && param(url, 'q') === last4);
    expect(await page.getByTestId('order-query').getAttribute('data-kind')).toBe('phoneLast4');
    const row = page.locator(`[data-testid="orders-table"] tr[data-order-no="${target.order.orderNo}"]`);
    await row.waitFor();
    await screenshot(page, 'orders-search-phone-zh');

    await row.click();
    await page.waitForURL(`${BASE_URL}/orders/${target.order.orderNo}`);
    await page.getByRole('heading', { name: `订单 ${target.order.orderNo}` }).waitFor();
    await page.locator('[data-testid="usage-chart"] svg').first().waitFor();
    expect(await page.getByTestId('usage-total').textContent()).toBe(String(target.usage.total));
    // the usage log pages in from the server and lists events
    await page.locator('[data-testid="usage-scroll"] [role="row"]').first().waitFor();

    const masked = page.getByTestId('phone-masked');
    expect(await masked.textContent()).toBe(target.member.phoneMasked);
    expect(await page.getByTestId('phone-revealed').count()).toBe(0);
    await screenshot(page, 'order-detail-zh');

    await page.getByTestId('reveal-phone').click();
    const submit = page.getByTestId('reveal-submit');
    expect(await submit.isDisabled()).toBe(true); // no reason, no reveal
    await page.getByTestId('reveal-reason').fill('会员来电申请退款，核实身份');
    await submit.click();
    const revealed = page.getByTestId('phone-revealed');
    await revealed.waitFor();
    const phone = (await revealed.textContent()) ?? '';
    expect(phone).toMatch(/^1\d{10}$/);
    expect(phone.slice(0, 3)).toBe(target.member.phoneMasked.slice(0, 3));
    expect(phone.slice(-4)).toBe(last4);
    expect(await page.getByTestId('phone-masked').count()).toBe(0);
  });

  it('opens the order straight from the header when the box holds an exact order number', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/orders');
    const { items } = await query<{ items: OrderRow[] }>(page, 'orders.search', { limit: 5 });
    const orderNo = items[2]?.orderNo;
    assert.isDefined(orderNo, 'the search lists at least three orders');

    const search = page.getByRole('searchbox');
    await search.fill(orderNo);
    await search.press('Enter');
    await page.waitForURL(`${BASE_URL}/orders/${orderNo}`);
    await page.getByRole('heading', { name: `订单 ${orderNo}` }).waitFor();
    await page.getByTestId('payment-section').waitFor();
    await page.getByTestId('breadcrumbs').getByRole('link', { name: '订单列表' }).click();
    await page.waitForURL((url) => url.pathname === '/orders');
  });

  it('says plainly when no order matches, and what the box understands', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/orders?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%BC%9A%E5%91%98%E5%90%8D');
    const empty = page.getByTestId('orders-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('没有找到订单');
    expect(await empty.textContent()).toContain('后 4 位');
  });

  it('keeps filters and sorting in the URL: they survive a reload, and the back button steps back', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/orders');
    await page.locator('[data-testid="orders-table"] tbody tr').first().waitFor();

    // status: paid
    await page.getByTestId('filter-status').click();
    await page.getByRole('option', { name: '已支付', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'paid');
    // payment channel: Alipay
    await page.getByTestId('filter-channel').click();
    await page.getByRole('option', { name: '支付宝', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('channel') === 'alipay');
    // amount from ¥20 (typed in yuan, sent in fen)
    await page.getByTestId('filter-min').fill('20');
    await page.getByTestId('filter-min').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('min') === '20');
    // sort by amount, largest first
    await page.getByTestId('sort-paidFen').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'paidFen');
    expect(searchParams(page).get('dir')).toBe('desc');

    const checkRows = async () => {
      const rows = page.locator('[data-testid="orders-table"] tbody tr');
      await rows.first().waitFor();
      await page.locator('[data-testid="orders-table"]:not([data-stale])').waitFor();
      const statuses = await page
        .locator('[data-testid="orders-table"] tbody [data-status]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      expect(new Set(statuses)).toEqual(new Set(['paid']));
      const amounts = await rows.evaluateAll((trs) =>
        trs.map((tr) => Number((tr.querySelectorAll('td')[3]?.textContent ?? '').replace(/[^\d.]/g, ''))),
      );
      expect(amounts.every((a) => a >= 20)).toBe(true);
      expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
    };
    await checkRows();
    const url = page.url();
    await screenshot(page, 'orders-filtered-zh');

    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    expect(page.url()).toBe(url);
    expect(await page.getByTestId('filter-status').inputValue()).toBe('已支付');
    expect(await page.getByTestId('filter-channel').inputValue()).toBe('支付宝');
    expect(await page.getByTestId('filter-min').inputValue()).toBe('20');
    await checkRows();

    // back: the sort goes, the filters stay
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('sort'));
    expect(searchParams(page).get('min')).toBe('20');
    expect(searchParams(page).get('status')).toBe('paid');
  });

  it('pages by keyset, moves the selection with j/k and opens it with Enter', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/orders');
    const firstRows = page.locator('[data-testid="orders-table"] tbody tr');
    await firstRows.first().waitFor();
    const firstPage = await firstRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-order-no')));
    expect(firstPage).toHaveLength(50);

    await page.getByTestId('next-page').click();
    await page.waitForURL((url) => url.searchParams.has('pages'));
    // The address changes before the table does: wait for the next page's rows themselves.
    await page.waitForFunction(
      (first) => document.querySelector('[data-testid="orders-table"] tbody tr')?.getAttribute('data-order-no') !== first,
      firstPage[0],
    );
    await page.locator('[data-testid="orders-table"]:not([data-stale])').waitFor();
    const secondPage = await firstRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-order-no')));
    expect(secondPage.some((no) => firstPage.includes(no))).toBe(false);
    expect(await page.getByTestId('orders-page-info').textContent()).toContain('第 2 页');

    await page.getByTestId('previous-page').click();
    await page.waitForURL((url) => !url.searchParams.has('pages'));
    await page.locator('[data-testid="orders-table"]:not([data-stale])').waitFor();
    expect(await firstRows.first().getAttribute('data-order-no')).toBe(firstPage[0]);

    await page.getByRole('heading', { name: '订单', exact: true }).click(); // focus on the page, not in a field
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await page.locator('tr[aria-selected="true"]').getAttribute('data-order-no')).toBe(firstPage[1]);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${BASE_URL}/orders/${firstPage[1]}`);
    await page.getByTestId('order-detail').waitFor();
  });

  it('remembers the chosen columns and density in this browser', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/orders');
    await page.locator('[data-testid="orders-table"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="orders-table"] th', { hasText: '平台' }).count()).toBe(0);

    await page.getByTestId('columns-menu').click();
    await page.getByTestId('column-toggle-platform').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('density').getByText('宽松').click();
    await page.locator('[data-testid="orders-table"][data-density="comfortable"]').waitFor();

    await page.reload();
    await page.locator('[data-testid="orders-table"][data-density="comfortable"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="orders-table"] th', { hasText: '平台' }).count()).toBe(1);
  });
});

describe('the order page', { timeout: 120_000 }, () => {
  it('shows an auditor the masked phone without a reveal button', async () => {
    const page = await signedInPage(browserOf(), AUDITOR, '/orders');
    const target = await orderWithUsage(page);
    await open(page, `/orders/${target.order.orderNo}`);
    await page.getByTestId('phone-masked').waitFor();
    expect(await page.getByTestId('reveal-phone').count()).toBe(0);
    expect(await page.getByTestId('open-case').count()).toBe(0);
  });

  it('says so when there is no such order, with a way back', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/orders/KM209912310000001');
    await page.getByRole('heading', { name: '订单 KM209912310000001' }).waitFor();
    const notFound = page.getByTestId('order-not-found');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('KM209912310000001');
    await notFound.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/orders');
  });

  it('reads the same in English', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/orders');
    const target = await orderWithUsage(page);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
    await page.locator('[data-testid="orders-table"] tbody tr').first().waitFor();
    await screenshot(page, 'orders-en');

    await open(page, `/orders/${target.order.orderNo}`);
    await page.getByRole('heading', { name: `Order ${target.order.orderNo}` }).waitFor();
    await page.locator('[data-testid="usage-chart"] svg').first().waitFor();
    expect(await page.getByTestId('usage-overview').textContent()).toContain('Usage events');
    await screenshot(page, 'order-detail-en');
  });
});
