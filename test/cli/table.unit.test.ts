/** Human tables: aligned columns, indentation kept, long text cut to fit the width. */
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/cli/table.ts';

describe('renderTable', () => {
  it('aligns columns under their headers, numbers to the right, and keeps leading indentation', () => {
    const table = renderTable([{ header: 'unit' }, { header: 'n', align: 'right' }], [['Direzione', '12'], ['  Ufficio', '3']], 80);
    expect(table.split('\n')).toEqual(['unit        n', '─────────  ──', 'Direzione  12', '  Ufficio   3']);
  });

  it('cuts the widest column with an ellipsis so that every line fits, and flattens line breaks', () => {
    const long = 'Gestione degli archivi\ne del protocollo generale del Comune';
    const lines = renderTable([{ header: 'id' }, { header: 'text', minWidth: 10 }], [['c-1', long]], 30).split('\n');
    expect(lines.every((line) => line.length <= 30)).toBe(true);
    expect(lines[2]).toBe('c-1  Gestione degli archivi e…');
  });
});
