/**
 * The orgtrail CLI as a user runs it (`node bin/orgtrail.mjs …`, each spawn ~1 s): given a temp
 * data directory with the seeds imported by the `import` command, local reads answer what the
 * HTTP API answers; with --url the CLI asks a running server; while that server holds the data
 * directory, local mode refuses with a hint to use --url; bad command lines exit 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { runOrgtrail, type CliRun } from './run-orgtrail.ts';

describe('orgtrail CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-cli-'));
  let imported: CliRun;
  let localChart: any;

  beforeAll(async () => {
    imported = await runOrgtrail(['import', '--data-dir', dataDir]);
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the seed documents into the local store, with progress lines on a non-TTY stderr', () => {
    expect(imported.stderr).toMatch(/^import: \d+\/\d+ \(\d+\/s\)$/m);
    expect(imported.stdout).toMatch(/^[1-9]\d* comandi importati, 0 già presenti; registro alla posizione [1-9]\d*\n$/);
    expect(imported.code).toBe(0);
  });

  it('answers org-chart --json from the local store', async () => {
    const run = await runOrgtrail(['org-chart', 'comune-milano', '--at', '2024-06-01', '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    localChart = JSON.parse(run.stdout);
    expect(localChart).toMatchObject({ at: '2024-06-01', position: Number(/posizione (\d+)/.exec(imported.stdout)![1]) });
    expect(localChart.units.length).toBeGreaterThan(0);
  });

  it('rebuilds the read models from every event of the log', async () => {
    const run = await runOrgtrail(['rebuild', '--data-dir', dataDir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ events: localChart.position, orgs: 2, position: localChart.position });
  });

  it('verifies the log of the local store as intact', async () => {
    const run = await runOrgtrail(['verify', '--data-dir', dataDir]);
    expect(run.stdout).toMatch(/^registro integro: \d+ eventi controllati/);
    expect(run.code).toBe(0);
  });

  it('exits 2 with the usage on an unknown option, a missing argument or an unknown command', async () => {
    const [unknownOption, missing, unknownCommand] = await Promise.all([
      runOrgtrail(['org-chart', 'comune-milano', '--colour', 'red']),
      runOrgtrail(['history', 'comune-milano', '--data-dir', dataDir]),
      runOrgtrail(['orgchart']),
    ]);
    expect([unknownOption.code, missing.code, unknownCommand.code]).toEqual([2, 2, 2]);
    expect(unknownOption.stderr).toContain("Unknown option '--colour'");
    expect(unknownOption.stderr).toContain('uso: orgtrail org-chart <org>');
    expect(missing.stderr).toContain('history vuole esattamente uno fra --unit ID e --objective ID');
    expect(unknownCommand.stderr).toContain('comando sconosciuto orgchart');
  });

  describe('with a server running on the data directory', () => {
    let app: TestApp;
    let api: ApiClient;

    beforeAll(async () => {
      app = await startTestApp({ dataDir });
      api = apiClient(app.url, { token: app.adminToken });
    });

    afterAll(() => app.close());

    it('answered org-chart locally exactly as the API answers', async () => {
      const served = await api.get(`/api/v1/orgs/comune-milano/org-chart?at=2024-06-01&asOfPosition=${localChart.position}`);
      expect(localChart.units).toEqual(served.body.units);
    });

    it('asks the server with --url: pdo --json', async () => {
      const run = await runOrgtrail(['pdo', 'comune-milano', '--year', '2024', '--at', '2024-06-01', '--json', '--url', app.url, '--token', app.adminToken]);
      expect(run.code).toBe(0);
      const cliAnswer = JSON.parse(run.stdout);
      const served = await api.get(`/api/v1/orgs/comune-milano/pdo?year=2024&at=2024-06-01&asOfPosition=${cliAnswer.position}`);
      expect(cliAnswer.objectives.length).toBeGreaterThan(0);
      expect(cliAnswer.objectives).toEqual(served.body.objectives);
    });

    it('prints the org chart as an aligned table: basis line, header, one indented line per unit (--wide)', async () => {
      const run = await runOrgtrail(['org-chart', 'comune-milano', '--at', '2024-06-01', '--wide', '--url', app.url]);
      expect(run.code).toBe(0);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^comune-milano: organigramma al 2024-06-01, come noto al \\S+ \\(posizione ${localChart.position}\\): ${localChart.units.length} unità$`));
      expect(lines[2]).toMatch(/^unità +id +tipo +prova +responsabile +competenze$/);
      const unitLines = lines.slice(4);
      expect(unitLines).toHaveLength(localChart.units.length);
      const child = localChart.units.find((u: { parentId: string | null }) => u.parentId !== null);
      const childLine = unitLines.find((line) => line.includes(` ${child.unitId} `));
      expect(childLine).toMatch(/^ {2,}\S/);
      const headerCells = lines[2]!.indexOf(' id ');
      expect(unitLines.every((line) => line.length < headerCells || line[headerCells] === ' ')).toBe(true);
    });

    it('verifies the log through the server with --url and a token', async () => {
      const run = await runOrgtrail(['verify', '--json', '--url', app.url, '--token', app.adminToken]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ intact: true, upToPosition: localChart.position });
    });

    it("refuses local mode while the server holds the data directory, suggesting --url with the server's real port", async () => {
      const run = await runOrgtrail(['org-chart', 'comune-milano', '--data-dir', dataDir, '--lang', 'en']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the data directory ${dataDir} is in use by a running orgtrail (pid ${process.pid})`);
      expect(app.url).not.toBe('http://127.0.0.1:3000');
      expect(run.stderr).toContain(`--url ${app.url} `);
    });
  });
});
