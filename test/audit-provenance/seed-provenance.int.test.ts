/**
 * The seed importer's approximate and inferred facts show in provenance: each fact carries
 * the qualifiers of its own change (the inferred parent of a 2020 Ufficio qualifies its
 * parent, not its name) and the document it comes from.
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

  it('marks the date of the PDO 2020 approximate and the parent of its Uffici inferred, with the reasons', async () => {
    const r = await api.get('/api/v1/orgs/comune-milano/units/uds-ufficio-gabinetto?at=2020-06-01&provenance=true');
    expect(r.status).toBe(200);
    const { name, parentId } = r.body.unit.provenance;
    for (const fact of [name, parentId]) {
      expect(fact).toMatchObject({ type: 'UnitEstablished', effectiveFrom: '2020-01-01', recordedBy: 'seed-importer', approximate: true, source: { document: 'seeds/sources/001_cdbf079ee3a9597a.txt' } });
      expect(fact.act).toMatchObject({ id: 'doc-001-pdo-2020-2020_Z101' });
      expect(fact.qualifiers).toContainEqual(expect.objectContaining({ kind: 'approximate', field: 'effectiveFrom' }));
    }
    const parentQualifiers = parentId.qualifiers.filter((q: { field: string }) => q.field.endsWith('/parentId'));
    expect(parentQualifiers).toEqual([expect.objectContaining({ kind: 'inferred', reason: expect.stringContaining('Uffici di supporto al Sindaco') })]);
    expect(name.qualifiers.filter((q: { field: string }) => q.field.endsWith('/parentId'))).toEqual([]);
  });
});
