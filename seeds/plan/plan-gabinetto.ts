/**
 * 000: the Gabinetto del Sindaco. One reorganize for its top unit, then one per unit of the
 * document (in document order, so a parent is always established before its sub-units):
 * the unit with its parent, and its competencies in the order of the bullets. The date is
 * the document's approximate one (seeds/data/documents.json); parents the text does not
 * state are marked inferred, with the reason from seeds/data/000-gabinetto-units.json.
 */
import type { Qualifier, ReorganizationChange } from '../../src/commands/command-types.ts';
import { orgStream } from '../../src/commands/streams.ts';
import type { SeedData } from '../load-seed-data.ts';
import { COMUNE } from './plan-orgs.ts';
import { dateQualifier, documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export function planGabinetto(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '000');
  const { root, units } = data.gabinetto;
  const command = (key: string, location: string, changes: ReorganizationChange[], qualifiers: Qualifier[]): SeedCommand => ({
    kind: 'reorganize',
    key,
    stream: orgStream(COMUNE),
    input: { orgId: COMUNE, act: document.act, effectiveFrom: document.effectiveFrom, changes },
    ctx: seedContext(key, document.file, location, [dateQualifier(document), ...qualifiers]),
  });

  const commands = [
    command(`seed:000:establish:${root.unitId}`, `line ${root.line} (title "${data.gabinetto.title}")`, [{ op: 'establish', unitId: root.unitId, name: root.name, kind: root.kind, parentId: null }], [
      { kind: 'inferred', field: 'changes/0/kind', reason: root.kindReason },
    ]),
  ];
  for (const unit of units) {
    const changes: ReorganizationChange[] = [
      { op: 'establish', unitId: unit.unitId, name: unit.name, kind: unit.kind, parentId: unit.parentId },
      ...unit.competencies.map((c): ReorganizationChange => ({ op: 'assign-competency', unitId: unit.unitId, competencyId: c.competencyId, text: c.text })),
    ];
    const qualifiers: Qualifier[] = unit.parentInferred ? [{ kind: 'inferred', field: 'changes/0/parentId', reason: unit.parentReason }] : [];
    const last = unit.competencies.at(-1)?.toLine ?? unit.headingLines.at(-1);
    const location = `lines ${unit.headingLines[0]}–${last} (heading "${unit.heading}", ${unit.competencies.length} competencies)`;
    commands.push(command(`seed:000:establish:${unit.unitId}`, location, changes, qualifiers));
  }
  return commands;
}
