// What a comparison marks on each box of the organigram: from the rows of the API's diff
// (GET /orgs/:org/org-chart/diff), per unit the kinds of change (the box's classes) and one
// Italian line per change (units, heads, competencies counted). Pure: no DOM, no I/O.
/** Per unit, what the diff changed: classes for the box and Italian lines naming each change. */
export function marksOf(changes, names) {
  const marks = new Map();
  const name = (id) => (id ? (names.get(id) ?? id) : 'nessuna (vertice)');
  const competencyCounts = new Map();
  const add = (unitId, kind, label) => {
    if (!unitId) return;
    const mark = marks.get(unitId) ?? { kinds: new Set(), labels: [] };
    mark.kinds.add(kind);
    if (label) mark.labels.push(label);
    marks.set(unitId, mark);
  };
  for (const row of changes) {
    switch (row.change) {
      case 'unit-established':
        add(row.unitId, 'added', 'Nuova');
        break;
      case 'unit-renamed':
        add(row.unitId, 'renamed', `Rinominata, prima: ${row.from}`);
        break;
      case 'unit-moved':
        add(row.unitId, 'moved', `Spostata, prima sotto: ${name(row.from)}`);
        break;
      case 'unit-reclassified':
        add(row.unitId, 'reclassified', `Tipo cambiato, prima: ${row.from}`);
        break;
      case 'head-changed':
        add(row.unitId, 'head', `Responsabile: ${row.from ?? 'nessuno'} → ${row.to ?? 'nessuno'}`);
        break;
      case 'unit-dissolved':
      case 'unit-annulled':
        break;
      default: {
        const counts = competencyCounts.get(row.unitId) ?? { plus: 0, minus: 0, changed: 0 };
        if (row.change === 'competency-withdrawn') counts.minus += 1;
        else if (row.change === 'competency-text-changed') counts.changed += 1;
        else counts.plus += 1;
        competencyCounts.set(row.unitId, counts);
        if (row.change === 'competency-moved') {
          const fromCounts = competencyCounts.get(row.from) ?? { plus: 0, minus: 0, changed: 0 };
          fromCounts.minus += 1;
          competencyCounts.set(row.from, fromCounts);
        }
      }
    }
  }
  for (const [unitId, { plus, minus, changed }] of competencyCounts) {
    add(unitId, 'competencies', `Competenze: ${[plus ? `+${plus}` : null, minus ? `−${minus}` : null, changed ? `${changed} riformulate` : null].filter(Boolean).join(' ')}`);
  }
  return marks;
}

