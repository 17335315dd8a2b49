import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core (Deque's accessibility engine) run inside the page. The console's CSP allows scripts
// from its own origin only, so a <script> tag with axe's text (page.addScriptTag) would be
// refused and reported as a CSP violation; axe's source is evaluated through the DevTools
// protocol instead (not subject to the page's CSP), the way an init script is.

const require = createRequire(import.meta.url);
const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

/** WCAG 2.0 / 2.1 level A and AA rules: what a console used by staff all day must meet. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What a violation is reported as: the rule, its impact and where (a few selectors and what axe says). */
export interface Violation {
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  axeSource ??= readFileSync(AXE_SOURCE_PATH, 'utf8');
  await page.evaluate(axeSource);
}

/**
 * The serious and critical violations of the page as it is now (what makes a screen unusable
 * with a screen reader or the keyboard, or unreadable). Minor and moderate ones are left to
 * review, not to the test.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await injectAxe(page);
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.slice(0, 10).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary ?? '' })),
    }));
  }, TAGS);
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The violations as a readable list, for a failing assertion's message. */
export function describeViolations(where: string, violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${where}: ${v.rule} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `    ${n.target}\n      ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`,
    )
    .join('\n');
}
