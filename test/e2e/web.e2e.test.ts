/**
 * The web page in a real headless Chromium, over the app as `npm start` serves it (seed data
 * of the Comune di Milano imported), with an en-US browser locale to show that dates stay
 * Italian: the organigram at two dates, a comparison showing a head change and its act, a
 * search, a source link highlighting its line, the dead end of "come noto al" before any data,
 * the skip link, a live update, the request budget of every view (counted by the page and by
 * the browser, failing above four), 20 rapid "come noto al" changes under a tight rate limit,
 * axe-core on every view, and screenshots at 1366×768 and 390 px (test/artifacts/). The token
 * prompt runs on a second app with ORGTRAIL_PUBLIC_READS=false. Without Chromium the suite is
 * skipped with the reason in its title, and the reason is printed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { detectChromium } from './chromium-availability.ts';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const availability = await detectChromium();
const skipReason = 'skipReason' in availability ? availability.skipReason : undefined;
if (skipReason) console.warn(`web page e2e — skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;
/** The rate limit of the app under test: low, so that a page that floods it fails the tests. */
const RATE_LIMIT = 120;

suite(`web page in headless Chromium${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  /** Every API request the browser made, and every 429 it got. */
  const apiRequests: string[] = [];
  const tooMany: string[] = [];

  const boxLabels = () => page.locator('.org-chart-svg a.unit-box').evaluateAll((boxes) => boxes.map((b) => (b as HTMLElement).dataset.label ?? ''));
  const hasBox = async (name: string) => (await boxLabels()).some((label) => label.startsWith(`${name} `));
  /** Until the page has rendered the view of its current address. */
  const rendered = async () => {
    await page.waitForFunction(() => {
      const main = document.getElementById('main');
      return main?.getAttribute('aria-busy') === 'false' && main.dataset.route === location.hash;
    });
  };
  const go = async (hash: string) => {
    await page.goto(`${app.url}/${hash}`);
    await rendered();
  };
  /** Navigates inside the loaded page and counts the API requests the new view makes once idle. */
  const requestsOfView = async (hash: string, wait: () => Promise<unknown>) => {
    const before = apiRequests.length;
    await page.evaluate((h) => (location.hash = h), hash);
    await wait();
    await page.waitForTimeout(600);
    return apiRequests.slice(before).filter((url) => !url.includes('/live?'));
  };
  const screenshot = async (name: string) => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };
  const axe = async (name: string) => {
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations, `axe on ${name}`).toEqual([]);
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto', ORGTRAIL_RATE_LIMIT: String(RATE_LIMIT) } });
    if ('skipReason' in availability) return;
    browser = await availability.launch();
    // bypassCSP only lets the test inject axe-core; the page itself runs under the service's CSP.
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'Europe/Rome', bypassCSP: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(request.url());
    });
    page.on('response', (response) => {
      if (response.status() === 429) tooMany.push(response.url());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('draws the organigram as an SVG tree, top management first, and another structure at an earlier date', async () => {
    await go('#/org/comune-milano/chart?at=2024-06-01');
    await page.locator('.org-chart-svg').waitFor();
    expect(await page.locator('main h2').textContent()).toBe('Organigramma al 1 giugno 2024');
    const names = await boxLabels();
    expect(names[0]).toMatch(/^Direzione Generale Direzione/);
    expect(names[1]).toMatch(/^Segreteria Generale Segreteria/);
    expect(await page.locator('.org-chart-svg .link').count()).toBeGreaterThan(40);
    expect(await hasBox('Ufficio Cerimoniale')).toBe(true);
    // Dates in gg/mm/aaaa although the browser's locale is en-US.
    expect(await page.locator('#at-date').inputValue()).toBe('01/06/2024');
    // Collapsing a branch hides its units; expanding shows them again.
    await page.getByRole('button', { name: 'Comprimi Gabinetto del Sindaco' }).click();
    expect(await hasBox('Ufficio Cerimoniale')).toBe(false);
    await page.getByRole('button', { name: /^Espandi Gabinetto del Sindaco \(\d+ unità\)$/ }).click();
    expect(await hasBox('Ufficio Cerimoniale')).toBe(true);
    await screenshot('org-chart-2024-1366');
    await axe('organigram');

    // Layout: the header and the controls end within ~160 px; the chart fills the rest.
    const controlsBottom = await page.locator('form.controls').evaluate((el) => el.getBoundingClientRect().bottom);
    const chartTop = await page.locator('#org-chart').evaluate((el) => el.getBoundingClientRect().top);
    expect(controlsBottom).toBeLessThanOrEqual(165);
    expect(chartTop).toBeLessThanOrEqual(180);

    await page.locator('#at-date').fill('01/07/2016');
    await page.locator('#at-date').press('Enter');
    await page.waitForFunction(() => document.querySelector('main h2')?.textContent === 'Organigramma al 1 luglio 2016');
    await rendered();
    await page.locator('.org-chart-svg').waitFor();
    expect(await hasBox('Direzione Periferie')).toBe(true);
    expect(await hasBox('Gabinetto del Sindaco')).toBe(false);
    expect(page.url()).toContain('at=2016-07-01');
  });

  it('compares with a second date and marks a head change with its act, beside the chart', async () => {
    const api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs/comune-milano/reorganizations', { act: { id: 'decreto-e2e-1', kind: 'decreto', title: 'Decreto sindacale di prova e2e' }, effectiveFrom: '2024-03-01', changes: [{ op: 'appoint-head', unitId: 'dir-cultura', person: 'Maria Bianchi', title: 'Direttrice' }] }));
    await go('#/org/comune-milano/chart?at=2024-06-01');
    await page.locator('#compare').fill('01/02/2024');
    await page.locator('#compare').press('Enter');
    await page.getByRole('heading', { level: 3, name: 'Differenze dal 1 febbraio 2024 al 1 giugno 2024' }).waitFor();
    const row = page.locator('.diff-row[data-change="head-changed"]', { hasText: 'Direzione Cultura' });
    await expect(row.textContent()).resolves.toContain('Decreto sindacale di prova e2e (Decreto');
    await expect(row.textContent()).resolves.toContain('— → Maria Bianchi (Direttrice)');
    const box = page.locator('.org-chart-svg a.unit-box.mark-head[data-unit-id="dir-cultura"]');
    await expect(box.getAttribute('data-label')).resolves.toContain('Responsabile: nessuno → Maria Bianchi (Direttrice)');
    await screenshot('org-chart-compare-head-1366');
    await axe('comparison');

    // A source covering the date links to its text (the seed documents are sources since issue 15, not acts).
    await go('#/org/comune-milano/chart?at=2024-06-01&compare=2021-06-01');
    const source = page.locator('.coverage a[href*="/source/doc-"]').first();
    const sourceId = (await source.getAttribute('href'))!.replace(/^.*\/source\//, '');
    await source.click();
    await page.locator('.source-text').waitFor();
    expect(await page.locator('main h2').textContent()).toBe(`Fonte ${sourceId}`);

    // A comparison of two "come noto al" on one date lists what was recorded in between.
    await go('#/org/comune-milano/chart?at=2024-06-01');
    const options = await page.locator('#compare-known-at option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options.length).toBeGreaterThan(2);
    await page.locator('#compare-known-at').selectOption(options[2]!);
    await page.locator('.diff-list').waitFor();
    await expect(page.locator('.diff-row[data-change="head-changed"]').count()).resolves.toBe(1);
  });

  it('finds units, competencies and objectives by text, accents and case ignored', async () => {
    await go('#/org/comune-milano/chart?at=2024-06-01');
    await page.getByRole('searchbox', { name: 'Cerca unità, competenze e obiettivi' }).fill('CERIMONIALE');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('heading', { level: 2, name: 'Risultati per «CERIMONIALE» al 1 giugno 2024' }).waitFor();
    expect(await page.locator('[data-kind="units"] li').first().textContent()).toContain('Ufficio Cerimoniale');
    expect(await page.locator('[data-kind="competencies"] li').count()).toBeGreaterThan(0);
    await page.getByRole('searchbox').fill('patrocìni');
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.getByRole('heading', { level: 2, name: 'Risultati per «patrocìni» al 1 giugno 2024' }).waitFor();
    expect(await page.locator('[data-kind="competencies"]').textContent()).toMatch(/patrocini/i);
    await axe('search');
  });

  it("opens a unit's history, whose source link shows the document with the fact's lines highlighted", async () => {
    await go('#/org/comune-milano/unit/gab-area-comunicazione?at=2024-06-01');
    const established = page.locator('table.history tbody tr', { hasText: 'Unità istituita' });
    const link = established.locator('td:nth-child(3) a.source-link');
    await expect(link.textContent()).resolves.toBe('fonte 000, righe 349-423');
    // Only this fact's own qualifier, in Italian, with the line its reason cites.
    await established.locator('details.qualifiers summary').click();
    await expect(established.locator('details.qualifiers').textContent()).resolves.toContain('data di validità: approssimata');
    await axe('unit');
    await link.click();
    await page.getByRole('heading', { level: 2, name: 'Fonte 000' }).waitFor();
    const highlighted = page.locator('.source-text li.highlight');
    expect(await highlighted.count()).toBe(423 - 349 + 1);
    expect(await highlighted.first().getAttribute('id')).toBe('L349');
    expect(await highlighted.first().textContent()).toContain('AREA COMUNICAZIONE');
    expect(await page.locator('#L349').evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })).toBe(true);
    await screenshot('source-000-lines-1366');
    await axe('source');
  });

  it('says in Italian that nothing was recorded before the first data, and keeps the controls', async () => {
    await go(`#/org/comune-milano/chart?at=2024-06-01&asKnownAt=${encodeURIComponent('2001-01-01T00:00:00.000Z')}`);
    await page.getByRole('heading', { level: 3, name: 'Nessun dato registrato a quell’istante' }).waitFor();
    expect(await page.locator('.notice-box').textContent()).toContain('il primo dato è stato registrato il');
    expect(await page.locator('#as-known-at').isVisible()).toBe(true);
    expect(await page.locator('#at-date').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Piano degli Obiettivi' }).getAttribute('href')).not.toContain('asKnownAt');
    await page.locator('#as-known-at').selectOption('');
    await page.locator('.org-chart-svg').waitFor();
    expect(page.url()).not.toContain('asKnownAt');
  });

  it('moves the focus to the content with the skip link, without changing the view', async () => {
    await go('#/org/comune-milano/chart?at=2024-06-01');
    const url = page.url();
    await page.locator('.skip-link').focus();
    expect(await page.locator('.skip-link').evaluate((el) => el.getBoundingClientRect().left >= 0)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(page.url()).toBe(url);
    expect(await page.locator('.org-chart-svg').count()).toBe(1);
  });

  it('shows a change posted through the API live, with at most one request and without a reload', async () => {
    const api = apiClient(app.url, { token: app.adminToken });
    await go('#/org/comune-milano/chart?at=2025-06-01');
    await page.locator('.org-chart-svg').waitFor();
    await page.waitForFunction(() => document.getElementById('feed-status')?.dataset.state === 'open');
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await page.waitForTimeout(300);
    const before = apiRequests.length;
    await accepted(api.post('/api/v1/orgs/comune-milano/reorganizations', { act: { id: 'e2e-live-act', kind: 'determina', title: 'Determina di prova e2e' }, effectiveFrom: '2025-02-01', changes: [{ op: 'establish', unitId: 'dir-prova-live', name: 'Direzione Prova in Diretta', kind: 'direzione', parentId: null }] }));
    await page.waitForFunction(() => [...document.querySelectorAll('.org-chart-svg a.unit-box')].some((a) => a.getAttribute('data-label')?.startsWith('Direzione Prova in Diretta')));
    await page.locator('#feed-list li', { hasText: 'Unità istituita' }).waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    expect(apiRequests.slice(before).filter((url) => !url.includes('/live?'))).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // The new change date is on the slider, patched from the event.
    expect(await page.locator('#at-date + datalist option[value="01/02/2025"]').count()).toBe(1);
  });

  it('keeps every view within four API requests once the page is loaded', { timeout: 90_000 }, async () => {
    const timeline = (await apiClient(app.url).get('/api/v1/orgs/comune-milano/timeline')).body;
    const earlier = encodeURIComponent(timeline.recordings[1].asKnownAt);
    await go('#/org/comune-milano/chart?at=2024-06-01');
    const views: [string, string, () => Promise<unknown>][] = [
      ['chart', '#/org/comune-milano/chart?at=2022-06-01', () => page.locator('.org-chart-svg').waitFor()],
      ['comparison', '#/org/comune-milano/chart?at=2022-06-01&compare=2020-06-01', () => page.locator('.diff-list').waitFor()],
      ['system-time comparison', `#/org/comune-milano/chart?at=2022-06-01&compareKnownAt=${earlier}`, () => page.locator('.diff-list').waitFor()],
      ['unit', '#/org/comune-milano/unit/gab-area-comunicazione?at=2022-06-01', () => page.locator('table.history').waitFor()],
      ['PDO', '#/org/comune-milano/pdo?year=2020', () => page.locator('details.objective').first().waitFor()],
      ['search', '#/org/comune-milano/search?q=gabinetto&at=2022-06-01', () => page.locator('[data-kind="units"]').waitFor()],
      ['source', '#/org/comune-milano/source/001_cdbf079ee3a9597a?lines=3', () => page.locator('.source-text').waitFor()],
    ];
    const counts: Record<string, number> = {};
    for (const [name, hash, wait] of views) counts[name] = (await requestsOfView(hash, wait)).length;
    console.info(`API requests per view: ${JSON.stringify(counts)}`);
    for (const [name, count] of Object.entries(counts)) expect(count, `${name}: ${count} requests`).toBeLessThanOrEqual(4);
    expect(counts['chart']).toBeGreaterThanOrEqual(1);

    // Opening an objective of the PDO with its indicators is one view too.
    await go('#/org/comune-milano/pdo?year=2020');
    const before = apiRequests.length;
    await page.locator('details.objective > summary').first().click();
    await page.locator('.objective-body h4').first().waitFor();
    await page.waitForTimeout(400);
    expect(apiRequests.length - before).toBeLessThanOrEqual(4);
    await axe('PDO');
    // The page counts what it asked, the same as the browser saw.
    expect(await page.evaluate(() => (window as unknown as { __orgtrailRequests: unknown[] }).__orgtrailRequests.length)).toBeGreaterThan(0);
  });

  it('offers "come noto al" stops at the real recording instants, one per source of the seed import, and free entry', async () => {
    const timeline = (await apiClient(app.url).get('/api/v1/orgs/comune-milano/timeline')).body as { recordings: { asKnownAt: string; act: unknown; sourceIds: string[] }[] };
    await go('#/org/comune-milano/chart?at=2024-06-01');
    const options = await page.locator('#as-known-at option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    const stops = options.filter((o) => o.value !== '' && o.value !== 'other');
    // Every run of the timeline is a stop at its own instant (newest first).
    expect(stops.map((o) => o.value)).toEqual([...timeline.recordings].reverse().map((r) => r.asKnownAt));
    for (const document of ['doc-000-gabinetto-struttura', 'doc-001-pdo-2020-2020_Z101', 'doc-002-articolo-riorganizzazione-2016', 'doc-004-pdo-2024-2026']) {
      expect(stops.some((o) => o.text.includes(`fonte ${document}`)), document).toBe(true);
    }
    // Picking the 2020 plan's stop answers as known right after it: the 2024 plan's directorates are not known yet.
    const plan2020 = timeline.recordings.find((r) => r.act === null && r.sourceIds.join() === 'doc-001-pdo-2020-2020_Z101')!;
    await page.locator('#as-known-at').selectOption(plan2020.asKnownAt);
    await page.waitForFunction(() => document.getElementById('main')?.getAttribute('aria-busy') === 'false');
    expect(decodeURIComponent(page.url())).toContain(`asKnownAt=${plan2020.asKnownAt}`);
    expect(await page.locator('#as-known-at-free').count()).toBe(1);
  });

  it('takes 20 rapid "come noto al" changes without a 429, and answers for the last one', async () => {
    await go('#/org/comune-milano/chart?at=2024-06-01');
    const options = await page.locator('#as-known-at option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== '' && v !== 'other'));
    // One run per source of the seed import (no acts), and the earlier tests add a few more.
    expect(options.length).toBeGreaterThanOrEqual(2);
    const before = apiRequests.length;
    const tooManyBefore = tooMany.length;
    for (let i = 0; i < 20; i++) {
      const value = options[i % options.length]!;
      await page.evaluate((v) => {
        const select = document.getElementById('as-known-at') as HTMLSelectElement | null;
        if (!select) return;
        select.value = v;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
      await page.waitForTimeout(60);
    }
    const last = options[19 % options.length]!;
    await page.waitForFunction((v) => (document.getElementById('as-known-at') as HTMLSelectElement | null)?.value === v && document.getElementById('main')?.getAttribute('aria-busy') === 'false', last);
    await page.waitForTimeout(500);
    expect(tooMany.slice(tooManyBefore)).toEqual([]);
    expect(apiRequests.length - before).toBeLessThan(20);
    expect(decodeURIComponent(page.url())).toContain(`asKnownAt=${last}`);
  });

  it('records a measurement from the page with an editor token, and never draws an empty chart', async () => {
    await go('#/org/comune-milano/pdo?year=2020&open=2020_Z101');
    const empty = page.locator('details.objective[data-objective-id="2020_Z101"] .indicator-block', { hasText: 'Nessuna misurazione registrata' });
    await page.locator('details.objective[data-objective-id="2020_Z101"] .objective-body h4').first().waitFor();
    expect(await empty.count()).toBeGreaterThan(0);
    expect(await empty.first().locator('svg').count()).toBe(0);

    const admin = apiClient(app.url, { token: app.adminToken });
    const editor = await accepted(admin.post('/api/v1/tokens', { name: 'e2e editor', role: 'editor' }));
    await page.evaluate((token) => sessionStorage.setItem('orgtrail.token', token), editor.body.token as string);
    // A new document (not just a new # part): the page starts again with the token in the session.
    await page.goto(`${app.url}/?reload=1#/org/comune-milano/pdo?year=2020&open=2020_Z101`);
    await rendered();
    const block = page.locator('.indicator-block[data-indicator-id="2020_Z101.i3"]');
    await block.locator('input[id^="m-value-"]').fill('7,5');
    await block.locator('input[id^="m-date-"]').fill('30/09/2020');
    await block.locator('input[id^="m-date-"]').press('Tab');
    await block.getByRole('button', { name: 'Registra' }).click();
    await block.getByText('Misurazione registrata: 7,5 al 30 settembre 2020.').waitFor();
    await page.getByRole('img', { name: /^1 misurazione dal 30 settembre 2020/ }).waitFor();
    await page.evaluate(() => sessionStorage.removeItem('orgtrail.token'));
    await screenshot('pdo-2020-measurement-1366');
  });

  it('keeps one tab far from the rate limit while 25 measurements arrive live on the open PDO', async () => {
    await go('#/org/comune-milano/pdo?year=2020&open=2020_Z101');
    await page.locator('details.objective[data-objective-id="2020_Z101"] .objective-body h4').first().waitFor();
    await page.waitForFunction(() => document.getElementById('feed-status')?.dataset.state === 'open');
    const api = apiClient(app.url, { token: app.adminToken });
    const before = apiRequests.length;
    const tooManyBefore = tooMany.length;
    for (let i = 0; i < 25; i++) await accepted(api.post('/api/v1/orgs/comune-milano/indicators/2020_Z101.i3/measurements', { value: i, measuredAt: `2020-10-${String(i + 1).padStart(2, '0')}` }));
    await page.getByRole('img', { name: /^\d+ misurazioni dal .* al 25 ottobre 2020; ultima 24;/ }).waitFor();
    await page.waitForTimeout(800);
    const made = apiRequests.slice(before).filter((url) => !url.includes('/live?'));
    console.info(`25 live measurements on the open PDO: ${made.length} API requests`);
    expect(made.length).toBeLessThanOrEqual(25);
    expect(tooMany.slice(tooManyBefore)).toEqual([]);
  });

  it('prints the chart and its basis, not the controls', async () => {
    await go('#/org/comune-milano/chart?at=2024-06-01');
    await page.locator('.org-chart-svg').waitFor();
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('form.controls').isVisible()).toBe(false);
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator('.org-chart-svg').isVisible()).toBe(true);
      expect(await page.locator('.print-basis').textContent()).toMatch(/^Base: data 01\/06\/2024, come noto al \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \(asKnownAt [^)]+\), posizione \d+\./);
      expect(await page.locator('.print-basis').isVisible()).toBe(true);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('dims a unit carried forward past its last attestation and says since when, with the legend', async () => {
    const api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'ente-prova', name: 'Ente di prova' }));
    await accepted(api.post('/api/v1/sources', { sourceId: 'rapporto-prova-2020', orgId: 'ente-prova', title: 'Rapporto 2020', kind: 'report', period: { from: '2020-01-01', to: '2020-12-31' } }));
    await accepted(api.post('/api/v1/orgs/ente-prova/attestations', { sourceId: 'rapporto-prova-2020', units: [{ unitId: 'dir-vecchia', name: 'Direzione Attestata nel 2020', kind: 'direzione', parentId: null }] }));
    await go('#/org/ente-prova/chart?at=2020-06-01');
    const box = page.locator('.org-chart-svg a.unit-box[data-unit-id="dir-vecchia"]');
    await box.waitFor();
    expect(await box.getAttribute('class')).toContain('ev-attested');
    await go('#/org/ente-prova/chart?at=2023-06-01');
    await box.waitFor();
    expect(await box.getAttribute('class')).toContain('ev-carried-forward');
    expect(await box.getAttribute('data-label')).toContain('Riportata dal 31/12/2020');
    const fill = await box.locator('rect.box').evaluate((el) => getComputedStyle(el).fill);
    expect(fill).not.toBe('rgb(255, 255, 255)');
    expect(await page.locator('.legend').textContent()).toContain('Riportata');
    await screenshot('org-chart-carried-forward-1366');
  });

  it('is usable at 390 px: the navigation and controls fit, the chart stacks in one column', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US', timezoneId: 'Europe/Rome' });
    try {
      await phone.goto(`${app.url}/#/org/comune-milano/chart?at=2024-06-01`);
      await phone.locator('.org-chart-svg').waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const nav = await phone.locator('#view-nav').evaluate((el) => el.getBoundingClientRect().right);
      expect(nav).toBeLessThanOrEqual(390);
      const svgWidth = await phone.locator('.org-chart-svg').evaluate((el) => el.getBoundingClientRect().width);
      expect(svgWidth).toBeLessThanOrEqual(390);
      await phone.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await phone.screenshot({ path: join(ARTIFACTS, 'org-chart-2024-390.png') });
      await phone.screenshot({ path: join(ARTIFACTS, 'org-chart-2024-390-full.png'), fullPage: true });
    } finally {
      await phone.close();
    }
    expect(pageErrors).toEqual([]);
  });
});

suite(`web page with private reads${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto', ORGTRAIL_PUBLIC_READS: 'false' } });
    if (!('skipReason' in availability)) browser = await availability.launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('asks for a token, keeps it for the session, and sends it on every request including the live stream', async () => {
    const admin = apiClient(app.url, { token: app.adminToken });
    const reader = await accepted(admin.post('/api/v1/tokens', { name: 'e2e reader', role: 'reader' }));
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const unauthenticated: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/') && !request.headers()['authorization']) unauthenticated.push(request.url());
    });
    await page.goto(`${app.url}/#/org/comune-milano/chart?at=2024-06-01`);
    const dialog = page.getByRole('dialog', { name: 'Accesso con token' });
    await dialog.waitFor();
    await dialog.getByLabel('Token').fill(reader.body.token as string);
    await dialog.getByRole('button', { name: 'Accedi' }).click();
    await page.locator('.org-chart-svg').waitFor();
    await page.waitForFunction(() => document.getElementById('feed-status')?.dataset.state === 'open');
    expect(await page.evaluate(() => sessionStorage.getItem('orgtrail.token'))).toBe(reader.body.token);
    // Only the first request went without it; the live stream carried it (it is open).
    expect(unauthenticated).toEqual([`${app.url}/api/v1/orgs`]);
    await page.reload();
    await page.locator('.org-chart-svg').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });
});
