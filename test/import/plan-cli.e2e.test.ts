/**
 * `orgtrail import pdo` as a user runs it, in local mode: given a data directory with the seeds
 * imported, when the sample plan table docs/samples/pdo-2025-2027.csv (a sample of the layout,
 * not real data) is imported — dry run, refused without --create-units, imported, imported
 * again — then the Italian report shows the revisions before → after and the new directorate,
 * the refusal names file, line and column and exits 1, and the second import appends nothing.
 * `orgtrail import` without a subcommand still imports the seeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrgtrail } from '../cli/run-orgtrail.ts';

const SAMPLE = fileURLToPath(new URL('../../docs/samples/pdo-2025-2027.csv', import.meta.url));

describe('orgtrail import pdo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-plan-cli-'));
  const pdo = (...args: string[]) => runOrgtrail(['import', 'pdo', SAMPLE, '--org', 'comune-milano', '--data-dir', dataDir, ...args]);

  beforeAll(async () => {
    const seeded = await runOrgtrail(['import', '--data-dir', dataDir]);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('dry run: an Italian report of the revisions (prima → dopo), the new directorate and the omitted objectives; exit 0', async () => {
    const run = await pdo('--dry-run', '--create-units');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Prova (--dry-run): nulla è stato registrato.');
    expect(run.stdout).toMatch(/Direzione Sport e Benessere\s+direzione-sport-e-benessere\s+istituita come attestata dal piano/);
    expect(run.stdout).toContain('Revisioni rispetto al piano precedente (prima → dopo)');
    expect(run.stdout).toMatch(/pdo2024\.dir-cultura\.2\s+2025\s+Internazionalizzazione della Città di Milano a livello culturale e consolidamento/);
    expect(run.stdout).toContain('non attestati da comune-milano.pdo-2025-2027 (non ritirati)');
  }, 60_000);

  it('refuses without --create-units, naming file, line and column; exit 1', async () => {
    const run = await pdo();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP 422');
    expect(run.stderr).toContain('pdo-2025-2027.csv:5:Direzione: the directorate "Direzione Sport e Benessere"');
  }, 60_000);

  it('imports with --create-units, then a second import appends nothing (--json)', async () => {
    const first = await pdo('--create-units', '--json');
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { appended: number; commands: unknown[] };
    expect(report.appended).toBe(report.commands.length);
    expect(report.appended).toBeGreaterThan(0);
    const again = await pdo('--create-units');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Comandi registrati: 0 (su 0)');
  }, 60_000);

  it('an unknown subcommand is a usage error', async () => {
    const run = await runOrgtrail(['import', 'snapshotz', '--data-dir', dataDir]);
    expect(run.code).toBe(2);
  });
});
