/**
 * The hand-curated data quotes its documents: every text recorded as a competency, unit name
 * or indicator is found, verbatim, on the line it cites (whitespace aside: a wrapped or
 * non-breaking space reads as one space). A typo in a curated file fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeedData } from '../../seeds/load-seed-data.ts';

const data = loadSeedData();
const lines = (file: string) => readFileSync(new URL(`../../seeds/sources/${file}`, import.meta.url), 'utf8').split('\n');
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const onLines = (source: string[], numbers: number[]) => flat(numbers.map((n) => source[n - 1] ?? '').join(' '));

describe('curated seed data', () => {
  it('quotes 001 verbatim', () => {
    const source = lines(data.pdo2020.document);
    for (const unit of data.pdo2020.units) {
      expect(onLines(source, unit.lines)).toContain(unit.printed);
      for (const c of unit.competencies) expect(onLines(source, [c.line])).toContain(c.text);
    }
    for (const i of data.pdo2020.objective.indicators) expect(onLines(source, [i.line])).toContain(`${i.description} | ${i.kind} | ${i.printed}`);
    for (const l of data.pdo2020.objective.links) expect(onLines(source, [l.line])).toContain(l.title);
    expect(onLines(source, [data.pdo2020.head.line])).toContain(data.pdo2020.head.printed);
  });

  it('quotes 002 verbatim', () => {
    const source = lines(data.reorganization2016.document);
    for (const d of data.reorganization2016.directorates) {
      expect(onLines(source, [d.line])).toContain(d.name);
      for (const c of d.competencies) expect(onLines(source, [c.line])).toContain(c.text);
    }
  });

  it('quotes 003 verbatim, one bullet per competency', () => {
    const source = lines(data.cittaMetropolitana.document);
    for (const unit of data.cittaMetropolitana.units) {
      expect(onLines(source, unit.lines)).toContain(unit.name);
      for (const c of unit.competencies) expect(onLines(source, c.lines).replace(/^• /, '')).toContain(c.text.replace(/^Attività di (front-office|back office): /, ''));
    }
    const bullets = source.filter((line) => line.trimStart().startsWith('•')).length;
    expect(data.cittaMetropolitana.units.reduce((n, u) => n + u.competencies.length, 0)).toBe(bullets);
  });

  it('names, for every rename, lines that carry the new name', () => {
    for (const rename of data.renames.renames) {
      const document = data.documents.documents.find((d) => d.key === rename.documentKey)!;
      expect(onLines(lines(document.file), rename.lines)).toContain(rename.name);
    }
  });

  it('gives every document a date qualified as approximate or inferred, with a reason', () => {
    expect(data.documents.documents.map((d) => d.key)).toEqual(['000', '001', '002', '003', '004']);
    for (const d of data.documents.documents) expect(d.dateQualifier.reason.length).toBeGreaterThan(40);
  });
});
