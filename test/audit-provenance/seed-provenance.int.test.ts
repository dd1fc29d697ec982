/**
 * The seed importer's approximate and inferred facts show in provenance: each fact carries
 * the qualifiers of its own change (the transcribed name of the 2020 dirigente qualifies the
 * head, not the unit) and the document and lines it comes from, next to its evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

describe('provenance of seed facts', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto' } });
    api = apiClient(app.url, { token: app.adminToken });
  }, 120_000);
  afterAll(() => app.close());

  it('marks the date of the PDO 2020 approximate and shows its Uffici, parent included, attested by it with the lines that say so', async () => {
    const r = await api.get('/api/v1/orgs/comune-milano/units/uds-ufficio-gabinetto?at=2020-06-01&provenance=true');
    expect(r.status).toBe(200);
    expect(r.body.unit.evidence).toEqual({ status: 'attested', firstAttestedOn: '2020-01-01', lastAttestedOn: '2020-12-31', sources: ['doc-001-pdo-2020-2020_Z101'] });
    const { name, parentId } = r.body.unit.provenance;
    for (const fact of [name, parentId]) {
      expect(fact).toMatchObject({ type: 'UnitEstablished', effectiveFrom: '2020-01-01', recordedBy: 'seed-importer', approximate: true, inferred: false, act: null });
      expect(fact.source).toEqual({ document: 'seeds/sources/001_cdbf079ee3a9597a.txt', location: expect.stringContaining("'Detti Uffici sono i seguenti' (line 31)") });
      expect(fact.qualifiers).toEqual([expect.objectContaining({ kind: 'approximate', field: 'effectiveFrom' })]);
    }
  });

  it('qualifies the dirigente\'s name, printed surname first, on the head only', async () => {
    const r = await api.get('/api/v1/orgs/comune-milano/units/srv-ufficio-sindaco?at=2020-06-01&provenance=true');
    const { head, name } = r.body.unit.provenance;
    expect(head.qualifiers).toContainEqual(expect.objectContaining({ kind: 'inferred', reason: expect.stringContaining('SANTORO FRANCESCA') }));
    expect(name.inferred).toBe(false);
  });
});
