/**
 * The pure parts of the web page (web/js), run in Node: Italian dates entered and shown
 * whatever the locale, the organigram's order, what a comparison marks on each box, and the
 * lines a provenance location or a qualifier's reason cites.
 */
import { describe, expect, it } from 'vitest';
import { marksOf } from '../../web/js/chart-marks.js';
import { errorLabel, evidenceStatusOf, plural, qualifiedFieldLabel, unitKindLabel } from '../../web/js/catalogue.js';
import { formatInstant, formatShortDate, parseItalianDate, parseItalianInstant } from '../../web/js/format.js';
import { orderTree } from '../../web/js/org-order.js';

describe('Italian dates', () => {
  it('reads gg/mm/aaaa and refuses impossible dates', () => {
    expect(parseItalianDate('01/06/2024')).toBe('2024-06-01');
    expect(parseItalianDate('1/6/2024')).toBe('2024-06-01');
    expect(parseItalianDate('29/02/2023')).toBeNull();
    expect(parseItalianDate('2024-06-01')).toBeNull();
    expect(formatShortDate('2024-06-01')).toBe('01/06/2024');
  });

  it('reads an instant in Europe/Rome (summer and winter time), a date alone being the end of that day', () => {
    expect(parseItalianInstant('01/07/2024 14:30')).toBe('2024-07-01T12:30:00.000Z');
    expect(parseItalianInstant('01/12/2024 14:30:05')).toBe('2024-12-01T13:30:05.000Z');
    expect(parseItalianInstant('01/12/2024')).toBe('2024-12-01T22:59:59.000Z');
    expect(parseItalianInstant('01/12/2024 25:00')).toBeNull();
    expect(formatInstant('2024-07-01T12:30:00.000Z')).toBe('01/07/2024 14:30:00');
  });
});

describe('the organigram order', () => {
  interface Node {
    unitId: string;
    name: string;
    kind: string;
    children: Node[];
  }
  const unit = (unitId: string, name: string, kind: string, children: Node[] = []): Node => ({ unitId, name, kind, children });

  it('puts the Direzione Generale and the Segreteria Generale first, then directorates by name, other kinds after, at every level', () => {
    const roots = [
      unit('a', 'Area Servizio di Presidenza', 'area'),
      unit('z', 'Direzione Welfare e Salute', 'direzione', [unit('u2', 'Ufficio B', 'ufficio'), unit('a2', 'Area A', 'area')]),
      unit('sg', 'Segreteria Generale', 'segreteria'),
      unit('b', 'Direzione Avvocatura', 'direzione'),
      unit('dg', 'DIREZIONE GENERALE', 'direzione'),
      unit('e', 'Direzione Éducazione', 'direzione'),
    ];
    const ordered = orderTree(roots);
    expect(ordered.map((u) => u.unitId)).toEqual(['dg', 'sg', 'b', 'e', 'z', 'a']);
    expect(ordered[4]!.children.map((u) => u.unitId)).toEqual(['a2', 'u2']);
  });
});

describe('comparison marks', () => {
  it('marks new, renamed, moved units, head changes and competency counts, in Italian', () => {
    const names = new Map([['dg', 'Direzione Generale'], ['cult', 'Direzione Cultura']]);
    const marks = marksOf(
      [
        { change: 'unit-established', unitId: 'new', from: null, to: 'Nuova Direzione' },
        { change: 'unit-renamed', unitId: 'cult', from: 'Direzione Cultura e Musei', to: 'Direzione Cultura' },
        { change: 'unit-moved', unitId: 'cult', from: null, to: 'dg' },
        { change: 'head-changed', unitId: 'cult', from: null, to: 'Maria Bianchi (Direttrice)' },
        { change: 'competency-assigned', unitId: 'cult', from: null, to: 'cult' },
        { change: 'competency-assigned', unitId: 'cult', from: null, to: 'cult' },
        { change: 'competency-moved', unitId: 'dg', from: 'cult', to: 'dg' },
      ],
      names,
    );
    expect([...marks.get('new')!.kinds]).toEqual(['added']);
    expect(marks.get('cult')!.labels).toEqual([
      'Rinominata, prima: Direzione Cultura e Musei',
      'Spostata, prima sotto: nessuna (vertice)',
      'Responsabile: nessuno → Maria Bianchi (Direttrice)',
      'Competenze: +2 −1',
    ]);
    expect(marks.get('dg')!.labels).toEqual(['Competenze: +1']);
  });
});

describe('the catalogue', () => {
  it('names kinds, fields, statuses and errors in Italian, with a readable fallback', () => {
    expect(unitKindLabel('unita')).toBe('Unità');
    expect(unitKindLabel('unita-operativa-complessa')).toBe('Unita operativa complessa');
    expect(qualifiedFieldLabel('changes/1/parentId')).toBe('dipendenza');
    expect(qualifiedFieldLabel('effectiveFrom')).toBe('data di validità');
    expect(evidenceStatusOf({ status: 'carried-forward' })).toBe('carried-forward');
    expect(evidenceStatusOf({ status: 'rumoured' })).toBeNull();
    expect(errorLabel('too_many_requests')).toBe('Troppe richieste: attendi qualche secondo');
    expect(plural(1, 'competency')).toBe('1 competenza');
    expect(plural(3, 'competency')).toBe('3 competenze');
  });
});
