/**
 * A malformed snapshot changes nothing (issue 16): an unknown column layout, a duplicate unit
 * code, a parent that does not exist, a cycle — each answered 422 `malformed_snapshot` with a
 * problem naming the file, the line and the column, and the store's position unchanged. The
 * files are samples of the layouts, not real data (snapshot-samples.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { indicePaCsv, organigrammaCsv, organigrammaXlsx, postSnapshot } from './snapshot-samples.ts';

describe('malformed snapshots append nothing', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await accepted(apiClient(app.url, { token: app.adminToken }).post('/api/v1/orgs', { orgId: 'esempio', name: 'Comune di Esempio' }));
  });
  afterAll(() => app.close());

  const rejected = async (file: string | Buffer, name: string, query: Record<string, string> = {}) => {
    const before = await app.store.headPosition();
    const r = await postSnapshot(app.url, app.adminToken, 'esempio', file, query, name);
    expect(r.status).toBe(422);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.code).toBe('malformed_snapshot');
    expect(await app.store.headPosition()).toBe(before);
    return r.body.problems as { field: string; file: string; line: number | null; column: number | null; columnName: string | null; code: string; message: string }[];
  };

  it('an unknown column layout', async () => {
    const problems = await rejected('id;titolo;livello\n1;Direzione;1\n', 'altro.csv');
    expect(problems).toEqual([expect.objectContaining({ file: 'altro.csv', line: 1, column: null, code: 'unknown_layout' })]);
  });

  it('a layout with a required column missing names it', async () => {
    const problems = await rejected('codice,codice_padre,denominazione\ndg,,Direzione\n', 'senza-tipo.csv');
    expect(problems[0]).toMatchObject({ code: 'unknown_layout', line: 1 });
    expect(problems[0]!.message).toContain('tipo');
  });

  it('a duplicate unit code (IndicePA), on its line and column', async () => {
    const csv = indicePaCsv([
      { code: 'UDG001', name: 'Direzione Generale', updated: '2024-01-01' },
      { code: 'UCU002', parent: 'UDG001', name: 'Area Cultura', updated: '2024-01-01' },
      { code: 'UCU002', parent: 'UDG001', name: 'Area Sport', updated: '2024-01-01' },
    ]);
    const problems = await rejected(csv, 'doppio.csv');
    expect(problems).toEqual([expect.objectContaining({ field: 'doppio.csv:4:Codice_uni_uo', file: 'doppio.csv', line: 4, column: 4, columnName: 'Codice_uni_uo', code: 'duplicate_unit' })]);
  });

  it('a unit repeated with another name (organigramma, one row per competency)', async () => {
    const csv = organigrammaCsv([
      { date: '2024-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione', competency: 'Coordinamento' },
      { date: '2024-01-01', code: 'dg', name: 'Direzione Generalissima', kind: 'direzione', competency: 'Controllo' },
    ]);
    const problems = await rejected(csv, 'nomi.csv');
    expect(problems).toEqual([expect.objectContaining({ line: 3, column: 4, columnName: 'denominazione', code: 'duplicate_unit' })]);
  });

  it('a parent that does not exist (XLSX): worksheet row and column', async () => {
    const xlsx = await organigrammaXlsx([
      { date: '2024-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione' },
      { date: '2024-01-01', code: 'cultura', parent: 'nessuno', name: 'Area Cultura', kind: 'area' },
    ]);
    const problems = await rejected(xlsx, 'padre.xlsx');
    expect(problems).toEqual([expect.objectContaining({ file: 'padre.xlsx', line: 3, column: 3, columnName: 'codice_padre', code: 'unknown_parent' })]);
  });

  it('a cycle of parents', async () => {
    const csv = organigrammaCsv([
      { date: '2024-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione' },
      { date: '2024-01-01', code: 'a', parent: 'b', name: 'Area A', kind: 'area' },
      { date: '2024-01-01', code: 'b', parent: 'a', name: 'Area B', kind: 'area' },
    ]);
    const problems = await rejected(csv, 'ciclo.csv');
    expect(problems).toEqual([expect.objectContaining({ code: 'parent_cycle', columnName: 'codice_padre' })]);
    expect(problems[0]!.message).toMatch(/a → b → a|b → a → b/);
  });

  it('every file of an import is checked before anything is appended: one bad file stops the good one', async () => {
    const before = await app.store.headPosition();
    const form = new FormData();
    form.append('file', new Blob([organigrammaCsv([{ date: '2024-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione' }])]), 'buono.csv');
    form.append('file', new Blob(['id;titolo\n1;x\n']), 'cattivo.csv');
    const response = await fetch(`${app.url}/api/v1/orgs/esempio/snapshots`, { method: 'POST', headers: { authorization: `Bearer ${app.adminToken}` }, body: form });
    const body = await response.json();
    expect(response.status).toBe(422);
    expect(body.problems.map((p: { file: string }) => p.file)).toEqual(['cattivo.csv']);
    expect(await app.store.headPosition()).toBe(before);
  });

  it('a snapshot without any date (given, in a column, or the file\'s) is refused naming the date', async () => {
    const problems = await rejected('codice,codice_padre,denominazione,tipo\ndg,,Direzione Generale,direzione\n', 'senza-data.csv');
    expect(problems).toEqual([expect.objectContaining({ code: 'no_date' })]);
  });

  it('needs a token with the editor role, like every command', async () => {
    const r = await fetch(`${app.url}/api/v1/orgs/esempio/snapshots?dryRun=true`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'codice\n' });
    expect(r.status).toBe(401);
  });
});
