/**
 * With `provenance=true`, the rows of an export also say where their facts come from: the
 * distinct acts of the row's facts (`factActIds`, joined by " | "), whether any of them is
 * `approximate` or `inferred` (filterable in a spreadsheet), and the full provenance as JSON.
 * Without it the answer has no provenance and the columns are left out.
 */
import type { FactProvenance } from '../../read/provenance.ts';
import type { CsvCell } from './csv.ts';

export const PROVENANCE_COLUMNS = ['factActIds', 'approximate', 'inferred', 'provenance'];

function isFact(value: object): value is FactProvenance {
  return 'eventId' in value && 'approximate' in value;
}

/** Every fact provenance in a provenance value, however nested (an objective's years). */
function factsIn(value: unknown): FactProvenance[] {
  if (typeof value !== 'object' || value === null) return [];
  if (isFact(value)) return [value];
  return Object.values(value).flatMap(factsIn);
}

export function hasProvenance(view: object | undefined): boolean {
  return view !== undefined && 'provenance' in view;
}

export function provenanceCells(provenance: unknown): CsvCell[] {
  const facts = factsIn(provenance);
  const actIds = [...new Set(facts.map((f) => f.act?.id).filter((id): id is string => id !== undefined))];
  return [actIds.join(' | '), facts.some((f) => f.approximate), facts.some((f) => f.inferred), JSON.stringify(provenance)];
}
