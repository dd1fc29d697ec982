// Types of chart-diff.js, for the unit tests that import it from TypeScript.
export interface DiffUnit {
  unitId: string;
  name: string;
  parentId: string | null;
}

export interface ChartDiff<U extends DiffUnit> {
  added: U[];
  gone: U[];
  renamed: { unit: U; previousName: string }[];
  moved: { unit: U; previousParentId: string | null }[];
}

export function diffCharts<U extends DiffUnit>(before: U[], after: U[]): ChartDiff<U>;
export function marksByUnit<U extends DiffUnit>(diff: ChartDiff<U>): Map<string, { added?: true; renamed?: string; moved?: string | null }>;
