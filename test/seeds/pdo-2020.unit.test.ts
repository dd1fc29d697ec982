/**
 * Objective 2020_Z101 (001) as the importer will define it, checked against the document's
 * indicator table: types and expected values are read from the markdown rows by this file,
 * and written out by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { planSeedCommands } from '../../seeds/plan/plan-seed-commands.ts';

const LINES = readFileSync(new URL('../../seeds/sources/001_cdbf079ee3a9597a.txt', import.meta.url), 'utf8').split('\n');
const commands = planSeedCommands(loadSeedData());
const define = commands.find((c) => c.kind === 'defineObjective' && c.input.objectiveId === '2020_Z101');
const objective = define?.kind === 'defineObjective' ? define.input : undefined;

/** The indicator rows after the "| Descrizione | Tipo | Valore Atteso |" header: [description, type, expected value]. */
function indicatorRows(): string[][] {
  const header = LINES.findIndex((line) => line.replace(/\s/g, '') === '|Descrizione|Tipo|ValoreAtteso|');
  return LINES.slice(header + 1)
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

describe('PDO 2020 objective 2020_Z101, from the document', () => {
  it('has the three indicators of the document, with type and expected value (a percentage keeps its unit)', () => {
    const rows = indicatorRows();
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['RISULTATO', '100%'],
      ['RISULTATO', '100%'],
      ['OUTCOME', '10,00'],
    ]);
    const fromDocument = rows.map(([description, kind, expected]) => ({
      description,
      kind,
      target: Number(expected!.replace('%', '').replace(',', '.')),
      ...(expected!.endsWith('%') ? { unit: '%' } : {}),
    }));
    expect(objective?.indicators?.map(({ indicatorId: _id, ...rest }) => rest)).toEqual(fromDocument);
    expect(objective?.indicators?.map((i) => [i.kind, i.target, i.unit])).toEqual([
      ['RISULTATO', 100, '%'],
      ['RISULTATO', 100, '%'],
      ['OUTCOME', 10, undefined],
    ]);
  });

  it('belongs to the 2020 Direzione, whose Servizio has the dirigente as head, all attested by 001 over 2020', () => {
    expect(objective).toMatchObject({ unitId: 'dir-ufficio-sindaco', effectiveFrom: '2020-01-01', sourceId: 'doc-001-pdo-2020-2020_Z101', years: { '2020': 'Attività gestionali della Direzione Ufficio del Sindaco' } });
    expect(objective).not.toHaveProperty('act');
    const attestation = commands.find((c) => c.key === 'seed:001:attest');
    const input = attestation?.kind === 'attest' ? attestation.input : undefined;
    expect(input?.sourceId).toBe('doc-001-pdo-2020-2020_Z101');
    expect(input?.units).toContainEqual({ unitId: 'srv-ufficio-sindaco', name: 'Ufficio del Sindaco', kind: 'servizio', parentId: 'dir-ufficio-sindaco' });
    expect(input?.units.filter((u) => u.parentId === 'dir-ufficio-sindaco')).toHaveLength(6);
    const head = commands.find((c) => c.key === 'seed:001:attest:head');
    expect(head?.kind === 'attest' && head.input.heads).toEqual([{ unitId: 'srv-ufficio-sindaco', person: 'Francesca Santoro', title: 'Dirigente' }]);
    expect(input?.competencies?.find((c) => c.competencyId === 'dir-ufficio-sindaco.c06')?.text).toBe('concessione del patrocinio del Comune');
    expect(LINES[9]).toContain('SANTORO FRANCESCA');
    expect(LINES[47]).toContain('concessione del patrocinio del Comune');
    expect(attestation?.ctx.provenance?.qualifiers).toContainEqual(expect.objectContaining({ kind: 'approximate', field: 'effectiveFrom' }));
    expect(attestation?.ctx.provenance?.qualifiers?.filter((q) => q.kind === 'inferred')).toEqual([]);
    expect(head?.ctx.provenance?.qualifiers).toContainEqual(expect.objectContaining({ kind: 'inferred', field: 'heads/0/person', reason: expect.stringContaining('SANTORO FRANCESCA') }));
  });

  it('carries the strategic links of the DUP', () => {
    expect(objective?.links).toContainEqual({ kind: 'indirizzo-strategico-dup', code: '2020_IND_STRATEG_13', title: 'BUONA AMMINISTR. E QUARTIERI', year: 2020 });
    expect(objective?.links?.find((l) => l.code === '12.1.06')?.title).toMatch(/^Sviluppare e rafforzare la rete dei gemellaggi.*diritti umani$/);
    expect(LINES[13]).toContain('2020_IND_STRATEG_13 BUONA AMMINISTR. E QUARTIERI');
  });
});
