/** Human tables: aligned columns, indentation kept, long text wrapped (never cut) to fit the width, ids whole. */
import { describe, expect, it } from 'vitest';
import { renderTable, wrapText } from '../../src/cli/table.ts';

describe('renderTable', () => {
  it('aligns columns under their headers, numbers to the right, and keeps leading indentation', () => {
    const table = renderTable([{ header: 'unit' }, { header: 'n', align: 'right' }], [['Direzione', '12'], ['  Ufficio', '3']], 80);
    expect(table.split('\n')).toEqual(['unit        n', '─────────  ──', 'Direzione  12', '  Ufficio   3']);
  });

  it('wraps long text onto further lines so that every line fits, losing no word, and flattens line breaks', () => {
    const long = 'Gestione degli archivi\ne del protocollo generale del Comune';
    const lines = renderTable([{ header: 'id' }, { header: 'text', wrap: true, minWidth: 10 }], [['c-1', long]], 30).split('\n');
    expect(lines.every((line) => line.length <= 30)).toBe(true);
    expect(lines[2]).toBe('c-1  Gestione degli archivi e');
    expect(lines.slice(2).map((line) => line.slice(5).trim()).join(' ')).toBe('Gestione degli archivi e del protocollo generale del Comune');
    expect(lines.join('\n')).not.toContain('…');
  });

  it('never cuts an id: id columns keep their whole width even past the terminal width', () => {
    const id = 'dir-marketing-metropolitano-e-relazioni-internazionali';
    const lines = renderTable([{ header: 'id' }, { header: 'name', wrap: true }], [[id, 'Direzione Marketing Metropolitano']], 40).split('\n');
    expect(lines[2]!.startsWith(`${id}  `)).toBe(true);
  });

  it('with an infinite width (--wide) keeps every row on one line', () => {
    const long = 'parola '.repeat(40).trim();
    expect(renderTable([{ header: 'text', wrap: true }], [[long]], Number.POSITIVE_INFINITY).split('\n')).toHaveLength(3);
  });
});

describe('wrapText', () => {
  it('keeps the indentation of a tree line and indents its continuation two more', () => {
    expect(wrapText('    Ufficio relazioni con il pubblico', 20)).toEqual(['    Ufficio', '      relazioni con', '      il pubblico']);
  });

  it('splits a word longer than the width rather than cutting it', () => {
    const lines = wrapText('x'.repeat(25), 10);
    expect(lines.join('').replace(/ /g, '')).toBe('x'.repeat(25));
    expect(lines.every((line) => line.length <= 10)).toBe(true);
  });
});
