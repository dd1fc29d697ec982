/**
 * 002: the 2016 reorganisation of the Comune, one reorganize command at the article's
 * approximate date (see seeds/data/documents.json): the directorates it names, each with its
 * mission as competencies; a directorate the article says was strengthened, not created, is
 * marked inferred.
 */
import type { Qualifier, ReorganizationChange } from '../../src/commands/command-types.ts';
import { orgStream } from '../../src/commands/streams.ts';
import type { SeedData } from '../load-seed-data.ts';
import { COMUNE } from './plan-orgs.ts';
import { dateQualifier, documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export function planReorganization2016(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '002');
  const changes: ReorganizationChange[] = [];
  const qualifiers: Qualifier[] = [dateQualifier(document)];
  for (const d of data.reorganization2016.directorates) {
    if (d.status === 'existing') qualifiers.push({ kind: 'inferred', field: `changes/${changes.length}`, reason: d.reason ?? 'the article says the directorate was strengthened, not created' });
    changes.push({ op: 'establish', unitId: d.unitId, name: d.name, kind: d.kind, parentId: null });
    d.competencies.forEach((c, index) => changes.push({ op: 'assign-competency', unitId: d.unitId, competencyId: `${d.unitId}.c${String(index + 1).padStart(2, '0')}`, text: c.text }));
  }
  const key = 'seed:002:reorganization-2016';
  const lines = data.reorganization2016.directorates.map((d) => d.line);
  return [
    {
      kind: 'reorganize',
      key,
      stream: orgStream(COMUNE),
      input: { orgId: COMUNE, act: document.act, effectiveFrom: document.effectiveFrom, changes },
      ctx: seedContext(key, document.file, `lines ${lines.join(', ')}`, qualifiers),
    },
  ];
}
