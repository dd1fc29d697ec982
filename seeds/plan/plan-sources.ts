/**
 * The five documents as registered sources (seeds/data/documents.json), right after the orgs:
 * every later command cites one. None has legal effect: none is a delibera, determinazione,
 * decreto or regolamento, and none cites one.
 */
import { sourceStream } from '../../src/commands/streams.ts';
import type { SeedData } from '../load-seed-data.ts';
import { sourcePath } from '../paths.ts';
import { dateQualifier, seedContext, type SeedCommand } from './seed-command.ts';

export function planSources(data: SeedData): SeedCommand[] {
  return data.documents.documents.map((document): SeedCommand => {
    const { source } = document;
    const key = `seed:${document.key}:source`;
    const lines = source.lines.map((l) => `${l.from}-${l.to}`).join(', ');
    return {
      kind: 'registerSource',
      key,
      stream: sourceStream(source.id),
      input: {
        sourceId: source.id,
        orgId: document.orgId,
        title: source.title,
        kind: source.kind,
        legalEffect: false,
        ...(source.issuedOn ? { issuedOn: source.issuedOn } : {}),
        ...(source.period ? { period: source.period } : {}),
        dateQualifier: document.dateQualifier,
        location: { file: sourcePath(document.file), lines: source.lines },
        scope: { kind: source.scope.kind, ...(source.scope.rootUnitId ? { rootUnitId: source.scope.rootUnitId } : {}) },
      },
      ctx: seedContext(key, document.file, `lines ${lines}; scope ${source.scope.kind}: ${source.scopeReason}`, [dateQualifier(document, source.period ? 'period' : 'issuedOn')]),
    };
  });
}
