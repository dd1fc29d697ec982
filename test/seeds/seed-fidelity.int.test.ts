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
});
