/**
 * From one plan row's statements per year to the revisions of the objective's wording.
 * Each filled year is compared with the previous filled year (a gap year is skipped):
 * the same text, or a text that differs only in punctuation/spacing/case, or only by a cut-off
 * trailing letter, keeps the wording (and is reported); any other difference is a revision
 * of the wording from that plan year on.
 */
import type { Anomaly } from './anomaly.ts';
import { comparableForm, differsOnlyInPunctuation } from './normalize-text.ts';
import { PLAN_YEARS, type PlanYear } from './parse-pdo-tables.ts';

export interface YearRevision<Y extends string = PlanYear> {
  year: Y;
  title: string;
}

/** A cell ending in a lone letter that is not an Italian one-letter word (a, e, i, o): a cut-off word. */
const CUT_OFF = /\s[b-df-hj-np-z]$/i;

/** `planYears`: the plan's years in order (the PDO 2024-2026's by default; the plan-table importer passes its own). */
export function yearRevisions<Y extends string = PlanYear>(
  years: Partial<Record<Y, string>>,
  where: { document: string; location: string },
  planYears: readonly Y[] = PLAN_YEARS as readonly string[] as readonly Y[],
): { revisions: YearRevision<Y>[]; anomalies: Anomaly[] } {
  const revisions: YearRevision<Y>[] = [];
  const anomalies: Anomaly[] = [];
  let previous: { year: Y; statement: string } | undefined;
  for (const year of planYears) {
    const statement = years[year];
    if (statement === undefined) continue;
    if (CUT_OFF.test(statement)) {
      anomalies.push({
        ...where,
        kind: 'truncated-cell',
        description: `the ${year} cell ends with a cut-off fragment "${statement.slice(-2).trim()}"`,
        action: 'kept verbatim in the plan year; compared with the other years without the fragment',
      });
    }
    if (previous) {
      const current = statement.replace(CUT_OFF, '');
      const before = previous.statement.replace(CUT_OFF, '');
      if (differsOnlyInPunctuation(current, before) || (current === before && statement !== previous.statement)) {
        anomalies.push({
          ...where,
          kind: 'punctuation-only-difference',
          description: `the ${year} statement differs from the ${previous.year} one only in punctuation, spacing, case or a cut-off fragment`,
          action: `each year keeps its verbatim text; no revision of the objective is recorded for ${year}`,
        });
      } else if (comparableForm(current) !== comparableForm(before)) {
        revisions.push({ year, title: statement });
      }
    }
    previous = { year, statement };
  }
  return { revisions, anomalies };
}
