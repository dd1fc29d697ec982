/**
 * The seed fidelity points of issue 16, as the API answers them on the seeded store: each
 * expectation is read from the document lines it rests on (seeds/sources/*.txt), not written
 * out again where the lines say it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const ORG = '/api/v1/orgs/comune-milano';
const source = (file: string) => readFileSync(new URL(`../../seeds/sources/${file}`, import.meta.url), 'utf8').split('\n');
const DOC_001 = source('001_cdbf079ee3a9597a.txt');
const DOC_004 = source('004_5b26e6e327395384.txt');
const DOC_003 = source('003_9a7db5d10f66f3b4.txt');
/** Lines joined as one text, whitespace collapsed (a clause may wrap). */
const onLines = (doc: string[], from: number, to = from) => doc.slice(from - 1, to).join(' ').replace(/\s+/g, ' ');
/** A line as tab-separated cells, trimmed (1-based). */
const cells = (doc: string[], line: number) => doc[line - 1]!.split('\t').map((cell) => cell.trim());

describe('seed fidelity (issue 16)', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
    api = apiClient(app.url);
  }, 120_000);
  afterAll(() => app.close());

  it('answers Sicurezza Urbana ID 6 with the two matrix rows of lines 632-633, each whole', async () => {
    const { objective } = (await api.get(`${ORG}/objectives/pdo2024.dir-sicurezza-urbana.6?at=2024-06-01`)).body;
    expect(objective.matrix).toEqual(
      [632, 633].map((line) => {
        const [programma, , , dimension, driver] = cells(DOC_004, line);
        return { programmaOperativo: programma, dimension, driver, year: 2024, line };
      }),
    );
    const csv = (await api.get(`${ORG}/pdo?year=2024&at=2024-06-01&unitId=dir-sicurezza-urbana&format=csv`)).body as string;
    const row = csv.split(/\r?\n/).find((r) => r.includes('pdo2024.dir-sicurezza-urbana.6'))!;
    const [p1, , , d1, v1] = cells(DOC_004, 632);
    const [p2, , , d2, v2] = cells(DOC_004, 633);
    expect(row).toContain(`${p1} / ${d1} / ${v1} | ${p2} / ${d2} / ${v2}`);
  });

  it('shows the description of 2020_Z101 (001 lines 29-48) and its DUP links with their parts', async () => {
    const { objective } = (await api.get(`${ORG}/objectives/2020_Z101?at=2020-06-01`)).body;
    expect(objective.description.split('\n')).toEqual(DOC_001.slice(28, 48).filter((line) => line.trim() !== ''));
    const strategic = objective.links.filter((l: { kind: string }) => l.kind === 'indirizzo-strategico-dup');
    expect(strategic.map((l: { line: number }) => l.line)).toEqual([14, 19]);
    expect(DOC_001[13]).toContain(strategic[0].code);
    expect(DOC_001[15]).toContain(strategic[0].parts[0].title);
    expect(DOC_001[18]).toContain(`${strategic[1].parts[0].code}: ${strategic[1].parts[0].title}`);
  });

  it('keeps what the prose of 003 adds beyond the bullets: accesso documentale e civico (line 21), realizzazione del sito (lines 31-32)', async () => {
    const units = (await api.get('/api/v1/orgs/citta-metropolitana-milano/org-chart?at=2020-06-01')).body.units as { unitId: string; competencies: { competencyId: string; text: string; evidence: { status: string } }[] }[];
    const competency = (id: string) => units.flatMap((u) => u.competencies.map((c) => ({ ...c, unitId: u.unitId }))).find((c) => c.competencyId === id)!;
    const urp = competency('urp.c09');
    expect(urp.unitId).toBe('urp');
    expect(onLines(DOC_003, 21)).toContain(urp.text);
    expect(urp.text).toContain('accesso documentale e civico');
    const site = competency('ufficio-sito-web-social-media.c03');
    expect(site.unitId).toBe('ufficio-sito-web-social-media');
    expect(onLines(DOC_003, 31, 32)).toContain(site.text);
    expect(site.text).toContain('realizzazione del sito');
    expect([urp.evidence.status, site.evidence.status]).toEqual(['attested', 'attested']);
    // The bullets of the two offices (lines 35-61) do not say either.
    expect(onLines(DOC_003, 35, 61)).not.toMatch(/accesso documentale|realizzazione del sito/);
  });
});
