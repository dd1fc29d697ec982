/**
 * `orgtrail import snapshot` as a user runs it (issue 16): local mode on a data directory (the
 * files read in-process, with progress on stderr) and --url against a server (multipart).
 * Given an org and two hand-made files (samples of the layouts, not real data), then: the dry
 * run prints the Italian table and appends nothing; the import appends; --json keeps the API's
 * keys; a malformed file is exit 1 naming file:line:column.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient } from '../api/api-client.ts';
import { runOrgtrail } from '../cli/run-orgtrail.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { indicePaCsv, organigrammaCsv } from './snapshot-samples.ts';

describe('orgtrail import snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orgtrail-snapshot-cli-'));
  const dataDir = join(dir, 'data');
  const file2023 = join(dir, 'uo-2023.csv');
  const file2024 = join(dir, 'uo-2024.csv');
  const bad = join(dir, 'rotto.csv');

  beforeAll(async () => {
    writeFileSync(file2023, indicePaCsv([
      { code: 'UDG001', name: 'Direzione Generale', updated: '2023-03-01' },
      { code: 'UCU002', parent: 'UDG001', name: 'Area Cultura', updated: '2023-03-01' },
    ]));
    writeFileSync(file2024, indicePaCsv([
      { code: 'UDG001', name: 'Direzione Generale', updated: '2024-03-01' },
      { code: 'UCU002', parent: 'UDG001', name: 'Area Cultura e Turismo', updated: '2024-03-01' },
    ]));
    writeFileSync(bad, organigrammaCsv([
      { date: '2024-01-01', code: 'dg', name: 'Direzione Generale', kind: 'direzione' },
      { date: '2024-01-01', code: 'x', parent: 'manca', name: 'Ufficio X', kind: 'ufficio' },
    ]));
    const app = await startTestApp({ dataDir });
    await accepted(apiClient(app.url, { token: app.adminToken }).post('/api/v1/orgs', { orgId: 'esempio', name: 'Comune di Esempio' }));
    await app.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('local mode: the dry run prints the Italian table and appends nothing; then both files import', async () => {
    const dry = await runOrgtrail(['import', 'snapshot', file2023, file2024, '--org', 'esempio', '--dry-run', '--data-dir', dataDir]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Prova (--dry-run): nulla è stato registrato.');
    expect(dry.stdout).toMatch(/uo-2024\.csv: istantanea IndicePA \(CSV\) al 2024-03-01/);
    expect(dry.stdout).toMatch(/rinominata +UCU002 +Area Cultura +Area Cultura e Turismo +2024-03-01 +dedotta/);
    expect(dry.stderr).toMatch(/snapshot/);
    const run = await runOrgtrail(['import', 'snapshot', file2023, file2024, '--org', 'esempio', '--json', '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { status: string }) => f.status)).toEqual(['appended', 'appended']);
    expect(report.files[1].changes[0]).toMatchObject({ change: 'renamed', basis: 'inferred', inferredFrom: report.files.map((f: { sourceId: string }) => f.sourceId) });
    const again = await runOrgtrail(['import', 'snapshot', file2023, '--org', 'esempio', '--data-dir', dataDir]);
    expect(again.stdout).toContain('già importata: nulla da registrare');
  });

  it('a malformed file: exit 1, each problem as file:line:column', async () => {
    const run = await runOrgtrail(['import', 'snapshot', bad, '--org', 'esempio', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Il file non è valido: nulla è stato registrato.');
    expect(run.stdout).toMatch(/rotto\.csv:3:3 \(codice_padre\) \[unknown_parent\]/);
  });

  describe('against a server (--url)', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
      await accepted(apiClient(app.url, { token: app.adminToken }).post('/api/v1/orgs', { orgId: 'esempio', name: 'Comune di Esempio' }));
    });
    afterAll(() => app.close());

    it('sends the files as multipart and prints the same report', async () => {
      const run = await runOrgtrail(['import', 'snapshot', file2023, file2024, '--org', 'esempio', '--url', app.url, '--token', app.adminToken, '--lang', 'en']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/renamed +UCU002/);
      expect(run.stdout).toMatch(/uo-2023\.csv: indicepa snapshot \(CSV\) of 2023-03-01 .* — appended/);
      const refused = await runOrgtrail(['import', 'snapshot', bad, '--org', 'esempio', '--url', app.url, '--token', app.adminToken]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('rotto.csv:3:codice_padre');
    });
  });
});
