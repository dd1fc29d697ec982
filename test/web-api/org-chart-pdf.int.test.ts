/**
 * The org chart as a PDF, parsed back with pdftotext (poppler-utils): given the seed documents,
 * when the chart of 2024-06-01 is asked with format=pdf or Accept: application/pdf, then the
 * document is titled for the org and date, lists the units, the basis (at, asKnownAt,
 * position, integrity hash), the evidence legend and the acts and sources, with competencies
 * only on request; the same basis read twice gives the same text but for the generation time.
 * Without pdftotext the suite is skipped with the reason printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

function pdftotextPresent(): string | undefined {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'pdftotext (poppler-utils) is not installed; on Debian: apt-get install poppler-utils';
  }
}
const skipReason = pdftotextPresent();
if (skipReason) console.warn(`org chart PDF — skipped: ${skipReason}`);
const suite = skipReason ? describe.skip : describe;

const dir = mkdtempSync(join(tmpdir(), 'orgtrail-pdf-'));
let files = 0;
function textOf(pdf: Buffer): string {
  const file = join(dir, `chart-${files++}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}
/** Each page's size in points, as pdfinfo reads it (same package as pdftotext). */
function pageSizesOf(pdf: Buffer): { width: number; height: number }[] {
  const file = join(dir, `chart-${files++}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}
/** Words as pdftotext reads them, one space between: box text may wrap anywhere. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

suite(`org chart PDF${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
  let app: TestApp;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type') ?? '', headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
  });
  afterAll(() => app.close());

  it('is the organigram of the org on the date, with its units, basis, legend, acts and sources, without a token', async () => {
    const json = JSON.parse((await get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01')).body.toString('utf8'));
    const pdf = await get(`/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&asOfPosition=${json.position}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="comune-milano_org-chart_2024-06-01_p${json.position}.pdf"`);
    const text = flat(textOf(pdf.body));

    expect(text).toContain('Organigramma di Comune di Milano al 01/06/2024');
    for (const unit of json.units as { name: string }[]) expect(text).toContain(unit.name);
    expect(text).toContain(`(position) ${json.position}`);
    expect(text).toContain('(at) 2024-06-01');
    expect(text).toMatch(/Integrità: hash SHA-256 dell’ultimo evento di org-comune-milano nella base \(revisione \d+\): [0-9a-f]{64}/);
    for (const label of ['Legenda dello stato delle evidenze', 'Disposta da un atto', 'Attestata', 'Riportata', 'Annunciata', 'Dedotta']) expect(text).toContain(label);
    expect(text).toContain('Atti e fonti su cui si basa');
    // The seed documents are sources, not acts (issue 15): the plan covers the date, no act is listed.
    expect(text).toContain('Copertura: la data è coperta dalle fonti doc-004-pdo-2024-2026');
    expect(text).toContain('Nessun atto');
    expect(text).toContain('seeds/sources/004_');
    expect(text).toMatch(/Generato il \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    expect(text).not.toContain('assicurare l’attenzione alle tematiche di rigenerazione');
  });

  it('lists competencies with competencies=true, and is chosen by Accept: application/pdf too', async () => {
    const pdf = await get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&competencies=true', { accept: 'application/pdf' });
    expect(pdf.type).toBe('application/pdf');
    expect(flat(textOf(pdf.body))).toContain('assicurare l’attenzione alle tematiche di rigenerazione');
  });

  it('reads the same basis twice as the same text, but for the generation time', async () => {
    const path = '/api/v1/orgs/comune-milano/org-chart?at=2022-06-01&asOfPosition=100&format=pdf';
    const withoutGenerationTime = (text: string) => text.replace(/Generato il [0-9/: ]+\(ora di Roma\)/g, 'Generato il …');
    const first = withoutGenerationTime(textOf((await get(path)).body));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = withoutGenerationTime(textOf((await get(path)).body));
    expect(first).toContain('Gabinetto del Sindaco');
    expect(second).toBe(first);
  });

  it('lays the chart out on A3 or A4 landscape, every page, with every unit, the basis and the legend on either sheet', async () => {
    const json = JSON.parse((await get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01')).body.toString('utf8'));
    const sheets = { a3: { width: 1190.55, height: 841.89 }, a4: { width: 841.89, height: 595.28 } };
    const counted = json.units.length as number;
    for (const [paper, sheet] of Object.entries(sheets)) {
      const pdf = await get(`/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&asOfPosition=${json.position}&format=pdf&competencies=true&paper=${paper}`);
      expect(pdf.status).toBe(200);
      const pages = pageSizesOf(pdf.body);
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        expect(page.width).toBeCloseTo(sheet.width, 0);
        expect(page.height).toBeCloseTo(sheet.height, 0);
      }
      const text = flat(textOf(pdf.body));
      for (const unit of json.units as { name: string }[]) expect(text, `${paper}: ${unit.name}`).toContain(unit.name);
      expect(text).toContain(`Struttura (${counted} unità)`);
      expect(text).toContain(`(position) ${json.position}`);
      expect(text).toContain('Legenda dello stato delle evidenze');
    }
    // The smaller sheet needs at least as many pages for the same content.
    const pagesOf = async (paper: string) => pageSizesOf((await get(`/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&asOfPosition=${json.position}&format=pdf&competencies=true&paper=${paper}`)).body).length;
    expect(await pagesOf('a4')).toBeGreaterThanOrEqual(await pagesOf('a3'));
  });

  it('chooses A3 by itself above 60 units and A4 below, and refuses another paper naming the field', async () => {
    const big = JSON.parse((await get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01')).body.toString('utf8')).units.length as number;
    const small = JSON.parse((await get('/api/v1/orgs/comune-milano/org-chart?at=2022-06-01&asOfPosition=100')).body.toString('utf8')).units.length as number;
    const widthAt = async (query: string) => pageSizesOf((await get(`/api/v1/orgs/comune-milano/org-chart?${query}&format=pdf`)).body)[0]!.width;
    expect(await widthAt('at=2024-06-01')).toBeCloseTo(big > 60 ? 1190.55 : 841.89, 0);
    expect(await widthAt('at=2022-06-01&asOfPosition=100')).toBeCloseTo(small > 60 ? 1190.55 : 841.89, 0);
    const bad = await get('/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&format=pdf&paper=letter');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString('utf8')).problems[0].field).toBe('paper');
  });

  it('answers 406 to Accept: application/pdf on a view that has no PDF form, and 400 to format=pdf there', async () => {
    const history = await get('/api/v1/orgs/comune-milano/units/gabinetto-sindaco/history', { accept: 'application/pdf' });
    expect(history.status).toBe(406);
    expect(JSON.parse(history.body.toString('utf8'))).toMatchObject({ code: 'not_acceptable', problems: [{ field: 'Accept' }] });
    const pdo = await get('/api/v1/orgs/comune-milano/pdo?year=2024&format=pdf');
    expect(pdo.status).toBe(400);
    expect(JSON.parse(pdo.body.toString('utf8')).problems[0].field).toBe('format');
  });
});
