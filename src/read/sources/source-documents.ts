/**
 * The source documents the service can show as text (GET /api/v1/sources/:id/text): the seed
 * documents of seeds/sources/, listed in seeds/data/documents.json. A document is found by any
 * of the names the answers use for it: its key ("000"), its source id
 * ("doc-000-gabinetto-struttura"), its file name ("000_73076facddbf972e.txt") or that name
 * without ".txt". Only files listed there are ever read (no path from the request reaches the
 * file system), and each is read once and kept: the documents are part of the release.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, SOURCES_DIR, sourcePath } from '../../../seeds/paths.ts';
import { NotFoundError } from '../../errors.ts';

export interface SourceDocument {
  /** The document's key in documents.json ("000"). */
  key: string;
  /** The repository-relative path answers name as `provenance.source.document`. */
  document: string;
  title: string;
  orgId: string;
  text: string;
}

interface ListedDocument {
  key: string;
  file: string;
  orgId: string;
  source: { id: string; title: string };
}

let byName: Map<string, SourceDocument> | undefined;

function loadDocuments(): Map<string, SourceDocument> {
  const listed = (JSON.parse(readFileSync(join(DATA_DIR, 'documents.json'), 'utf8')) as { documents: ListedDocument[] }).documents;
  const names = new Map<string, SourceDocument>();
  for (const entry of listed) {
    const doc: SourceDocument = { key: entry.key, document: sourcePath(entry.file), title: entry.source.title, orgId: entry.orgId, text: readFileSync(join(SOURCES_DIR, entry.file), 'utf8') };
    for (const name of [entry.key, entry.source.id, entry.file, entry.file.replace(/\.txt$/, '')]) names.set(name, doc);
  }
  return names;
}

export function sourceDocument(id: string): SourceDocument {
  byName ??= loadDocuments();
  const doc = byName.get(id);
  if (!doc) throw new NotFoundError(`source ${id} is not a document this service holds`);
  return doc;
}
