/**
 * One command of the seed import, as data: what to call on the CommandService, with which
 * context, and how the importer recognises that it was already applied. Every command names
 * its registered source (`sourceId`, the basis of its facts: attested, announced or inferred;
 * no seed document is an act, so none enacts) and carries, in its provenance, the document's
 * file and line or table and the qualifiers of what is approximate or read by inference; its
 * key is both its idempotency key and its correlation id, so the events it appended are found
 * again by key on the next start.
 */
import type { Attest, CommandContext, CreateOrg, DefineObjective, Qualifier, RegisterSource, ReorganizationChange, Reorganize, ReviseObjective } from '../../src/commands/command-types.ts';
import type { DocumentEntry } from '../data-schemas.ts';
import { orgStream } from '../../src/commands/streams.ts';
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

/**
 * An attestation of `document`, over its period or on its issue day (the default of the
 * command), with the document's date qualified: what the source shows, evidence only for
 * facts that already stand (docs/evidence.md, "Attestations").
 */
export function attestCommand(key: string, document: DocumentEntry, location: string, facts: Pick<Attest, 'units' | 'competencies' | 'heads'>, qualifiers: Qualifier[] = []): SeedCommand {
  return {
    kind: 'attest',
    key,
    stream: orgStream(document.orgId),
    input: { orgId: document.orgId, sourceId: document.source.id, ...facts },
    ctx: seedContext(key, document.file, location, [dateQualifier(document), ...qualifiers]),
  };
}

/**
 * A reorganisation the importer derived (basis inferred, never an act's change), at the date of
 * `document`, resting on the sources `inferredFrom` for the stated reason.
 */
export function inferredReorganization(key: string, document: DocumentEntry, location: string, changes: ReorganizationChange[], reason: string, inferredFrom: string[]): SeedCommand {
  return {
    kind: 'reorganize',
    key,
    stream: orgStream(document.orgId),
    input: { orgId: document.orgId, basis: 'inferred', basisReason: reason, inferredFrom, effectiveFrom: document.effectiveFrom, changes },
    ctx: seedContext(key, document.file, location, [dateQualifier(document)]),
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
