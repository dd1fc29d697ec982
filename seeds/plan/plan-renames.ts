/**
 * Renames of a directorate named differently in two documents (seeds/data/comune-renames.json):
 * each at the date of the document that first shows the new name, with basis inferred from both
 * documents and the reason the two names are read as one unit; never an act's change. Each is
 * planned before the attestation of the new name, which then agrees with the state.
 */
import type { DocumentKey } from '../data-schemas.ts';
import type { SeedData } from '../load-seed-data.ts';
import { documentByKey, inferredReorganization, type SeedCommand } from './seed-command.ts';

export function planRenames(data: SeedData, documentKey: DocumentKey): SeedCommand[] {
  return data.renames.renames
    .filter((rename) => rename.documentKey === documentKey)
    .map((rename) => {
      const document = documentByKey(data.documents.documents, rename.documentKey);
      const earlier = documentByKey(data.documents.documents, rename.fromDocumentKey);
      return inferredReorganization(
        `seed:${rename.documentKey}:infer-rename:${rename.unitId}`,
        document,
        `line ${rename.lines.join(', ')} ("${rename.name}"), formerly "${rename.from}" (${earlier.file} line ${rename.fromLines.join(', ')})`,
        [{ op: 'rename', unitId: rename.unitId, name: rename.name }],
        rename.reason,
        [earlier.source.id, document.source.id],
      );
    });
}
