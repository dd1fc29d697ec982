/**
 * The web page in a real headless Chromium, over the app as `npm start` serves it (seed data
 * of the Comune di Milano imported): the org chart, its timeline slider driven by the keyboard,
 * the differences from a second date, a unit's history, the PDO with an indicator chart, and a
 * change posted through the API appearing on the open page through the live feed (SSE).
 * Screenshots go to test/artifacts/ (ignored by git). Without Chromium the suite is skipped
 * with the reason in its title, and the reason is printed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { detectChromium } from './chromium-availability.ts';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const availability = await detectChromium();
const skipReason = 'skipReason' in availability ? availability.skipReason : undefined;
if (skipReason) console.warn(`web page e2e — skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;

suite(`web page in headless Chromium${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const heading = (name: string, level = 2) => page.getByRole('heading', { level, name, exact: true });
  const unitNames = () => page.locator('.org-tree .unit-name').allTextContents();
  /** Without a focus ring, so that the pictures show the content. */
  const screenshot = async (name: string) => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
    if ('skipReason' in availability) return;
    browser = await availability.launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the org chart of today, the 2016 structure once the slider is moved to its first stop with the keyboard, and 2020 one step on', async () => {
    await page.goto(`${app.url}/#/org/comune-milano/chart`);
    await page.getByRole('link', { name: 'Gabinetto del Sindaco', exact: true }).waitFor();
    expect(await unitNames()).toContain('Direzione Servizi Civici e Municipi');

    const slider = page.getByRole('slider', { name: 'Date dei cambiamenti' });
    await slider.focus();
    await page.keyboard.press('Home');
    await heading('Organigramma al 1 luglio 2016').waitFor();

    const names = await unitNames();
    expect(names).toEqual(expect.arrayContaining(['Direzione Periferie', 'Direzione Municipi', 'Direzione Sistemi informativi e Agenda digitale']));
    expect(names).not.toContain('Gabinetto del Sindaco');
    expect(names).not.toContain('Direzione Servizi Civici e Municipi');
    expect(names).not.toContain('Direzione Ufficio del Sindaco');
    expect(page.url()).toContain('at=2016-07-01');
    await screenshot('org-chart-2016');

    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await heading('Organigramma al 1 gennaio 2020').waitFor();
    expect(await unitNames()).toContain('Direzione Ufficio del Sindaco');
  });

  it('marks the differences from a second date: units added and renamed between 2022 and 2024', async () => {
    await page.goto(`${app.url}/#/org/comune-milano/chart?at=2024-01-01`);
    await heading('Organigramma al 1 gennaio 2024').waitFor();
    await page.getByLabel('Confronta con').selectOption('2022-01-01');
    await heading('Differenze dal 1 gennaio 2022 al 1 gennaio 2024', 3).waitFor();

    const renamed = page.locator('.unit.mark-renamed', { hasText: 'Direzione Servizi Civici e Municipi' });
    await expect(renamed.locator('.badge-renamed').first().textContent()).resolves.toBe('rinominata, prima: Direzione Quartieri e Municipi');
    const added = await page.locator('.unit.mark-added > .unit-line .unit-name').allTextContents();
    expect(added).toContain('Segreteria Generale');
    expect(added).not.toContain('Area Comunicazione');
    await screenshot('org-chart-compare-2022-2024');
  });

  it("opens a unit's page with its competencies and its history, each change with its act", async () => {
    await page.goto(`${app.url}/#/org/comune-milano/chart?at=2024-01-01`);
    await page.getByRole('link', { name: 'Area Comunicazione', exact: true }).click();
    await heading('Area Comunicazione').waitFor();

    expect(await page.getByRole('link', { name: 'Gabinetto del Sindaco' }).count()).toBeGreaterThan(0);
    const established = page.locator('table.history tbody tr', { hasText: 'Unità istituita' });
    await expect(established.textContent()).resolves.toContain('1 gennaio 2022');
    await expect(established.textContent()).resolves.toContain('Gabinetto del Sindaco — Struttura organizzativa, competenze');
    expect(await page.locator('table.history tbody tr', { hasText: 'Competenza assegnata' }).count()).toBeGreaterThan(5);
    await screenshot('unit-history');
  });

  it("draws an indicator's measurements against its target in the PDO of its year", async () => {
    const api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs/comune-milano/indicators/2020_Z101.i3/measurements', { value: 4, measuredAt: '2020-06-30' }));
    await accepted(api.post('/api/v1/orgs/comune-milano/indicators/2020_Z101.i3/measurements', { value: 12, measuredAt: '2020-12-31' }));

    await page.goto(`${app.url}/#/org/comune-milano/pdo?year=2020`);
    await heading('Piano degli Obiettivi 2020').waitFor();
    await page.locator('details.objective > summary').first().click();
    const chart = page.getByRole('img', { name: /^2 misurazioni dal 30 giugno 2020 al 31 dicembre 2020; ultima 12; target 10/ });
    await chart.waitFor();
    expect(await chart.locator('circle.point').count()).toBe(2);
    expect(await chart.locator('.target-label').textContent()).toBe('target 10');
    await screenshot('pdo-2020-indicator');
  });

  let knownBeforeLivePost = '';

  it('shows a change posted through the API on the open page, live, without a reload', async () => {
    const api = apiClient(app.url, { token: app.adminToken });
    knownBeforeLivePost = (await api.get('/api/v1/orgs')).body.asKnownAt;
    await page.goto(`${app.url}/#/org/comune-milano/chart`);
    await page.getByText('In ascolto delle modifiche').waitFor();
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    await accepted(
      api.post('/api/v1/orgs/comune-milano/reorganizations', {
        act: { id: 'e2e-live-act', kind: 'determina', title: 'Determina di prova e2e' },
        effectiveFrom: '2025-02-01',
        changes: [{ op: 'establish', unitId: 'dir-prova-live', name: 'Direzione Prova in Diretta', kind: 'direzione', parentId: null }],
      }),
    );

    await page.getByRole('link', { name: 'Direzione Prova in Diretta', exact: true }).waitFor();
    await page.locator('#feed-list li', { hasText: 'Unità istituita' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await screenshot('live-update');
    expect(pageErrors).toEqual([]);
  });

  it('answers as known before that change once "Come noto al" is set to an earlier instant', async () => {
    expect(knownBeforeLivePost).not.toBe('');
    await page.getByRole('link', { name: 'Direzione Prova in Diretta', exact: true }).waitFor();
    // The datetime-local input takes the browser's local time (the context runs in Europe/Rome).
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(knownBeforeLivePost)).replace(' ', 'T');
    await page.getByLabel('Come noto al').fill(local);
    await page.getByRole('button', { name: 'Applica' }).click();
    await page.waitForURL(/asKnownAt=/);
    await page.getByRole('button', { name: 'Adesso' }).waitFor();

    const names = await unitNames();
    expect(names).toContain('Gabinetto del Sindaco');
    expect(names).not.toContain('Direzione Prova in Diretta');
  });
});
