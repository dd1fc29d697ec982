/**
 * `npx tsx seeds/extract.ts`: re-runs the parsers over seeds/sources/ and rewrites the
 * generated files of seeds/data/. Review the diff before committing: it is what the
 * importer will append.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGeneratedData } from './build-generated-data.ts';
import { DATA_DIR } from './paths.ts';

for (const { file, content } of buildGeneratedData()) {
  writeFileSync(join(DATA_DIR, file), content);
  process.stdout.write(`wrote seeds/data/${file}\n`);
}
