/**
 * 001: the PDO 2020 sheet of objective 2020_Z101. One reorganize (the Direzione, its Servizio
 * and Uffici with the Direzione's activities as competencies, the Servizio's dirigente as
 * head), then the objective with its strategic links and its three indicators. All at the
 * first day of the plan year, approximate; the units are left open-ended, which is said.
 */
import type { Qualifier, ReorganizationChange } from '../../src/commands/command-types.ts';
import { objectiveStream, orgStream } from '../../src/commands/streams.ts';
import type { SeedData } from '../load-seed-data.ts';
import { COMUNE } from './plan-orgs.ts';
import { dateQualifier, documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export function planPdo2020(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '001');
  const { units, head, objective } = data.pdo2020;
  const changes: ReorganizationChange[] = [];
  const qualifiers: Qualifier[] = [
    dateQualifier(document),
    { kind: 'inferred', field: 'changes', reason: 'the PDO 2020 shows these units in 2020; no document says when they ended, so no end is recorded' },
  ];
  for (const unit of units) {
    if (unit.parentReason) qualifiers.push({ kind: 'inferred', field: `changes/${changes.length}/parentId`, reason: unit.parentReason });
    changes.push({ op: 'establish', unitId: unit.unitId, name: unit.name, kind: unit.kind, parentId: unit.parentId });
    unit.competencies.forEach((c, index) => changes.push({ op: 'assign-competency', unitId: unit.unitId, competencyId: `${unit.unitId}.c${String(index + 1).padStart(2, '0')}`, text: c.text }));
  }
  qualifiers.push({ kind: 'inferred', field: `changes/${changes.length}/person`, reason: head.reason });
  changes.push({ op: 'appoint-head', unitId: head.unitId, person: head.person, title: head.title });

  const structureKey = 'seed:001:structure-2020';
  const objectiveKey = `seed:001:define:${objective.objectiveId}`;
  return [
    {
      kind: 'reorganize',
      key: structureKey,
      stream: orgStream(COMUNE),
      input: { orgId: COMUNE, act: document.act, effectiveFrom: document.effectiveFrom, changes },
      ctx: seedContext(structureKey, document.file, `lines ${[...new Set(units.flatMap((u) => u.lines))].sort((a, b) => a - b).join(', ')}`, qualifiers),
    },
    {
      kind: 'defineObjective',
      key: objectiveKey,
      stream: objectiveStream(COMUNE, objective.objectiveId),
      input: {
        orgId: COMUNE,
        objectiveId: objective.objectiveId,
        unitId: objective.unitId,
        title: objective.title,
        plan: objective.plan,
        years: { [objective.year]: objective.title },
        links: objective.links.map(({ line: _line, ...link }) => link),
        indicators: objective.indicators.map(({ printed: _printed, line: _line, ...indicator }) => indicator),
        effectiveFrom: document.effectiveFrom,
        act: document.act,
      },
      ctx: seedContext(objectiveKey, document.file, `lines ${objective.lines.join(', ')}, links lines 9-19, indicators lines 50-55`, [dateQualifier(document)]),
    },
  ];
}
