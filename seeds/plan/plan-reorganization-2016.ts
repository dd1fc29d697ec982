/**
 * 002: the press article on the 2016 reorganisation, on its approximate date. The tense of its
 * lines decides the basis (seeds/data/002-riorganizzazione-2016.json, `basis`): one
 * attestation of what it reports as done or current (Periferie, Marketing metropolitano and
 * Municipi reorganised, Sistemi informativi strengthened and building the data hub), then one
 * announced reorganisation of what it says will happen (the planned Direzione Partecipate e
 * Patrimonio immobiliare, and the missions of the new directorates under "opereranno").
 */
import type { ReorganizationChange } from '../../src/commands/command-types.ts';
import { orgStream } from '../../src/commands/streams.ts';
import type { SeedData } from '../load-seed-data.ts';
import { COMUNE } from './plan-orgs.ts';
import { attestCommand, dateQualifier, documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export function planReorganization2016(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '002');
  const directorates = data.reorganization2016.directorates.map((d) => ({
    ...d,
    competencies: d.competencies.map((c, index) => ({ ...c, competencyId: `${d.unitId}.c${String(index + 1).padStart(2, '0')}` })),
  }));
  const justify = (items: { lines: number[]; quotes: string[] }[]) => [...new Set(items.flatMap((b) => b.lines))].sort((a, b) => a - b).join(', ');

  const attested = directorates.filter((d) => d.basis.kind === 'attested');
  const attestedCompetencies = attested.flatMap((d) => d.competencies.filter((c) => c.basis.kind === 'attested').map((c) => ({ unitId: d.unitId, ...c })));
  const attestKey = 'seed:002:attest';
  const attest = attestCommand(
    attestKey,
    document,
    `lines ${justify([...attested.map((d) => d.basis), ...attestedCompetencies.map((c) => c.basis)])} (reported as done or current: ${attested.map((d) => `"${d.basis.quotes.at(-1)}"`).join(', ')})`,
    {
      units: attested.map((d) => ({ unitId: d.unitId, name: d.name, kind: d.kind, parentId: null })),
      competencies: attestedCompetencies.map((c) => ({ competencyId: c.competencyId, unitId: c.unitId, text: c.text })),
    },
  );

  const changes: ReorganizationChange[] = [];
  const announcedBases: { lines: number[]; quotes: string[] }[] = [];
  for (const d of directorates) {
    if (d.basis.kind === 'announced') {
      changes.push({ op: 'establish', unitId: d.unitId, name: d.name, kind: d.kind, parentId: null });
      announcedBases.push(d.basis);
    }
    for (const c of d.competencies.filter((c) => c.basis.kind === 'announced')) {
      changes.push({ op: 'assign-competency', unitId: d.unitId, competencyId: c.competencyId, text: c.text });
      announcedBases.push(c.basis);
    }
  }
  const announceKey = 'seed:002:announce';
  const announce: SeedCommand = {
    kind: 'reorganize',
    key: announceKey,
    stream: orgStream(COMUNE),
    input: { orgId: COMUNE, sourceId: document.source.id, basis: 'announced', effectiveFrom: document.effectiveFrom, changes },
    ctx: seedContext(
      announceKey,
      document.file,
      `lines ${justify(announcedBases)} (said as future or planned: ${[...new Set(announcedBases.flatMap((b) => b.quotes))].map((q) => `"${q}"`).join(', ')})`,
      [dateQualifier(document)],
    ),
  };
  return [attest, announce];
}
