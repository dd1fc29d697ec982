/**
 * The anomaly report lists every inference the seed import makes: given the planned commands,
 * each fact recorded with basis inferred, and each value qualified inferred in an event, has an
 * entry of the report that names it (its unit, objective or printed text) or its line.
 */
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
