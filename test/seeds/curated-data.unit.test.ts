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
    for (const l of data.pdo2020.objective.links) {
      expect(onLines(source, [l.line])).toContain(l.title);
      for (const part of l.parts ?? []) expect(onLines(source, [part.line])).toContain(part.title);
    }
    expect(onLines(source, [data.pdo2020.head.line])).toContain(data.pdo2020.head.printed);
  });

  it('quotes 002 verbatim', () => {
    const source = lines(data.reorganization2016.document);
    for (const d of data.reorganization2016.directorates) {
      expect(onLines(source, [d.line])).toContain(d.name);
      for (const c of d.competencies) expect(onLines(source, [c.line])).toContain(c.text);
    }
  });

  it('justifies each basis read from 002 with words on the lines it cites: a future or planned tense for announced, none for attested', () => {
    const source = lines(data.reorganization2016.document);
    const future = /(?<!\p{L})(Prevista|opereranno|farà|saranno|avverrà|lavoreranno)(?!\p{L})/u;
    const readings = data.reorganization2016.directorates.flatMap((d) => [{ what: d.unitId, ...d.basis }, ...d.competencies.map((c) => ({ what: `${d.unitId}: ${c.text}`, ...c.basis }))]);
    for (const reading of readings) {
      for (const quote of reading.quotes) expect(onLines(source, reading.lines), reading.what).toContain(quote);
      expect(future.test(reading.quotes.join(' ')), reading.what).toBe(reading.kind === 'announced');
    }
    const announcedUnits = data.reorganization2016.directorates.filter((d) => d.basis.kind === 'announced').map((d) => d.unitId);
    expect(announcedUnits).toEqual(['dir-partecipate-patrimonio-immobiliare']);
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

  it('lists every directorate 000 names, each on the lines it cites', () => {
    const source = lines(data.gabinetto.document);
    const listed = data.gabinettoUnits.directorates;
    for (const d of listed) for (const line of d.lines) expect(onLines(source, [line]), `${d.name} line ${line}`).toContain(d.name);
    // Every "Direzione <Capitalised words>" of the text, and the Segreteria Generale, is one of them.
    const named = new Set(source.flatMap((line) => [...line.matchAll(/Direzione ((?:\p{Lu}\p{L}*)(?: (?:e )?\p{Lu}\p{L}*)*)/gu)].map((m) => `Direzione ${m[1]}`)));
    if (source.some((line) => line.includes('Segreteria Generale'))) named.add('Segreteria Generale');
    expect(new Set(listed.map((d) => d.name))).toEqual(named);
    const cited = new Set(source.flatMap((line, index) => (/Direzione \p{Lu}|Segreteria Generale/u.test(line) ? [index + 1] : [])));
    expect(new Set(listed.flatMap((d) => d.lines))).toEqual(cited);
  });

  it('names, for every rename, the lines of both sources: the earlier name on its lines, the new one on its', () => {
    const fileOf = (key: string) => data.documents.documents.find((d) => d.key === key)!.file;
    for (const rename of data.renames.renames) {
      expect(onLines(lines(fileOf(rename.documentKey)), rename.lines)).toContain(rename.name);
      expect(onLines(lines(fileOf(rename.fromDocumentKey)), rename.fromLines)).toContain(rename.from);
      expect(rename.fromDocumentKey).not.toBe(rename.documentKey);
    }
  });

  it('gives every document a date qualified as approximate or inferred, with a reason', () => {
    expect(data.documents.documents.map((d) => d.key)).toEqual(['000', '001', '002', '003', '004']);
    for (const d of data.documents.documents) expect(d.dateQualifier.reason.length).toBeGreaterThan(40);
  });
});
