/**
 * One command of the seed import, as data: what to call on the CommandService, with which
 * context, and how the importer recognises that it was already applied. Every command carries
 * its source document (and line or table) and the qualifiers of what is approximate or
 * inferred; its key is both its idempotency key and its correlation id, so the events it
 * appended are found again by key on the next start.
 */
import type { Attest, CommandContext, CreateOrg, DefineObjective, Qualifier, RegisterSource, Reorganize, ReviseObjective } from '../../src/commands/command-types.ts';
import type { DocumentEntry } from '../data-schemas.ts';
import { sourcePath } from '../paths.ts';

export const SEED_PRINCIPAL = 'seed-importer';

export type SeedCommand = { key: string; stream: string; ctx: CommandContext } & (
  | { kind: 'createOrg'; input: CreateOrg }
  | { kind: 'reorganize'; input: Reorganize }
  | { kind: 'defineObjective'; input: DefineObjective }
  | { kind: 'reviseObjective'; input: ReviseObjective }
  /** stream: sourceStream(sourceId); skipped when the stream exists (docs/evidence.md). */
  | { kind: 'registerSource'; input: RegisterSource }
  /** stream: orgStream(orgId). */
  | { kind: 'attest'; input: Attest }
);

/** The context of a seed command: principal, deterministic key, source and qualifiers. */
export function seedContext(key: string, file: string, location: string, qualifiers: Qualifier[] = []): CommandContext {
  return {
    recordedBy: SEED_PRINCIPAL,
    correlationId: key,
    idempotencyKey: key,
    provenance: { source: { document: sourcePath(file), location }, ...(qualifiers.length > 0 ? { qualifiers } : {}) },
  };
}

/** The qualifier of a document's date, as reasoned in seeds/data/documents.json. */
export function dateQualifier(document: DocumentEntry, field = 'effectiveFrom'): Qualifier {
  return { kind: document.dateQualifier.kind, field, reason: document.dateQualifier.reason };
}

export function documentByKey(documents: readonly DocumentEntry[], key: DocumentEntry['key']): DocumentEntry {
  const entry = documents.find((d) => d.key === key);
  if (!entry) throw new Error(`seeds/data/documents.json has no document ${key}`);
  return entry;
}
