/**
 * No drift: re-running the parsers over seeds/sources/ gives exactly the generated files
 * committed in seeds/data/. If this fails, run `npx tsx seeds/extract.ts` and review the diff.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGeneratedData } from '../../seeds/build-generated-data.ts';
import { DATA_DIR } from '../../seeds/paths.ts';

describe('generated seed data', () => {
  for (const { file, content } of buildGeneratedData()) {
    it(`seeds/data/${file} is what the parsers produce`, () => {
      expect(readFileSync(join(DATA_DIR, file), 'utf8')).toBe(content);
    });
  }
});
