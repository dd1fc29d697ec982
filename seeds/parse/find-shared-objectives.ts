/**
 * Shared objectives of a plan: one statement (the same text but for punctuation, spacing and
 * case) that is an objective of two or more directorates, in any plan year. Each directorate
 * keeps its own objective; the group gets a code, numbered in order of first appearance, so
 * that the objectives can be linked to one another. Statements that are close but not the
 * same across directorates are reported, not grouped.
 */
import type { Anomaly } from './anomaly.ts';
import { comparableForm, wordSimilarity } from './normalize-text.ts';
import { PLAN_YEARS, type PlanYear } from './parse-pdo-tables.ts';

export const SIMILAR_THRESHOLD = 0.9;

export interface StatementHolder {
  objectiveId: string;
  unitId: string;
  line: number;
  years: Partial<Record<PlanYear, string>>;
}

export interface SharedObjective {
  code: string;
  /** The statement as first printed. */
  statement: string;
  members: { objectiveId: string; unitId: string; line: number; years: PlanYear[] }[];
}

export function findSharedObjectives(
  holders: readonly StatementHolder[],
  codePrefix: string,
  document: string,
): { shared: SharedObjective[]; anomalies: Anomaly[] } {
  const groups = new Map<string, SharedObjective>();
  for (const holder of holders) {
    for (const year of PLAN_YEARS) {
      const statement = holder.years[year];
      if (statement === undefined) continue;
      const key = comparableForm(statement);
      const group = groups.get(key) ?? { code: '', statement, members: [] };
      const member = group.members.find((m) => m.objectiveId === holder.objectiveId);
      if (member) member.years.push(year);
      else group.members.push({ objectiveId: holder.objectiveId, unitId: holder.unitId, line: holder.line, years: [year] });
      groups.set(key, group);
    }
  }
  const all = [...groups.values()];
  const shared = all.filter((g) => new Set(g.members.map((m) => m.unitId)).size > 1);
  shared.forEach((group, index) => (group.code = `${codePrefix}${String(index + 1).padStart(2, '0')}`));

  const anomalies: Anomaly[] = shared.map((group) => ({
    document,
    location: `lines ${group.members.map((m) => m.line).join(', ')}`,
    kind: 'shared-objective',
    description: `"${group.statement}" is an objective of ${group.members.length} directorates: ${group.members.map((m) => `${m.objectiveId} (${m.years.join(', ')})`).join('; ')}`,
    action: `each directorate keeps its own objective; all carry the link obiettivo-condiviso ${group.code}`,
  }));
  anomalies.push(...similarAcrossDirectorates(all, document));
  return { shared, anomalies };
}

/**
 * Pairs of distinct statements, each held by some directorate, that are close (word
 * similarity at least SIMILAR_THRESHOLD) and held by at least two different directorates.
 */
function similarAcrossDirectorates(groups: readonly SharedObjective[], document: string): Anomaly[] {
  const anomalies: Anomaly[] = [];
  groups.forEach((a, i) => {
    for (const b of groups.slice(i + 1)) {
      const units = new Set([...a.members, ...b.members].map((m) => m.unitId));
      if (units.size < 2 || wordSimilarity(a.statement, b.statement) < SIMILAR_THRESHOLD) continue;
      const holders = (g: SharedObjective) => g.members.map((m) => `${m.objectiveId} (${m.years.join(', ')})`).join(', ');
      anomalies.push({
        document,
        location: `lines ${[...new Set([...a.members, ...b.members].map((m) => m.line))].join(', ')}`,
        kind: 'similar-objectives',
        description: `close but different statements: "${a.statement}" of ${holders(a)} / "${b.statement}" of ${holders(b)}`,
        action: 'not linked as one shared objective: only the same statement (but for punctuation) is shared',
      });
    }
  });
  return anomalies;
}
