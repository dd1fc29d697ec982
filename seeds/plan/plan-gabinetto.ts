/**
 * 000: the Gabinetto del Sindaco, attested over its approximate year (2022). In document order,
 * so a parent always stands before its sub-units:
 * - the Gabinetto itself: established as inferred (its kind is read, not stated), then its
 *   name attested;
 * - each of its 12 units with its competencies, in the order of the bullets: attested, parent
 *   included, where the document places it; where the parent is read from the text
 *   (seeds/data/000-gabinetto-units.json, `parentInferred`), established as inferred with that
 *   parent first, then its name, kind and competencies attested;
 * - the directorates it names in running text (name and kind), so they exist in 2022 by its
 *   evidence; two of them carry a new name, renamed by inference just before (plan-renames.ts).
 */
import type { Attest } from '../../src/commands/command-types.ts';
import type { DocumentEntry } from '../data-schemas.ts';
import type { SeedData } from '../load-seed-data.ts';
import { attestCommand, documentByKey, inferredReorganization, type SeedCommand } from './seed-command.ts';

export function planGabinetto(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '000');
  const { root, units } = data.gabinetto;
  const commands: SeedCommand[] = [
    inferredEstablishment(document, root.unitId, `line ${root.line} (title "${data.gabinetto.title}")`, { name: root.name, kind: root.kind, parentId: null }, `kind: ${root.kindReason}`),
    attestCommand(`seed:000:attest:${root.unitId}`, document, `line ${root.line} (title "${data.gabinetto.title}")`, { units: [{ unitId: root.unitId, name: root.name, parentId: null }] }),
  ];
  for (const unit of units) {
    const last = unit.competencies.at(-1)?.toLine ?? unit.headingLines.at(-1);
    const location = `lines ${unit.headingLines[0]}–${last} (heading "${unit.heading}", ${unit.competencies.length} competencies)`;
    if (unit.parentInferred) commands.push(inferredEstablishment(document, unit.unitId, location, { name: unit.name, kind: unit.kind, parentId: unit.parentId }, `parent: ${unit.parentReason}`));
    const facts: Attest['units'][number] = unit.parentInferred ? { unitId: unit.unitId, name: unit.name, kind: unit.kind } : { unitId: unit.unitId, name: unit.name, kind: unit.kind, parentId: unit.parentId };
    commands.push(
      attestCommand(`seed:000:attest:${unit.unitId}`, document, location, {
        units: [facts],
        competencies: unit.competencies.map((c) => ({ competencyId: c.competencyId, unitId: unit.unitId, text: c.text })),
      }),
    );
  }
  const directorates = data.gabinettoUnits.directorates;
  commands.push(
    attestCommand(
      'seed:000:attest:directorates',
      document,
      directorates.map((d) => `"${d.name}" line ${d.lines.join(', ')}`).join('; '),
      { units: directorates.map((d) => ({ unitId: d.unitId, name: d.name, kind: d.kind, parentId: null })) },
    ),
  );
  return commands;
}

/** A unit of 000 established on an inference (reason required), before what 000 attests of it. */
function inferredEstablishment(document: DocumentEntry, unitId: string, location: string, unit: { name: string; kind: string; parentId: string | null }, reason: string): SeedCommand {
  return inferredReorganization(`seed:000:infer:${unitId}`, document, location, [{ op: 'establish', unitId, ...unit }], reason, [document.source.id]);
}
