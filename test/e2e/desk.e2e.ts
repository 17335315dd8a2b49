import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { query } from './support/api';
import { newPage, open, RESULTS_DIR, signIn, useBrowser } from './support/browser';

// Issue 18, the case desk: the case page and the queue at laptop sizes (1280×720, 1024×768),
// one SLA toggle, the approvals queue right at first paint, the annual plan's usage chart,
// wording, the open-case modal's suggestions, and early word on promo / co-branded orders.

const AGENT = { username: 'agent1', password: 'agent1-demo' };
const SUPERVISOR = { username: 'super1', password: 'super1-demo' };
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];

const browserOf = useBrowser();

async function signedInPage(who: { username: string; password: string }, path = '/'): Promise<Page> {
  const page = await newPage(browserOf());
  await open(page, path);
  await signIn(page, who.username, who.password);
  return page;
}

/** What is on the screen (not the whole page): what an agent sees without scrolling. */
async function viewShot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
}

interface ListItem {
  caseNo: string;
  status: string;
  orderNo: string;
  planCode: string;
  proposal: { quoteId: number; amountFen: number; by: string | null; needsSupervisor: boolean } | null;
  notCheckers?: string[] | null;
}

async function myOpenCase(page: Page): Promise<ListItem> {
  const list = await query<{ items: ListItem[] }>(page, 'cases.list', { assignee: 'me', open: true, limit: 100 });
  const item = list.items.find((i) => i.status === 'in_review' || i.status === 'reopened') ?? list.items[0];
  if (!item) throw new Error('agent1 has no open case in the seeded data');
  return item;
}

describe('the case page and the queue at laptop sizes', () => {
  it('keeps the decision panel on screen at 1280×720 and 1024×768', async () => {
    const page = await signedInPage(AGENT);
    const item = await myOpenCase(page);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await open(page, `/cases/${item.caseNo}`);
      const panel = page.getByTestId('decision-panel');
      await panel.waitFor();
      const box = await panel.boundingBox();
      expect(box, 'the decision panel is laid out').not.toBeNull();
      // its title and first action begin within the window, without scrolling
      expect(box!.y).toBeLessThan(size.height - 120);
      expect(box!.x).toBeGreaterThan(size.width / 2 - 100);
      await viewShot(page, `desk-case-${size.width}x${size.height}`);
      // still there after scrolling down the facts (sticky)
      await page.mouse.move(size.width / 3, size.height / 2);
      await page.mouse.wheel(0, 900);
      await page.waitForTimeout(300);
      const after = await panel.boundingBox();
      expect(after!.y).toBeGreaterThanOrEqual(0);
      expect(after!.y).toBeLessThan(size.height - 120);
    }
  });

  it('folds the queue filters behind 筛选 and clips no column at 1024×768', async () => {
    const page = await signedInPage(SUPERVISOR);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await open(page, '/cases?view=team');
      await page.getByTestId('case-row').first().waitFor();
      const narrow = size.width < 1200;
      const toggle = page.getByTestId('filters-toggle');
      if (narrow) {
        await expect(page.getByTestId('case-filters').isVisible()).resolves.toBe(false);
        await expect(toggle.isVisible()).resolves.toBe(true);
      }
      // the table fits: no horizontal scroll inside its container
      const fits = await page
        .getByTestId('case-queue')
        .evaluate((table) => (table.parentElement ? table.parentElement.scrollWidth <= table.parentElement.clientWidth + 1 : true));
      expect(fits, 'no column is clipped').toBe(true);
      const lastHeader = page.locator('[data-testid="case-queue"] thead th').last();
      const box = await lastHeader.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
      await viewShot(page, `desk-queue-${size.width}x${size.height}`);
      if (narrow) {
        await toggle.click();
        await page.getByTestId('case-filters').waitFor();
        await viewShot(page, `desk-queue-${size.width}x${size.height}-filters`);
      }
    }
  });
});
