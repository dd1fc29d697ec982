/**
 * The PDO 2024-2026 (004) as the importer will append it, checked against the document
 * itself: the counts below are read from seeds/sources/ by the simple code of this file
 * (independent of seeds/parse/), and a few are also written out by hand from reading it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectAnomalies } from '../../seeds/anomalies.ts';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { planSeedCommands } from '../../seeds/plan/plan-seed-commands.ts';

const PDO = readFileSync(new URL('../../seeds/sources/004_5b26e6e327395384.txt', import.meta.url), 'utf8').split('\n');
const data = loadSeedData();
const commands = planSeedCommands(data);

/** Objectives per directorate (as printed in the table titles) per year column, straight from the tab-separated rows. */
function countsFromDocument(): Map<string, [number, number, number]> {
  const counts = new Map<string, [number, number, number]>();
  let title = '';
  let directorate: string | undefined;
  for (const line of PDO) {
    const cells = line.split('\t');
    if (cells.length === 1) {
      if (line.trim() !== '') title = line.trim();
      directorate = undefined;
    } else if (cells[0] === 'ID') {
      directorate = title.startsWith('Obiettivi ') ? title.slice('Obiettivi '.length) : title.split(/\s*[–-]\s*Obiettivi di Direzione/)[0]!;
    } else if (directorate && /^\d+$/.test(cells[0]!)) {
      const row = counts.get(directorate) ?? [0, 0, 0];
      for (const column of [0, 1, 2]) if ((cells[column + 1] ?? '').trim() !== '') row[column]!++;
      counts.set(directorate, row);
    }
  }
  return counts;
}

/** Objectives per unit id per year, as the importer will define them. */
function countsFromImport(): Map<string, [number, number, number]> {
  const counts = new Map<string, [number, number, number]>();
  for (const command of commands) {
    if (command.kind !== 'defineObjective' || command.input.plan !== 'PDO 2024-2026') continue;
    const row = counts.get(command.input.unitId) ?? [0, 0, 0];
    ['2024', '2025', '2026'].forEach((year, column) => {
      if (command.input.years?.[year] !== undefined) row[column]!++;
    });
    counts.set(command.input.unitId, row);
  }
  return counts;
}

const unitIdOf = (printed: string) => data.directorates.directorates.find((d) => d.name === printed)?.unitId;

describe('PDO 2024-2026 objectives, from the document', () => {
  const fromDocument = countsFromDocument();
  const fromImport = countsFromImport();

  it('reads, by hand, the counts of several directorates (garbled headers and a gap year included)', () => {
    expect(fromDocument.get('Direzione Generale')).toEqual([12, 4, 1]);
    expect(fromDocument.get('Direzione Organizzazione e Risorse Umane')).toEqual([7, 5, 6]);
    expect(fromDocument.get('Direzione Welfare e Salute')).toEqual([6, 4, 0]);
    expect(fromDocument.get('Direzione Cultura')).toEqual([8, 8, 8]);
    expect(fromDocument.get('Direzione Bilancio e Partecipate')).toEqual([7, 3, 2]);
    expect(fromDocument.get('DS Autorizzazioni e Concessioni – SUAP')).toEqual([6, 3, 2]);
    expect(fromDocument.get('Direzione Innovazione Tecnologica e Digitale')).toEqual([9, 2, 1]);
    expect(fromDocument.get('Segreteria Generale')).toEqual([6, 4, 2]);
  });

  it('imports, for every directorate, as many objectives per year as the document has', () => {
    expect(fromDocument.size).toBe(26);
    for (const [printed, counts] of fromDocument) {
      const unitId = unitIdOf(printed);
      expect(unitId, printed).toBeDefined();
      expect(fromImport.get(unitId!), printed).toEqual(counts);
    }
    expect(fromImport.size).toBe(fromDocument.size);
  });

  it('leaves a gap year out: ID 5 of Organizzazione e Risorse Umane has 2024 and 2026, not 2025', () => {
    const row = PDO.find((line) => line.startsWith('5\tGestione e monitoraggio del PIAO'))!.split('\t');
    const define = commands.find((c) => c.kind === 'defineObjective' && c.input.objectiveId === 'pdo2024.dir-organizzazione-risorse-umane.5');
    expect(define?.kind === 'defineObjective' && define.input.years).toEqual({ '2024': row[1], '2026': row[3] });
  });

  it('records a changed statement as a revision from that plan year, and no revision for a punctuation-only change', () => {
    const revisions = commands.filter((c) => c.kind === 'reviseObjective').map((c) => (c.kind === 'reviseObjective' ? `${c.input.objectiveId}@${c.input.effectiveFrom}` : ''));
    expect(revisions).toContain('pdo2024.dir-generale.2@2025-01-01');
    expect(revisions).toContain('pdo2024.dir-organizzazione-risorse-umane.5@2026-01-01');
    expect(revisions).not.toContain('pdo2024.dir-generale.11@2026-01-01');
    expect(revisions).not.toContain('pdo2024.dir-cultura.7@2026-01-01');
  });

  it('reports every garbled year header, with its line', () => {
    const expected = ['ID', 'Obiettivi Anno 2024', 'Obiettivi Anno 2025', 'Obiettivi Anno 2026'].join('\t');
    const garbled = PDO.flatMap((line, index) => (line.startsWith('ID\t') && line.trim() !== expected ? [index + 1] : []));
    expect(garbled).toEqual([179, 191, 290]);
    const reported = collectAnomalies(data).filter((a) => a.kind === 'garbled-header');
    for (const line of garbled) expect(reported.some((a) => a.location.startsWith(`line ${line},`)), `line ${line}`).toBe(true);
  });

  it('qualifies, in the event itself, every statement read as its year by position under a garbled header', () => {
    // From the document: the filled cells whose column the header does not label with its year.
    const positional = new Set<string>();
    let header: string[] | undefined;
    let title = '';
    for (const line of PDO) {
      const cells = line.split('\t').map((c) => c.trim());
      if (cells.length === 1) {
        if (line.trim() !== '') title = line.trim();
        header = undefined;
      } else if (cells[0] === 'ID') header = cells;
      else if (header && /^\d+$/.test(cells[0]!)) {
        const directorate = title.startsWith('Obiettivi ') ? title.slice('Obiettivi '.length) : title.split(/\s*[–-]\s*Obiettivi di Direzione/)[0]!;
        ['2024', '2025', '2026'].forEach((year, column) => {
          if (header![column + 1] !== `Obiettivi Anno ${year}` && (cells[column + 1] ?? '') !== '') positional.add(`pdo2024.${unitIdOf(directorate)}.${cells[0]}@${year}`);
        });
      }
    }
    expect(positional.size).toBe(9);
    const qualified = new Set(
      commands.flatMap((c) =>
        c.kind === 'defineObjective'
          ? (c.ctx.provenance?.qualifiers ?? []).filter((q) => q.kind === 'inferred' && q.field.startsWith('years/')).map((q) => `${c.input.objectiveId}@${q.field.slice('years/'.length)}`)
          : [],
      ),
    );
    expect(qualified).toEqual(positional);
    const revision = commands.find((c) => c.kind === 'reviseObjective' && c.input.objectiveId === 'pdo2024.dir-bilancio-partecipate.5' && c.input.effectiveFrom === '2025-01-01');
    expect(revision?.ctx.provenance?.qualifiers?.find((q) => q.field === 'title')?.reason).toContain('line 191');
  });

  it('records as inferred the revisions whose identity rests only on the row ID (DS Recupero Evasione IDs 3 and 4), the others as attested', () => {
    const revisions = commands.flatMap((c) => (c.kind === 'reviseObjective' ? [c.input] : []));
    const inferredIdentity = revisions.filter((r) => r.basis === 'inferred').map((r) => `${r.objectiveId}@${r.effectiveFrom.slice(0, 4)}`);
    expect(inferredIdentity).toEqual(expect.arrayContaining(['pdo2024.ds-recupero-evasione-coattiva.3@2025', 'pdo2024.ds-recupero-evasione-coattiva.3@2026', 'pdo2024.ds-recupero-evasione-coattiva.4@2025', 'pdo2024.ds-recupero-evasione-coattiva.4@2026']));
    expect(inferredIdentity).toHaveLength(data.rowIdentities.identities.reduce((n, i) => n + i.years.length, 0));
    for (const r of revisions.filter((r) => r.basis === 'inferred')) expect(r).toMatchObject({ basisReason: expect.stringContaining('only by its row ID'), inferredFrom: ['doc-004-pdo-2024-2026'] });
    for (const r of revisions.filter((r) => r.basis !== 'inferred')) {
      expect(r).toMatchObject({ basis: 'attested', sourceId: 'doc-004-pdo-2024-2026', attestedPeriod: { from: r.effectiveFrom, to: '2026-12-31' } });
    }
    expect(revisions.some((r) => 'act' in r)).toBe(false);
    // The reasons quote the row's statements as printed on its line.
    for (const identity of data.rowIdentities.identities) {
      const row = PDO[identity.line - 1]!;
      const quoted = [...identity.reason.matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
      expect(quoted.length, identity.objectiveId).toBeGreaterThanOrEqual(3);
      for (const text of quoted) expect(row, identity.objectiveId).toContain(text);
    }
  });

  it('attests the 26 directorates over the plan years, by the titles of their tables, at the top level', () => {
    const attested = commands.filter((c) => c.key.startsWith('seed:004:attest:')).flatMap((c) => (c.kind === 'attest' ? c.input.units : []));
    expect(attested).toHaveLength(26);
    for (const [printed] of countsFromDocument()) expect(attested).toContainEqual({ unitId: unitIdOf(printed), name: printed, kind: expect.any(String), parentId: null });
  });

  it('links a shared statement across directorates with one code', () => {
    const pac = "Miglioramento della qualità dell'aria per la salute e benessere del cittadino, attraverso l'attuazione del Piano Aria Clima (PAC)";
    const holders = commands.filter((c) => c.kind === 'defineObjective' && Object.values(c.input.years ?? {}).includes(pac));
    const codes = new Set(holders.map((c) => (c.kind === 'defineObjective' ? c.input.links?.find((l) => l.kind === 'obiettivo-condiviso')?.code : undefined)));
    expect(holders.length).toBe(7);
    expect([...codes]).toHaveLength(1);
    expect([...codes][0]).toMatch(/^pdo2024-condiviso-\d\d$/);
  });

  it('keeps the two matrix rows of Sicurezza Urbana ID 6 (lines 632-633) as two rows, each with its programma, dimension and driver', () => {
    const define = commands.find((c) => c.kind === 'defineObjective' && c.input.objectiveId === 'pdo2024.dir-sicurezza-urbana.6');
    const matrix = define?.kind === 'defineObjective' ? (define.input.matrix ?? []) : [];
    // Each row as the document prints it: programma | objective | directorate | dimension | driver.
    const printed = [632, 633].map((line) => {
      const [programma, objective, directorate, dimension, driver] = PDO[line - 1]!.split('\t').map((cell) => cell.trim());
      expect(directorate).toBe('Direzione Sicurezza Urbana');
      expect(objective).toContain('mala-movida');
      return { programmaOperativo: programma, dimension, driver, year: 2024, line };
    });
    expect(matrix).toEqual(printed);
    expect(define?.kind === 'defineObjective' && define.input.links?.some((l) => l.kind !== 'obiettivo-condiviso')).toBe(false);
  });

  it('gives every matched matrix row of the document to exactly one objective, as one object', () => {
    const rows = commands.flatMap((c) => (c.kind === 'defineObjective' ? (c.input.matrix ?? []) : []));
    const lines = rows.map((r) => r.line);
    expect(new Set(lines).size).toBe(lines.length);
    for (const row of rows) {
      const cells = PDO[row.line! - 1]!.split('\t').map((cell) => cell.trim());
      expect(cells[0]).toBe(row.programmaOperativo);
      // Dimension and driver are imported in their most frequent spelling (case differences are reported).
      expect(cells[3]!.toLowerCase()).toBe(row.dimension!.toLowerCase());
      expect(cells[4]!.toLowerCase()).toBe(row.driver!.toLowerCase());
    }
  });
});
