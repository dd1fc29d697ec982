/**
 * 003: the Servizio Comunicazione of the Città Metropolitana di Milano in 2020, with the URP,
 * the Ufficio Stampa and the web and social media office under it, their listed activities as
 * competencies. One reorganize at the project year's first day, approximate, open-ended.
 */
import type { ReorganizationChange } from '../../src/commands/command-types.ts';
import { orgStream } from '../../src/commands/streams.ts';
import type { SeedData } from '../load-seed-data.ts';
import { CITTA_METROPOLITANA } from './plan-orgs.ts';
import { dateQualifier, documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export function planCittaMetropolitana(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '003');
  const changes: ReorganizationChange[] = data.cittaMetropolitana.units.flatMap((unit): ReorganizationChange[] => [
    { op: 'establish', unitId: unit.unitId, name: unit.name, kind: unit.kind, parentId: unit.parentId },
    ...unit.competencies.map((c, index): ReorganizationChange => ({
      op: 'assign-competency',
      unitId: unit.unitId,
      competencyId: `${unit.unitId}.c${String(index + 1).padStart(2, '0')}`,
      text: c.text,
    })),
  ]);
  const key = 'seed:003:structure-2020';
  return [
    {
      kind: 'reorganize',
      key,
      stream: orgStream(CITTA_METROPOLITANA),
      input: { orgId: CITTA_METROPOLITANA, act: document.act, effectiveFrom: document.effectiveFrom, changes },
      ctx: seedContext(key, document.file, 'lines 6-61, offices named at lines 85-86', [
        dateQualifier(document),
        { kind: 'inferred', field: 'changes', reason: 'the project describes the structure in 2020; no document says when it changed, so no end is recorded' },
        { kind: 'inferred', field: 'changes/0/parentId', reason: 'the document names no unit above the Servizio Comunicazione: recorded as a top-level unit' },
      ]),
    },
  ];
}
