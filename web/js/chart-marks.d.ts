// Types of chart-marks.js, for the unit tests.
export interface DiffRow {
  change: string;
  unitId: string | null;
  from: string | null;
  to: string | null;
}
export function marksOf(changes: DiffRow[], names: Map<string, string>): Map<string, { kinds: Set<string>; labels: string[] }>;
