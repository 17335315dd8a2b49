import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { query } from './support/api';
import { describeViolations, seriousViolations, type Violation } from './support/axe';
import { newPage, open, settle, signedInPage, switchLanguage, useBrowser } from './support/browser';

// Issue 18: every main screen passes axe-core's WCAG 2.1 A/AA rules with no serious or critical
// violation, in Chinese and in English: what a screen-reader or keyboard user needs (names on
// every control and icon button, labels on fields, landmarks, contrast that reads at a desk).
// No rule is excluded. Each screen is checked as the role that sees the most of it.

const SUPERVISOR = { username: 'super1', password: 'super1-demo' };
const ADMIN = { username: 'admin', password: 'admin-demo' };
const LANGUAGES = [
  { lang: 'zh', label: '简体中文' },
  { lang: 'en', label: 'English' },
] as const;

const browserOf = useBrowser();

/** Opens each path, lets it settle and collects what axe finds there. */
async function check(page: Page, paths: Record<string, string>): Promise<string[]> {
  const found: string[] = [];
  for (const [name, path] of Object.entries(paths)) {
    await open(page, path);
    await page.getByTestId('user-menu').waitFor();
    await settle(page);
    const violations: Violation[] = await seriousViolations(page);
    if (violations.length > 0) found.push(describeViolations(name, violations));
  }
  return found;
}

describe('accessibility: no serious axe-core violation on any screen', () => {
  it.each(LANGUAGES)('the sign-in page ($lang)', async ({ label }) => {
    const page = await newPage(browserOf());
    await open(page, '/');
    await page.locator('input[name="username"]').waitFor();
    if (label === 'English') await switchLanguage(page, label);
    const violations = await seriousViolations(page);
    expect(violations, describeViolations('sign-in', violations)).toEqual([]);
  });

  it.each(LANGUAGES)(
    "a supervisor's screens ($lang)",
    async ({ label }) => {
      const page = await signedInPage(browserOf(), SUPERVISOR, '/');
      if (label === 'English') await switchLanguage(page, label);
      const orders = await query<{ items: { orderNo: string }[] }>(page, 'orders.search', { limit: 1 });
      const cases = await query<{ items: { caseNo: string }[] }>(page, 'cases.list', { status: 'pending_approval', limit: 1 });
      const found = await check(page, {
        approvals: '/approvals',
        orders: '/orders',
        order: `/orders/${orders.items[0]!.orderNo}`,
        cases: '/cases?view=team',
        case: `/cases/${cases.items[0]!.caseNo}`,
        comms: '/comms',
        'audit log': '/audit',
        'audit history': '/audit?tab=history',
        'audit QA': '/audit?tab=qa',
        dashboard: '/dashboard',
        integration: '/integration',
        'settings: account': '/settings?tab=account',
        'settings: templates': '/settings?tab=templates',
      });
      expect(found, found.join('\n')).toEqual([]);
    },
    240_000,
  );

  it.each(LANGUAGES)(
    "an admin's settings ($lang)",
    async ({ label }) => {
      const page = await signedInPage(browserOf(), ADMIN, '/');
      if (label === 'English') await switchLanguage(page, label);
      const found = await check(page, { policy: '/settings?tab=policy', calendar: '/settings?tab=calendar' });
      expect(found, found.join('\n')).toEqual([]);
    },
    120_000,
  );
});
