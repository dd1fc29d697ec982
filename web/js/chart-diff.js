// Differences between two org charts (flat lists of units), from `before` to `after`:
// units added, gone, renamed (name differs) and moved (parent differs). Pure: no I/O.
export function diffCharts(before, after) {
  const old = new Map(before.map((unit) => [unit.unitId, unit]));
  const now = new Map(after.map((unit) => [unit.unitId, unit]));
  const added = after.filter((unit) => !old.has(unit.unitId));
  const gone = before.filter((unit) => !now.has(unit.unitId));
  const renamed = [];
  const moved = [];
  for (const unit of after) {
    const previous = old.get(unit.unitId);
    if (!previous) continue;
    if (previous.name !== unit.name) renamed.push({ unit, previousName: previous.name });
    if (previous.parentId !== unit.parentId) moved.push({ unit, previousParentId: previous.parentId });
  }
  return { added, gone, renamed, moved };
}

/** Per unit id, the marks the tree shows: 'added', 'renamed', 'moved'. */
export function marksByUnit(diff) {
  const marks = new Map();
  const mark = (unitId, kind, detail) => marks.set(unitId, { ...marks.get(unitId), [kind]: detail });
  diff.added.forEach((unit) => mark(unit.unitId, 'added', true));
  diff.renamed.forEach(({ unit, previousName }) => mark(unit.unitId, 'renamed', previousName));
  diff.moved.forEach(({ unit, previousParentId }) => mark(unit.unitId, 'moved', previousParentId));
  return marks;
}
