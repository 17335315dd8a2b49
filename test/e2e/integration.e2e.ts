import { describe, expect, it } from 'vitest';
import { signatureHeaders } from '../../server/integration/signature';
import { generateEvents } from '../support/fake-platform';
import { BASE_URL, screenshot, settle, signedInPage, switchLanguage, useBrowser } from './support/browser';
import { E2E_INGEST_SECRET } from './support/server';

// 对接 / Integration (docs/integration.md §5): after the platform posts events — some twice,
// some waiting for a plan that has not come, one batch badly signed — a supervisor sees the
// figures, the waiting events and the refused batch on the page.

const SUPERVISOR = { username: 'super1', password: 'super1-demo' };
const AGENT = { username: 'agent1', password: 'agent1-demo' };

const browserOf = useBrowser();

async function post(events: unknown[], secret = E2E_INGEST_SECRET) {
  const body = JSON.stringify({ events });
  const res = await fetch(`${BASE_URL}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, number> };
}

describe('the integration page', () => {
  it('shows a supervisor the events in, the duplicates, what waits and what was refused', async () => {
    // a seed of this run's own, so the ids are new whatever the database has seen; the plans are
    // held back, so the orders wait for them and none joins the demo's orders
    const seed = Date.now() % 1_000_000;
    const events = generateEvents({ orders: 6, seed }).filter((e) => e.type !== 'plan.upserted');
    const first = await post(events);
    expect(first).toMatchObject({ status: 200, body: { accepted: events.length } });
    expect(first.body.parked).toBeGreaterThan(0);
    expect((await post(events.slice(0, 5))).body).toMatchObject({ accepted: 0, duplicates: 5 });
    expect((await post(events.slice(0, 1), 'not-the-secret')).status).toBe(401);

    const page = await signedInPage(browserOf(), SUPERVISOR, '/integration');
    await page.locator('[data-nav-item="integration"]').waitFor();
    await page.getByTestId('integration-figures').waitFor();
    const figure = async (key: string) => Number(await page.getByTestId(`integration-figure-${key}`).locator('[data-value]').textContent());
    expect(await figure('received')).toBeGreaterThanOrEqual(events.length);
    expect(await figure('duplicates')).toBeGreaterThanOrEqual(5);
    expect(await figure('parked')).toBeGreaterThanOrEqual(first.body.parked!);
    expect(await figure('refused')).toBeGreaterThanOrEqual(1);
    // a small chart per type, its total what was received
    const members = events.filter((e) => e.type === 'member.upserted').length;
    const memberCard = page.locator('[data-testid="integration-type"][data-type="member.upserted"]');
    expect(Number(await memberCard.getAttribute('data-total'))).toBeGreaterThanOrEqual(members);
    // the waiting events say what they wait for, and the refused batch its reason
    await page.getByTestId('integration-parked-row').first().waitFor();
    expect(await page.getByTestId('integration-parked-groups').textContent()).toContain('等待: 商品');
    const refusal = page.locator('[data-testid="integration-refusal-row"][data-kind="bad_signature"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('签名或时间戳无效');
    // no member's phone anywhere on the page
    const phones = events.flatMap((e) => (typeof e.data.phone === 'string' ? [e.data.phone] : []));
    const text = (await page.locator('body').textContent()) ?? '';
    for (const phone of phones) expect(text).not.toContain(phone);
    await settle(page);
    await screenshot(page, 'integration-zh');

    await switchLanguage(page, 'English');
    await page.getByRole('heading', { name: 'Integration' }).waitFor();
    await page.getByText('Waiting events').first().waitFor();
    await settle(page);
    await screenshot(page, 'integration-en');
  });

  it('is not in an agent’s navigation, and its address says so', async () => {
    const page = await signedInPage(browserOf(), AGENT, '/integration');
    await page.locator('[data-nav-item]').first().waitFor();
    expect(await page.locator('[data-nav-item="integration"]').count()).toBe(0);
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('no-access').textContent()).toContain('对接');
    expect(await page.getByTestId('integration-body').count()).toBe(0);
  });
});
