import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles';
import { query } from './support/api';
import { newContext, open, RESULTS_DIR, signIn, useBrowser } from './support/browser';

// The whole console in a minute: every screen each role uses, as that role sees it, at a desk
// monitor (1440×900) and a laptop (1024×768), in Chinese and English, into
// test-results/screens/<role>-<screen>-<lang>-<width>.png. What is on screen without scrolling
// (viewport shots): the point at 1024×768 is what fits.
//
// One sign-in per role; the sizes and languages are switched in the same page. Every role's
// every section (shared/roles.ts NAV_BY_ROLE, plus an order and a case page where it reads them)
// in both languages at both sizes.

const SCREENS_DIR = join(RESULTS_DIR, 'screens');
const DESK = { width: 1440, height: 900 };
const LAPTOP = { width: 1024, height: 768 };

type Screen = 'orders' | 'order' | 'cases' | 'case' | 'approvals' | 'comms' | 'audit' | 'dashboard' | 'integration' | 'settings';
type Shot = { lang: 'zh' | 'en'; size: { width: number; height: number } };

const ALL_SHOTS: Shot[] = [
  { lang: 'zh', size: DESK },
  { lang: 'zh', size: LAPTOP },
  { lang: 'en', size: DESK },
  { lang: 'en', size: LAPTOP },
];

const ROLES: { role: Role; username: string; password: string; screens: Screen[]; shots: Shot[] }[] = [
  {
    role: 'agent',
    username: 'agent1',
    password: 'agent1-demo',
    screens: ['orders', 'order', 'cases', 'case', 'comms', 'settings'],
    shots: ALL_SHOTS,
  },
  {
    role: 'supervisor',
    username: 'super1',
    password: 'super1-demo',
    screens: ['approvals', 'orders', 'order', 'cases', 'case', 'comms', 'audit', 'dashboard', 'integration', 'settings'],
    shots: ALL_SHOTS,
  },
  {
    role: 'auditor',
    username: 'auditor1',
    password: 'auditor1-demo',
    screens: ['approvals', 'orders', 'order', 'cases', 'case', 'comms', 'audit', 'dashboard', 'integration', 'settings'],
    shots: ALL_SHOTS,
  },
  { role: 'admin', username: 'admin', password: 'admin-demo', screens: ['integration', 'settings'], shots: ALL_SHOTS },
];

const browserOf = useBrowser();

/** Lets the screen finish loading its code and data. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => {});
}

async function switchLanguage(page: Page, label: 'English' | '简体中文') {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: label }).click();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

describe('a screenshot of every screen for every role', () => {
  it.each(ROLES)(
    '$role',
    async ({ role, username, password, screens, shots }) => {
      mkdirSync(SCREENS_DIR, { recursive: true });
      const context = await newContext(browserOf());
      const page = await context.newPage();
      await open(page, '/');
      await signIn(page, username, password);

      // a real order and case from the demo data for the detail screens
      const paths: Partial<Record<Screen, string>> = {
        orders: '/orders',
        cases: '/cases',
        approvals: '/approvals',
        comms: '/comms',
        audit: '/audit',
        dashboard: '/dashboard',
        integration: '/integration',
        settings: '/settings',
      };
      if (screens.includes('order')) {
        const orders = await query<{ items: { orderNo: string }[] }>(page, 'orders.search', { limit: 1 });
        paths.order = `/orders/${orders.items[0]!.orderNo}`;
      }
      if (screens.includes('case')) {
        const cases = await query<{ items: { caseNo: string }[] }>(page, 'cases.list', { status: 'pending_approval', limit: 1 });
        paths.case = `/cases/${cases.items[0]!.caseNo}`;
      }

      let lang: Shot['lang'] = 'zh';
      const written: string[] = [];
      for (const shot of shots) {
        if (shot.lang !== lang) {
          await switchLanguage(page, shot.lang === 'en' ? 'English' : '简体中文');
          lang = shot.lang;
        }
        await page.setViewportSize(shot.size);
        for (const screen of screens) {
          await open(page, paths[screen]!);
          await page.getByTestId('user-menu').waitFor();
          await settle(page);
          expect(await page.getByTestId('no-access').count(), `${role} may open ${screen}`).toBe(0);
          const file = join(SCREENS_DIR, `${role}-${screen}-${shot.lang}-${shot.size.width}.png`);
          await page.screenshot({ path: file });
          written.push(file);
        }
      }
      expect(written).toHaveLength(screens.length * shots.length);
      // a supervisor's 40 screens take about a minute on two shared cores
    },
    240_000,
  );
});
