import { and, eq, isNull } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, deals, history, members } from '../../db/schema/index.js';
import { initDataFor, miniApp, type MiniApp } from '../helpers/miniapp.js';
import { launchChromium, openMiniApp, serveApp } from '../helpers/miniapp-browser.js';
import { addActivity, addDeal, addLead, addMember } from '../helpers/seed.js';

const DAY = 86_400_000;

/** The Mini App in real headless Chromium against the real app and database. */
describe('Mini App in a browser', () => {
  let t: MiniApp;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let anna: string;
  let owner: string;
  let alpha: string;

  beforeAll(async () => {
    t = await miniApp();
    t.clock.set(new Date());
    const now = t.clock.now().getTime();
    owner = await addMember(t.db, { name: 'Olga', role: 'owner', language: 'en' });
    anna = await addMember(t.db, { name: 'Anna', role: 'manager', language: 'en' });
    const boris = await addMember(t.db, { name: 'Boris', role: 'manager', language: 'en' });
    alpha = await addDeal(t.db, { title: 'Alpha LLC website', assigneeId: anna, amount: 240_000_00, stage: 'proposal' });
    await addActivity(t.db, { dealId: alpha, assigneeId: anna, dueAt: new Date(now - DAY), subject: 'follow_up' });
    await addDeal(t.db, { title: 'Beta shop', assigneeId: anna, amount: 80_000_00, stage: 'in_progress' });
    await addDeal(t.db, { title: 'Gamma (Boris)', assigneeId: boris, amount: 50_000_00, stage: 'proposal' });
    for (let i = 0; i < 3; i++) await addLead(t.db, { assigneeId: anna, channel: 'site_form', createdAt: new Date(now - (i + 1) * DAY) });
    for (let i = 0; i < 2; i++) await addLead(t.db, { assigneeId: boris, channel: 'partner', createdAt: new Date(now - (i + 1) * DAY) });
    server = await serveApp(t.app);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    t?.close();
  });

  const initData = async (memberId: string) => {
    const [m] = await t.db.select().from(members).where(eq(members.id, memberId));
    return initDataFor(m!.telegramId, t.clock.now());
  };

  it('opens the board, moves a deal with a next step, and the database shows the new stage and history', async () => {
    const page = await openMiniApp(browser, server.url, await initData(anna));
    await page.goto(`${server.url}/app`);
    const proposal = page.locator('.column[data-stage="proposal"]');
    await proposal.locator('.card', { hasText: 'Alpha LLC website' }).waitFor();
    // A manager sees only their own deals, with the count and sum per stage.
    expect(await page.locator('.card').allInnerTexts()).toHaveLength(2);
    await expect.poll(() => proposal.locator('header').innerText()).toContain('1');
    expect(await page.locator('.card', { hasText: 'Gamma' }).count()).toBe(0);

    await proposal.locator('.card', { hasText: 'Alpha LLC website' }).locator('button.move').click();
    const sheet = page.locator('.sheet');
    await sheet.locator('[data-stage="negotiation"]').click();
    // Saving without a time is refused on the page: the stage and its next step go together.
    await sheet.locator('button.primary').click();
    expect(await sheet.locator('.error').innerText()).not.toBe('');
    await sheet.locator('[data-kind="meeting"]').click();
    await sheet.getByRole('button', { name: 'Tomorrow 10:00' }).click();
    await sheet.locator('button.primary').click();
    await page.locator('.column[data-stage="negotiation"] .card', { hasText: 'Alpha LLC website' }).waitFor();

    const [row] = await t.db.select().from(deals).where(eq(deals.id, alpha));
    expect(row!.stage).toBe('negotiation');
    const lines = await t.db.select().from(history).where(eq(history.entityId, alpha));
    const moved = lines.find((l) => l.action === 'stage_changed');
    expect(moved).toMatchObject({ actorLabel: 'Anna', changes: { stage: ['proposal', 'negotiation'] } });
    const open = await t.db
      .select()
      .from(activities)
      .where(and(eq(activities.dealId, alpha), isNull(activities.doneAt), eq(activities.kind, 'meeting')));
    expect(open).toHaveLength(1);
    expect(open[0]!.dueAt.getTime()).toBeGreaterThan(Date.now());

    // The record shows the move in its history, in the member's language.
    await page.locator('.card a.title', { hasText: 'Alpha LLC website' }).click();
    await page.locator('.timeline .line').first().waitFor();
    expect(await page.locator('.timeline').innerText()).toMatch(/Proposal sent → Negotiation/);
    await page.context().close();
  });

  it('opens the dashboard for the owner and narrows it by channel and by manager', async () => {
    const page = await openMiniApp(browser, server.url, await initData(owner));
    await page.goto(`${server.url}/app#dashboard`);
    const funnel = page.locator('.funnel');
    await funnel.waitFor();
    expect(await funnel.locator('.bar').first().innerText()).toContain('5');

    const filtered = page.waitForResponse((r) => r.url().includes('/app/api/dashboard') && r.url().includes('channel=partner'));
    await page.selectOption('select[name="channel"]', 'partner');
    expect((await filtered).status()).toBe(200);
    await expect.poll(() => funnel.locator('.bar').first().innerText()).toMatch(/\b2\b/);
    expect(await page.locator('.by-manager').innerText()).toContain('Boris');
    expect(await page.locator('.by-manager').innerText()).not.toContain('Anna');

    // Two taps to a segment: a manager's row narrows the whole dashboard to them.
    const byBoris = page.waitForResponse((r) => r.url().includes('/app/api/dashboard') && r.url().includes('manager='));
    await page.locator('.by-manager .bar.tap', { hasText: 'Boris' }).click();
    expect((await byBoris).status()).toBe(200);
    await expect.poll(() => page.locator('select[name="manager"] option:checked').innerText()).toBe('Boris');
    await page.context().close();
  });

  it('shows a page of cards per column and the rest with "show more"', async () => {
    const now = t.clock.now().getTime();
    for (let i = 0; i < 25; i++) {
      const deal = await addDeal(t.db, {
        title: `Closing ${String(i + 1).padStart(2, '0')}`,
        assigneeId: anna,
        amount: 1_000_00,
        stage: 'closing',
      });
      await addActivity(t.db, { dealId: deal, assigneeId: anna, dueAt: new Date(now + (i + 1) * DAY) });
    }
    const page = await openMiniApp(browser, server.url, await initData(anna));
    await page.goto(`${server.url}/app`);
    const closing = page.locator('.column[data-stage="closing"]');
    await closing.locator('.card').first().waitFor();
    expect(await closing.locator('header').innerText()).toContain('25');
    expect(await closing.locator('.card').count()).toBe(20);
    await closing.locator('button.more', { hasText: '+5 more' }).click();
    await closing.locator('.card', { hasText: 'Closing 25' }).waitFor();
    expect(await closing.locator('.card').count()).toBe(25);
    expect(await closing.locator('button.more').count()).toBe(0);
    // A card from the second page opens its record like any other.
    await closing.locator('.card a.title', { hasText: 'Closing 24' }).click();
    await page.waitForURL(/#deal\//);
    await page.context().close();
  });

  it('opens on the board when Telegram puts its launch parameters in the hash', async () => {
    const data = await initData(anna);
    const page = await openMiniApp(browser, server.url, data);
    const board = page.waitForResponse((r) => r.url().endsWith('/app/api/board'));
    await page.goto(`${server.url}/app#tgWebAppData=${encodeURIComponent(data)}&tgWebAppVersion=8.0&tgWebAppPlatform=android`);
    expect((await board).status()).toBe(200);
    await page.locator('.column .card').first().waitFor();
    expect(await page.locator('nav a.on').getAttribute('data-tab')).toBe('board');
    await page.context().close();
  });

  it('refuses the page to a stranger', async () => {
    const page = await openMiniApp(browser, server.url, await initDataFor(424_242, t.clock.now()));
    await page.goto(`${server.url}/app`);
    await page.locator('.error').waitFor();
    expect(await page.locator('.error').innerText()).toContain('Open this page from the bot');
    expect(await page.locator('.card').count()).toBe(0);
    await page.context().close();
  });
});
