/**
 * `fields=`: an answer's items with only the fields a client asked for (e.g. an org chart
 * without its competencies). The identity fields are always kept — a unit's unitId and
 * parentId (the tree shape nests by them), an objective's objectiveId — so an item stays
 * addressable; everything else the OpenAPI marks required is returned unless left out by name.
 */
import type { ObjectiveView, UnitView } from '../../projections/views.ts';

export const UNIT_FIELDS = ['name', 'kind', 'competencies', 'head', 'evidence'] as const satisfies readonly (keyof UnitView)[];
export const OBJECTIVE_FIELDS = ['unitId', 'title', 'titleEvidence', 'status', 'plan', 'years', 'yearsEvidence', 'description', 'links', 'matrix', 'planItems', 'effectiveFrom', 'indicators', 'revision', 'evidence'] as const satisfies readonly (keyof ObjectiveView)[];
export type UnitField = (typeof UNIT_FIELDS)[number];
export type ObjectiveField = (typeof OBJECTIVE_FIELDS)[number];
export const UNIT_IDENTITY = ['unitId', 'parentId'] as const;
export const OBJECTIVE_IDENTITY = ['objectiveId'] as const;

export function selectFields<T extends object>(item: T, fields: readonly string[], identity: readonly string[]): T {
  const out: Record<string, unknown> = {};
  // provenance (asked for with provenance=true) stays with whatever it annotates.
  for (const [name, value] of Object.entries(item)) if (identity.includes(name) || fields.includes(name) || name === 'provenance') out[name] = value;
  return out as T;
}

// Every field of a view is either identity or selectable: a field added to a view and not here fails to compile.
export const UNIT_FIELDS_COMPLETE: Exclude<keyof UnitView, UnitField | (typeof UNIT_IDENTITY)[number]> extends never ? true : never = true;
export const OBJECTIVE_FIELDS_COMPLETE: Exclude<keyof ObjectiveView, ObjectiveField | (typeof OBJECTIVE_IDENTITY)[number]> extends never ? true : never = true;
