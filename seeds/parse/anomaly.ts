/**
 * An irregularity found in a source document, and what the importer did about it.
 * Parsers return them next to the records they extract; curated data files carry the
 * ones a person found by reading. `npm run seed:report` prints them all (seeds/report.ts).
 */
export const ANOMALY_KINDS = [
  'garbled-header',
  'unparseable-row',
  'punctuation-only-difference',
  'truncated-cell',
  'unit-name-variant',
  'shared-objective',
  'similar-objectives',
  'near-duplicate-objectives',
  'mutual-collaboration',
  'gap-year',
  'matrix-text-variant',
  'matrix-label-variant',
  'matrix-row-unmatched',
  'objective-without-matrix-row',
  'heading-split',
  'bullet-glyph-lost',
  'wrapped-line',
  'page-break-residue',
  'dash-sub-items',
  'spacing',
  'page-marker-style',
  'number-format',
  'stray-character',
  'missing-date',
  'open-ended',
  'inferred-structure',
  'inferred-parent',
  'inferred-identity',
  'announced',
  'not-imported',
] as const;

export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface Anomaly {
  /** Source file name under seeds/sources/, e.g. "004_5b26e6e327395384.txt". */
  document: string;
  /** Line numbers and, for tables, the table's title. */
  location: string;
  kind: AnomalyKind;
  description: string;
  /** What the extractor or the importer did about it. */
  action: string;
}
