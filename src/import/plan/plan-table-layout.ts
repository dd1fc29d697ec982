/**
 * The plan-table layout (docs/import.md, "Plan tables"): which header names mean which column.
 * A header is recognised by its comparable form (seeds/parse/normalize-text.ts: case, accents
 * kept, punctuation and spacing ignored), so "Programma Operativo", "programma operativo" and
 * "Programma  operativo:" are one column. Every column of a file must be recognised: an
 * unknown header is refused, never silently dropped.
 */
import { comparableForm } from '../../../seeds/parse/normalize-text.ts';

export type PlanColumn =
  | 'directorate'
  | 'unitCode'
  | 'id'
  | 'description'
  | 'programma'
  | 'dimension'
  | 'driver'
  | 'matrixYear'
  | 'sharedCode'
  | 'sharedTitle'
  | 'indicatorId'
  | 'indicator'
  | 'indicatorKind'
  | 'indicatorUnit'
  | 'target';

/** Each column: the header the exporter writes first, then the other names accepted. */
export const PLAN_COLUMNS: Record<PlanColumn, readonly string[]> = {
  directorate: ['Direzione', 'Direzioni', 'Struttura', 'Directorate'],
  unitCode: ['Codice struttura', 'Codice unità', 'Unit ID'],
  id: ['ID', 'ID obiettivo', 'N.', 'Numero', 'Objective ID'],
  description: ['Descrizione', 'Descrizione obiettivo', 'Description'],
  programma: ['Programma operativo', 'Programmi operativi', 'Operational programme'],
  dimension: ['Dimensione', 'Dimensioni', 'Dimensione valore pubblico', 'Dimension'],
  driver: ['Driver', 'Driver valore pubblico'],
  matrixYear: ['Anno matrice', 'Matrix year'],
  sharedCode: ['Codice obiettivo condiviso', 'Shared objective code'],
  sharedTitle: ['Obiettivo condiviso', 'Shared objective'],
  indicatorId: ['Codice indicatore', 'Indicator ID'],
  indicator: ['Indicatore', 'Indicatori', 'Indicator'],
  indicatorKind: ['Tipo indicatore', 'Indicator kind'],
  indicatorUnit: ['Unità di misura', 'Unità', 'Unit of measure'],
  target: ['Target', 'Valore atteso', 'Valore obiettivo'],
};

export const REQUIRED_COLUMNS: readonly PlanColumn[] = ['directorate', 'id'];

/** "Obiettivi Anno 2025", "Anno 2025", "Obiettivi 2025", "2025", "Objectives 2025", "Year 2025". */
const YEAR_HEADER = /^(?:(?:obiettivi|objectives)\s+)?(?:(?:anno|year)\s+)?(\d{4})$/;
/** A header that announces a year column but whose year cannot be read ("Obiettivi Anno 20X5"). */
const YEAR_LIKE = /^(?:obiettivi|objectives|anno|year)\b/;

export const YEAR_HEADER_EXAMPLE = 'Obiettivi Anno 2025';

const byForm = new Map<string, PlanColumn>(
  (Object.entries(PLAN_COLUMNS) as [PlanColumn, readonly string[]][]).flatMap(([column, names]) => names.map((name) => [comparableForm(name), column] as const)),
);

export type HeaderMeaning = { kind: 'column'; column: PlanColumn } | { kind: 'year'; year: string } | { kind: 'bad-year' } | { kind: 'unknown' };

export function headerMeaning(header: string): HeaderMeaning {
  const form = comparableForm(header);
  const column = byForm.get(form);
  if (column) return { kind: 'column', column };
  const year = YEAR_HEADER.exec(form);
  if (year) return { kind: 'year', year: year[1]! };
  return YEAR_LIKE.test(form) ? { kind: 'bad-year' } : { kind: 'unknown' };
}

/** The header names the exporter writes (the first of each column), for messages and docs. */
export function acceptedHeaders(): string {
  return [...Object.values(PLAN_COLUMNS).map((names) => names[0]!), YEAR_HEADER_EXAMPLE].join(', ');
}
