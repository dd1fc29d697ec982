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

  it('keeps the DUP links structured: each strategic line (lines 14, 19) with its operational objective (16, 19) as a part, codes as printed', () => {
    const dup = objective?.links?.filter((l) => l.kind === 'indirizzo-strategico-dup') ?? [];
    expect(dup.map((l) => [l.line, l.code, l.title, l.parts?.map((p) => [p.line, p.code, p.title.slice(0, 40)])])).toEqual([
      [14, '2020_IND_STRATEG_13', 'BUONA AMMINISTR. E QUARTIERI', [[16, undefined, "BUONA AMMINISTRAZIONE, INNOVAZIONE, QUAR"]]],
      [19, undefined, "CITTA' INTERNAZIONALE", [[19, '12.1.06', 'Sviluppare e rafforzare la rete dei geme']]],
    ]);
    // The lines the structure rests on, as printed.
    expect(LINES[13]).toBe('INDIRIZZO STRATEGICO D.U.P.: 2020_IND_STRATEG_13 BUONA AMMINISTR. E QUARTIERI');
    expect(LINES[15]).toBe("Obiettivo Operativo Indirizzo Strategico: BUONA AMMINISTRAZIONE, INNOVAZIONE, QUARTIERI E CITTA' METROPOLITANA");
    expect(LINES[18]).toMatch(/^Indirizzo Strategico: CITTA' INTERNAZIONALE \(incluso obiettivo operativo: 12\.1\.06: Sviluppare e rafforzare la rete dei gemellaggi.*diritti umani"\)$/);
    expect(dup[1]?.parts?.[0]?.title).toMatch(/^Sviluppare e rafforzare la rete dei gemellaggi.*diritti umani$/);
  });

  it('stores the description of lines 29-48, every non-empty line of it as printed', () => {
    const description = objective?.description ?? '';
    const printed = LINES.slice(28, 48).filter((line) => line.trim() !== '');
    expect(description.split('\n')).toEqual(printed);
    expect(printed[0]).toMatch(/^La Direzione, fatte salve le attività svolte dai Servizi/);
    expect(printed.at(-1)).toBe('- concessione del patrocinio del Comune');
    expect(LINES[49]).toMatch(/^\| INDICATORI/);
  });
});
