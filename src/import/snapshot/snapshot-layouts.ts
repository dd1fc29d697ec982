/**
 * The two snapshot layouts (docs/import.md, "Snapshots"): which header is which layout, how its
 * columns map to a unit row, and which unit kind a row names. Pure.
 *
 * - `indicepa`: the IndicePA open-data "Unità organizzative" export (one row per unit of every
 *   body; filtered to one Codice_IPA). Every other column is kept in the source record.
 * - `organigramma`: orgtrail's generic layout (Italian or English column names), one row per
 *   unit or one row per competency of a unit.
 */

export type SnapshotLayout = 'indicepa' | 'organigramma';

/** A unit as one snapshot lists it. */
export interface SnapshotUnit {
  unitId: string;
  name: string;
  parentId: string | null;
  kind: string;
  head: { person: string; title: string | null } | null;
  competencies: string[];
  /** 1-based line of the row (CSV line / worksheet row) that first lists the unit. */
  line: number;
}

/** The logical fields of a row, by layout column. */
export type RowField = 'snapshotDate' | 'unitId' | 'parentId' | 'name' | 'kind' | 'headFirstName' | 'headLastName' | 'head' | 'headTitle' | 'competency' | 'orgCode';

export interface LayoutColumns {
  layout: SnapshotLayout;
  /** Header index of each field the file has. */
  index: Partial<Record<RowField, number>>;
  /** Header names the import reads. */
  used: string[];
  /** Header names it does not read (kept in the source record). */
  ignored: string[];
}

export const INDICEPA_REQUIRED = ['Codice_IPA', 'Codice_uni_uo', 'Codice_uni_uo_padre', 'Descrizione_uo'] as const;

const INDICEPA_FIELDS: Partial<Record<RowField, string>> = {
  orgCode: 'Codice_IPA',
  unitId: 'Codice_uni_uo',
  parentId: 'Codice_uni_uo_padre',
  name: 'Descrizione_uo',
  headFirstName: 'Nome_responsabile',
  headLastName: 'Cognome_responsabile',
  snapshotDate: 'Data_aggiornamento',
};

/** Generic layout: each field's accepted column names (case and spaces/underscores ignored). */
const ORGANIGRAMMA_FIELDS: Partial<Record<RowField, string[]>> = {
  snapshotDate: ['data_istantanea', 'snapshot_date', 'data'],
  unitId: ['codice', 'codice_unita', 'unit_code'],
  parentId: ['codice_padre', 'parent_code'],
  name: ['denominazione', 'nome', 'name'],
  kind: ['tipo', 'kind'],
  head: ['responsabile', 'head'],
  headTitle: ['incarico', 'head_title'],
  competency: ['competenza', 'competency'],
};
export const ORGANIGRAMMA_REQUIRED: RowField[] = ['unitId', 'parentId', 'name', 'kind'];

const normalise = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** The layout of a header row, or the reason none fits. */
export function detectLayout(header: string[]): LayoutColumns | { problem: string } {
  const trimmed = header.map((h) => h.trim());
  if (trimmed.includes('Codice_uni_uo')) {
    const missing = INDICEPA_REQUIRED.filter((c) => !trimmed.includes(c));
    if (missing.length > 0) return { problem: `IndicePA layout without the column(s) ${missing.join(', ')}` };
    const index: LayoutColumns['index'] = {};
    for (const [field, column] of Object.entries(INDICEPA_FIELDS) as [RowField, string][]) {
      const i = trimmed.indexOf(column);
      if (i >= 0) index[field] = i;
    }
    return withUsage('indicepa', index, trimmed);
  }
  const names = trimmed.map(normalise);
  const index: LayoutColumns['index'] = {};
  for (const [field, aliases] of Object.entries(ORGANIGRAMMA_FIELDS) as [RowField, string[]][]) {
    const i = names.findIndex((n) => aliases.includes(n));
    if (i >= 0) index[field] = i;
  }
  const missing = ORGANIGRAMMA_REQUIRED.filter((f) => index[f] === undefined);
  if (missing.length === ORGANIGRAMMA_REQUIRED.length) {
    return { problem: `unknown column layout: neither IndicePA (${INDICEPA_REQUIRED.join(', ')}) nor organigramma (codice, codice_padre, denominazione, tipo)` };
  }
  if (missing.length > 0) {
    return { problem: `organigramma layout without the column(s) ${missing.map((f) => ORGANIGRAMMA_FIELDS[f]![0]).join(', ')}` };
  }
  return withUsage('organigramma', index, trimmed);
}

function withUsage(layout: SnapshotLayout, index: LayoutColumns['index'], header: string[]): LayoutColumns {
  const usedIndexes = new Set(Object.values(index));
  return { layout, index, used: header.filter((_, i) => usedIndexes.has(i)), ignored: header.filter((h, i) => !usedIndexes.has(i) && h !== '') };
}

/**
 * The kind of an IndicePA unit. The offices every body must list (electronic invoicing, the
 * digital transition office) are kinds of their own, never directorates; other units take the
 * kind their name opens with (Direzione, Area, Settore, Servizio, Ufficio...).
 */
export function indicePaKind(name: string): string {
  const n = name.trim().toLowerCase().replace(/[_\s]+/g, ' ');
  if (/^uff(icio)? ?e ?fattura ?pa\b|fatturazione elettronica/.test(n)) return 'ufficio-fatturazione-elettronica';
  if (/transizione (al )?digitale/.test(n)) return 'ufficio-transizione-digitale';
  const first = n.split(' ')[0] ?? '';
  const prefixes: [RegExp, string][] = [
    [/^direzion[ei]$/, 'direzione'],
    [/^area$/, 'area'],
    [/^settore$/, 'settore'],
    [/^servizio$/, 'servizio'],
    [/^ufficio$/, 'ufficio'],
    [/^unit[aà]$/, 'unita'],
    [/^segreteria$/, 'segreteria'],
    [/^gabinetto$/, 'gabinetto'],
    [/^dipartimento$/, 'dipartimento'],
    [/^municipio$/, 'municipio'],
  ];
  return prefixes.find(([re]) => re.test(first))?.[1] ?? 'unita-organizzativa';
}

/** A calendar date from a cell: YYYY-MM-DD (optionally with a time), DD/MM/YYYY or DD-MM-YYYY; null if none. */
export function cellDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : (m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?$/.exec(v)) ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
  if (iso === null) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}
