/**
 * Attaches the rows of the 2024 public-value matrix to the 2024 objectives of the tables.
 * A row names its directorate and repeats the objective's 2024 wording, not its ID, and the
 * wording is not always the table's: a row is matched, within its directorate only, to the
 * objective whose 2024 statement is the same text, else the same text but for punctuation,
 * else the most similar one by words if the similarity is at least MIN_SIMILARITY and no
 * other objective is as close. Every match that is not verbatim, and every row left
 * unmatched, is reported; an unmatched row attaches nothing.
 */
import type { MatrixRow as ObjectiveMatrixRow } from '../../src/commands/command-types.ts';
import type { Anomaly } from './anomaly.ts';
import { comparableForm, wordSimilarity } from './normalize-text.ts';
import type { MatrixRow } from './parse-value-matrix.ts';

export const MIN_SIMILARITY = 0.6;

export interface MatrixCandidate {
  objectiveId: string;
  unitId: string;
  statement2024: string;
}

export interface MatrixMatch {
  objectiveId: string;
  /** The row as one object: its programma operativo, dimension and driver stay together. */
  row: ObjectiveMatrixRow;
}

export function matchMatrixRows(
  rows: readonly MatrixRow[],
  candidates: readonly MatrixCandidate[],
  unitOf: (printedName: string) => string | undefined,
  document: string,
): { matches: MatrixMatch[]; anomalies: Anomaly[] } {
  const matches: MatrixMatch[] = [];
  const anomalies: Anomaly[] = [];
  const canonical = canonicalLabels(rows, document, anomalies);
  anomalies.push(...similarProgrammi(rows, document));
  for (const row of rows) {
    const location = `line ${row.line}, matrix page ${row.page}`;
    const unitId = unitOf(row.directorate);
    const own = candidates.filter((c) => c.unitId === unitId);
    const verbatim = own.find((c) => c.statement2024 === row.objective);
    const samePunctuation = own.find((c) => comparableForm(c.statement2024) === comparableForm(row.objective));
    const scored = own.map((c) => ({ c, score: wordSimilarity(c.statement2024, row.objective) })).sort((a, b) => b.score - a.score);
    const best = scored[0];
    const similar = best && best.score >= MIN_SIMILARITY && (scored[1]?.score ?? 0) < best.score ? best.c : undefined;
    const match = verbatim ?? samePunctuation ?? similar;
    if (!match) {
      anomalies.push({
        document,
        location,
        kind: 'matrix-row-unmatched',
        description: `no 2024 objective of "${row.directorate}" matches "${row.objective}"`,
        action: 'the row is not attached to any objective',
      });
      continue;
    }
    if (!verbatim) {
      const how = samePunctuation ? 'differs only in punctuation, spacing or case' : `differs in words (similarity ${best!.score.toFixed(2)})`;
      anomalies.push({
        document,
        location,
        kind: 'matrix-text-variant',
        description: `the matrix wording "${row.objective}" ${how} from the table's 2024 statement of ${match.objectiveId}: "${match.statement2024}"`,
        action: `attached to ${match.objectiveId}; the table's wording is the objective's statement`,
      });
    }
    matches.push({
      objectiveId: match.objectiveId,
      row: { programmaOperativo: row.programma, dimension: canonical(row.dimension), driver: canonical(row.driver), year: 2024, line: row.line },
    });
  }
  return { matches, anomalies };
}

/**
 * Dimension and driver labels printed with different capitals ("Pari opportunità" /
 * "Pari Opportunità") are one label: the most frequent spelling wins (the first seen on a tie).
 */
function canonicalLabels(rows: readonly MatrixRow[], document: string, anomalies: Anomaly[]): (label: string) => string {
  const spellings = new Map<string, Map<string, number[]>>();
  for (const row of rows) {
    for (const label of [row.dimension, row.driver]) {
      const key = comparableForm(label);
      const byText = spellings.get(key) ?? new Map<string, number[]>();
      byText.set(label, [...(byText.get(label) ?? []), row.line]);
      spellings.set(key, byText);
    }
  }
  const chosen = new Map<string, string>();
  for (const [key, byText] of spellings) {
    const ranked = [...byText].sort((a, b) => b[1].length - a[1].length);
    chosen.set(key, ranked[0]![0]);
    if (ranked.length > 1) {
      anomalies.push({
        document,
        location: ranked.slice(1).map(([text, lines]) => `"${text}" at lines ${lines.join(', ')}`).join('; '),
        kind: 'matrix-label-variant',
        description: `one matrix label spelt ${ranked.length} ways: ${ranked.map(([text, lines]) => `"${text}" (${lines.length})`).join(', ')}`,
        action: `imported as "${ranked[0]![0]}", the most frequent spelling`,
      });
    }
  }
  return (label) => chosen.get(comparableForm(label)) ?? label;
}

/** Programma names that differ by a word or so ("…dell'attrattività…" / "…dell'attività…"): reported, kept as printed. */
function similarProgrammi(rows: readonly MatrixRow[], document: string): Anomaly[] {
  const names = [...new Set(rows.map((r) => r.programma))];
  return names.flatMap((a, i) =>
    names
      .slice(i + 1)
      .filter((b) => wordSimilarity(a, b) >= 0.9)
      .map((b) => ({
        document,
        location: `lines ${rows.filter((r) => r.programma === a || r.programma === b).map((r) => r.line).join(', ')}`,
        kind: 'matrix-label-variant' as const,
        description: `two programmi operativi differ by a word: "${a}" / "${b}"`,
        action: 'kept as printed: the plan may mean two programmi, and no document says which spelling is right',
      })),
  );
}
