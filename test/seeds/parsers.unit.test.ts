/**
 * The parsers on small made-up inputs, one irregularity each: what they extract and what
 * they report.
 */
import { describe, expect, it } from 'vitest';
import { differsOnlyInPunctuation, joinWrappedLines } from '../../seeds/parse/normalize-text.ts';
import { parseGabinetto } from '../../seeds/parse/parse-gabinetto.ts';
import { parsePdoTables } from '../../seeds/parse/parse-pdo-tables.ts';
import { yearRevisions } from '../../seeds/parse/year-revisions.ts';

const table = (title: string, header: string, ...rows: string[]) => [title, '', header, ...rows].join('\n');
const HEADER = 'ID\tObiettivi Anno 2024\tObiettivi Anno 2025\tObiettivi Anno 2026';

describe('parsePdoTables', () => {
  it('reads year columns by position under a garbled header, and reports the header', () => {
    const text = table('Direzione X – Obiettivi di Direzione – Programmazione 2024 – 2026', 'ID\tObiettivi Anno 2024\tFonte\tObiettivi Anno 2024', '1\tA\t\tC');
    const { tables, anomalies } = parsePdoTables(text, 'doc');
    expect(tables[0]).toMatchObject({ directorate: 'Direzione X', rows: [{ line: 4, id: '1', years: { '2024': 'A', '2026': 'C' } }] });
    expect(anomalies).toEqual([expect.objectContaining({ kind: 'garbled-header', location: expect.stringContaining('line 3') })]);
  });

  it('skips and reports a row that is not an ID and three cells', () => {
    const text = table('Obiettivi Segreteria Generale', HEADER, '1\tA\tB\tC', 'x\tA\tB', '2\tD\t\t');
    const { tables, anomalies } = parsePdoTables(text, 'doc');
    expect(tables[0]!.directorate).toBe('Segreteria Generale');
    expect(tables[0]!.rows.map((r) => r.id)).toEqual(['1', '2']);
    expect(anomalies).toEqual([expect.objectContaining({ kind: 'unparseable-row', location: expect.stringContaining('line 5') })]);
  });
});

describe('parseGabinetto', () => {
  const text = [' TITOLO ', '', 'STRUTTURA ORGANIZZATIVA COMPETENZE', 'AREA UNO', '', 'E DUE', ' Prima voce tecnico-', 'amministrativa', '', 'Continua con Maiuscola', ' Seconda voce:', '- sotto uno', 'che prosegue', '- sotto due', 'UFFICIO TRE', ' Terza voce'].join('\n');
  const parsed = parseGabinetto(text, 'doc');

  it('joins a heading split over lines and a bullet wrapped over lines, blank lines and a hyphen', () => {
    expect(parsed.title).toBe('TITOLO');
    expect(parsed.sections.map((s) => s.heading)).toEqual(['AREA UNO E DUE', 'UFFICIO TRE']);
    expect(parsed.sections[0]!.competencies.map((c) => c.text)).toEqual([
      'Prima voce tecnico-amministrativa Continua con Maiuscola',
      'Seconda voce:\n- sotto uno che prosegue\n- sotto due',
    ]);
    expect(parsed.sections[1]!.competencies).toEqual([{ text: 'Terza voce', fromLine: 16, toLine: 16 }]);
  });

  it('reports the split heading and the sub-items', () => {
    const kinds = parsed.anomalies.map((a) => a.kind);
    expect(kinds).toContain('heading-split');
    expect(kinds).toContain('dash-sub-items');
  });
});

describe('text helpers and yearly revisions', () => {
  it('tells a punctuation-only difference from a change of words', () => {
    expect(differsOnlyInPunctuation('Olimpiadi Milano-Cortina 2026', 'Olimpiadi Milano - Cortina 2026')).toBe(true);
    expect(differsOnlyInPunctuation('ad es. quelli PNRR', 'ad es quelli PNRR')).toBe(true);
    expect(differsOnlyInPunctuation('istanze/domande', 'istanza/domande')).toBe(false);
    expect(joinWrappedLines(['customer-', 'satisfaction  e  altro'])).toBe('customer-satisfaction e altro');
  });

  it('revises from the first year whose wording changes, skipping a gap year and typographic changes', () => {
    const where = { document: 'doc', location: 'line 1' };
    expect(yearRevisions({ '2024': 'A b', '2025': 'A, b', '2026': 'C' }, where).revisions).toEqual([{ year: '2026', title: 'C' }]);
    expect(yearRevisions({ '2024': 'A', '2026': 'B' }, where).revisions).toEqual([{ year: '2026', title: 'B' }]);
    const cut = yearRevisions({ '2024': 'Testo', '2025': 'Testo d' }, where);
    expect(cut.revisions).toEqual([]);
    expect(cut.anomalies.map((a) => a.kind)).toEqual(['truncated-cell', 'punctuation-only-difference']);
  });
});
