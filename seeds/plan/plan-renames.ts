/**
 * Renames of a directorate named differently in two documents (seeds/data/comune-renames.json):
 * each at the date of the document that first shows the new name, marked inferred with the
 * reason the two names are read as one unit.
 */
import { orgStream } from '../../src/commands/streams.ts';
import type { DocumentKey } from '../data-schemas.ts';
import type { SeedData } from '../load-seed-data.ts';
import { COMUNE } from './plan-orgs.ts';
import { dateQualifier, documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export function planRenames(data: SeedData, documentKey: DocumentKey): SeedCommand[] {
  return data.renames.renames
    .filter((rename) => rename.documentKey === documentKey)
    .map((rename) => {
      const document = documentByKey(data.documents.documents, rename.documentKey);
      const key = `seed:${rename.documentKey}:rename:${rename.unitId}`;
      return {
        kind: 'reorganize',
        key,
        stream: orgStream(COMUNE),
        input: { orgId: COMUNE, act: document.act, effectiveFrom: document.effectiveFrom, changes: [{ op: 'rename', unitId: rename.unitId, name: rename.name }] },
        ctx: seedContext(key, document.file, `line ${rename.lines.join(', ')} ("${rename.name}"), formerly "${rename.from}" (${documentByKey(data.documents.documents, rename.fromDocumentKey).file} line ${rename.fromLines.join(', ')})`, [
          dateQualifier(document),
          { kind: 'inferred', field: 'changes/0', reason: rename.reason },
        ]),
      } satisfies SeedCommand;
    });
}
