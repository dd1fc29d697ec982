/**
 * The anomaly report lists every inference the seed import makes: given the planned commands,
 * each fact recorded with basis inferred, and each value qualified inferred in an event, has an
 * entry of the report that names it (its unit, objective or printed text) or its line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectAnomalies } from '../../seeds/anomalies.ts';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { planSeedCommands } from '../../seeds/plan/plan-seed-commands.ts';

const data = loadSeedData();
const commands = planSeedCommands(data);
const report = collectAnomalies(data).map((a) => `${a.location} ${a.description} ${a.action}`);
const reported = (...names: string[]) => report.some((entry) => names.some((name) => entry.includes(name)));

describe('anomaly report: every inference', () => {
  it('names every unit established, and every name given, by an inference', () => {
    const names = new Map([...data.gabinettoUnits.units, data.gabinettoUnits.root, ...data.cittaMetropolitana.units].map((u) => [u.unitId, u.name]));
    let inferred = 0;
    for (const command of commands) {
      if (command.kind !== 'reorganize' || command.input.basis !== 'inferred') continue;
      for (const change of command.input.changes) {
        inferred++;
        if (change.op === 'establish') expect(reported(change.unitId, names.get(change.unitId) ?? change.unitId), change.unitId).toBe(true);
        else if (change.op === 'rename') expect(reported(`'${change.name}'`, `"${change.name}"`), change.name).toBe(true);
        else throw new Error(`an inferred ${change.op} the report does not check`);
      }
    }
    expect(inferred).toBe(9); // 4 renames, the Gabinetto's kind, 3 parents in 000, the Servizio Comunicazione's place
  });

  it('names every objective whose revision is an inferred identity, and every statement read by position', () => {
    const revisions = commands.flatMap((c) => (c.kind === 'reviseObjective' && c.input.basis === 'inferred' ? [c.input.objectiveId] : []));
    expect(revisions.length).toBeGreaterThan(0);
    for (const objectiveId of revisions) expect(report.some((e) => e.includes(objectiveId) && e.includes('row ID')), objectiveId).toBe(true);
    const positional = commands.flatMap((c) => (c.kind === 'defineObjective' && (c.ctx.provenance?.qualifiers ?? []).some((q) => q.field.startsWith('years/')) ? [c.input.objectiveId] : []));
    expect(positional).toHaveLength(7);
    for (const objectiveId of positional) expect(report.some((e) => e.includes(objectiveId) && e.includes('by position')), objectiveId).toBe(true);
  });

  it('covers every other value qualified inferred in an event: the revisions\' dates and the dirigente\'s name order', () => {
    const qualified = commands.filter((c) => c.kind !== 'reorganize' && (c.ctx.provenance?.qualifiers ?? []).some((q) => q.kind === 'inferred' && !q.field.startsWith('years/') && q.field !== 'title'));
    for (const command of qualified) {
      if (command.kind === 'reviseObjective') {
        const objective = data.pdo2024.objectives.find((o) => o.objectiveId === command.input.objectiveId)!;
        const onItsLine = new RegExp(`\\b${objective.line}\\b`);
        expect(report.some((e) => e.includes('ObjectiveRevised') && onItsLine.test(e)), command.key).toBe(true);
      } else {
        expect(command.key).toBe('seed:001:attest:head');
        expect(reported('SANTORO FRANCESCA')).toBe(true);
      }
    }
    expect(qualified.length).toBe(36);
  });
});

/** The rule-based entries of issue 16, each checked against the document lines it rests on. */
describe('anomaly report: irregularities found by rule (issue 16)', () => {
  const PDO = readFileSync(new URL('../../seeds/sources/004_5b26e6e327395384.txt', import.meta.url), 'utf8').split('\n');
  const cells = (line: number) => PDO[line - 1]!.split('\t').map((cell) => cell.trim());
  const anomalies = collectAnomalies(data);
  const ofKind = (kind: string) => anomalies.filter((a) => a.kind === kind);
  const objective = (id: string) => data.pdo2024.objectives.find((o) => o.objectiveId === id)!;

  it('lists the 2025 gap of Organizzazione e Risorse Umane ID 5, and only objectives whose row has an empty cell between two filled ones', () => {
    const oru5 = objective('pdo2024.dir-organizzazione-risorse-umane.5');
    const [id, y2024, y2025, y2026] = cells(oru5.line);
    expect([id, y2024 !== '', y2025, y2026 !== '']).toEqual(['5', true, '', true]);
    const gaps = ofKind('gap-year');
    expect(gaps.map((a) => a.location)).toContain(`line ${oru5.line}, ${oru5.objectiveId}`);
    for (const gap of gaps) {
      const row = cells(Number(/^line (\d+)/.exec(gap.location)![1]));
      const filled = row.slice(1, 4).map((cell) => cell !== '');
      expect(filled.indexOf(false)).toBeGreaterThan(filled.indexOf(true));
      expect(filled.lastIndexOf(true)).toBeGreaterThan(filled.indexOf(false));
    }
  });

  it('lists every inferred parent, one entry per unit established on an inferred parent', () => {
    const inferredPlaces = commands.flatMap((c) =>
      c.kind === 'reorganize' && c.input.basis === 'inferred' && !c.input.basisReason?.startsWith('kind:') ? c.input.changes.filter((ch) => ch.op === 'establish').map((ch) => ch.unitId) : [],
    );
    expect(inferredPlaces.sort()).toEqual(['gab-redazione', 'gab-segreteria-tecnica', 'gab-ufficio-cerimoniale', 'servizio-comunicazione']);
    expect(ofKind('inferred-parent').map((a) => /parent of (\S+):/.exec(a.description)![1]).sort()).toEqual(inferredPlaces);
  });

  it('lists objectives that name each other as collaborators: Direzione Generale–Strutture di supporto 5 / Bilancio 5', () => {
    const dgs5 = objective('pdo2024.dir-generale-supporto-sindaco.5');
    const bil5 = objective('pdo2024.dir-bilancio-partecipate.5');
    expect(cells(dgs5.line)[1]).toContain('in collaborazione con la Direzione Bilancio e Partecipate');
    expect(cells(bil5.line)[1]).toContain('in collaborazione con la Direzione Generale Strutture di supporto alle funzioni del Sindaco');
    expect(ofKind('mutual-collaboration').map((a) => a.location)).toEqual([`lines ${dgs5.line}, ${bil5.line}`]);
  });

  it('lists near-duplicate objectives by text similarity: Cultura 7 / Demanio 5, and Demanio 7 with its near twins', () => {
    const groups = ofKind('near-duplicate-objectives').map((a) => a.description);
    const groupOf = (id: string) => groups.filter((g) => g.includes(`${id} (`));
    const [cultura7, demanio5, demanio7] = ['pdo2024.dir-cultura.7', 'pdo2024.dir-demanio-patrimonio.5', 'pdo2024.dir-demanio-patrimonio.7'].map(objective);
    // As printed: the same ERP module, one statement longer than the other.
    expect(cells(cultura7!.line)[1]).toMatch(/^Implementazione del sistema ERP: finalizzazione della messa a regime del modulo/);
    expect(cells(demanio5!.line)[1]).toMatch(/^Implementazione del sistema ERP: finalizzazione della messa a regime e della diffusione del modulo/);
    expect(groupOf(cultura7!.objectiveId)).toEqual(groupOf(demanio5!.objectiveId));
    expect(groupOf(cultura7!.objectiveId)).toHaveLength(1);
    expect(cells(demanio7!.line)[1]).toMatch(/^Collaborazione alla realizzazione dei progetti dell’Amministrazione finanziati con fondi straordinari/);
    expect(groupOf(demanio7!.objectiveId)).toHaveLength(1);
    expect(groupOf(demanio7!.objectiveId)[0]).not.toContain(cultura7!.objectiveId);
  });
});
