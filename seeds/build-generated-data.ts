/**
 * Runs the parsers over the source documents and the curated maps, and returns the content
 * of every generated file of seeds/data/ (JSON, 2-space indented, final newline), so that
 * `tsx seeds/extract.ts` writes them and a test can check the committed ones have not drifted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { directoratesFile, documentsFile, gabinettoUnitsFile } from './data-schemas.ts';
import { CURATED_FILES, GENERATED_FILES, readDataFile } from './load-seed-data.ts';
import { assembleGabinetto } from './parse/assemble-gabinetto.ts';
import { assemblePdo } from './parse/assemble-pdo.ts';
import { DATA_DIR, SOURCES_DIR } from './paths.ts';

export interface GeneratedFile {
  file: string;
  content: string;
}

export function buildGeneratedData(dataDir = DATA_DIR, sourcesDir = SOURCES_DIR): GeneratedFile[] {
  const documents = documentsFile.parse(readDataFile(CURATED_FILES.documents, dataDir)).documents;
  const source = (key: string) => {
    const entry = documents.find((d) => d.key === key);
    if (!entry) throw new Error(`seeds/data/documents.json has no document ${key}`);
    return { file: entry.file, text: readFileSync(join(sourcesDir, entry.file), 'utf8') };
  };
  const gabinettoSource = source('000');
  const pdoSource = source('004');
  const gabinetto = assembleGabinetto(gabinettoSource.text, gabinettoSource.file, gabinettoUnitsFile.parse(readDataFile(CURATED_FILES.gabinettoUnits, dataDir)));
  const pdo = assemblePdo(pdoSource.text, pdoSource.file, directoratesFile.parse(readDataFile(CURATED_FILES.directorates, dataDir)).directorates);
  return [
    { file: GENERATED_FILES.gabinetto, content: `${JSON.stringify(gabinetto, null, 2)}\n` },
    { file: GENERATED_FILES.pdo2024, content: `${JSON.stringify(pdo, null, 2)}\n` },
  ];
}
