/**
 * Irregularities of a plan found by rule over its objectives (no list of cases): a gap year
 * (a year without statement between two with one), objectives of two directorates that each
 * name the other's directorate as collaborator, and near-duplicate statements of different
 * directorates that the shared-objective rule has not flagged. Pure.
 */
import type { Anomaly } from './anomaly.ts';
import { SIMILAR_THRESHOLD } from './find-shared-objectives.ts';
import { comparableForm, wordSimilarity } from './normalize-text.ts';
import { PLAN_YEARS, type PlanYear } from './parse-pdo-tables.ts';

/** Statements of two directorates at least this close by words are reported as near-duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

export interface PlanObjective {
  objectiveId: string;
  unitId: string;
  line: number;
  years: Partial<Record<PlanYear, string>>;
  /** Codes of the shared objectives it belongs to. */
  sharedCodes: string[];
}

export interface DirectorateName {
  unitId: string;
  names: string[];
}

export function gapYears(objectives: readonly PlanObjective[], document: string): Anomaly[] {
  return objectives.flatMap((o) => {
    const filled = PLAN_YEARS.filter((year) => o.years[year] !== undefined);
    const inside = PLAN_YEARS.slice(PLAN_YEARS.indexOf(filled[0]!), PLAN_YEARS.indexOf(filled.at(-1)!) + 1);
    const gaps = inside.filter((year) => o.years[year] === undefined);
    if (gaps.length === 0) return [];
    return [{
      document,
      location: `line ${o.line}, ${o.objectiveId}`,
      kind: 'gap-year' as const,
      description: `${o.objectiveId} has a statement for ${filled.join(' and ')} but none for ${gaps.join(', ')}: its cell of ${gaps.join(', ')} is empty`,
      action: `no objective ${gaps.join(', ')}: the definition lists only ${filled.join(', ')} (the PDO of ${gaps.join(', ')} does not show it); same id in the other years`,
    }];
  });
}

/**
 * The directorates a statement names, longest name first, each occurrence counted once (so
 * "Direzione Generale - Strutture di supporto…" is not also read as "Direzione Generale").
 */
function namedDirectorates(statement: string, directorates: readonly DirectorateName[]): Set<string> {
  let text = ` ${comparableForm(statement)} `;
  const named = new Set<string>();
  const names = directorates.flatMap((d) => d.names.map((name) => ({ unitId: d.unitId, form: ` ${comparableForm(name)} ` }))).sort((a, b) => b.form.length - a.form.length);
  for (const { unitId, form } of names) {
    if (!text.includes(form)) continue;
    named.add(unitId);
    text = text.split(form).join(' ');
  }
  return named;
}

/** Pairs of objectives of two directorates, each naming the other's directorate. */
export function mutualCollaborations(objectives: readonly PlanObjective[], directorates: readonly DirectorateName[], document: string): Anomaly[] {
  const cites = new Map(objectives.map((o) => [o.objectiveId, new Set(Object.values(o.years).flatMap((s) => [...namedDirectorates(s, directorates)]).filter((u) => u !== o.unitId))]));
  const anomalies: Anomaly[] = [];
  objectives.forEach((a, i) => {
    for (const b of objectives.slice(i + 1)) {
      if (a.unitId === b.unitId || !cites.get(a.objectiveId)!.has(b.unitId) || !cites.get(b.objectiveId)!.has(a.unitId)) continue;
      anomalies.push({
        document,
        location: `lines ${a.line}, ${b.line}`,
        kind: 'mutual-collaboration',
        description: `${a.objectiveId} names ${b.unitId} as its collaborator and ${b.objectiveId} names ${a.unitId}: one joint objective or two`,
        action: 'kept as two objectives, one per directorate, each with its own statement; not linked (no shared statement)',
      });
    }
  });
  return anomalies;
}

/** The best word similarity between any statement of one and any of the other. */
function closeness(a: PlanObjective, b: PlanObjective): number {
  let best = 0;
  for (const x of Object.values(a.years)) for (const y of Object.values(b.years)) best = Math.max(best, wordSimilarity(x, y));
  return best;
}

/**
 * Groups of objectives of different directorates whose statements are near-duplicates
 * (NEAR_DUPLICATE_THRESHOLD <= similarity < 1 but for punctuation), joined transitively, leaving
 * out the pairs already flagged: in one shared objective, or at least SIMILAR_THRESHOLD close
 * (reported as similar-objectives). One entry per group.
 */
export function nearDuplicates(objectives: readonly PlanObjective[], document: string): Anomaly[] {
  const parent = new Map(objectives.map((o) => [o.objectiveId, o.objectiveId]));
  const root = (id: string): string => (parent.get(id) === id ? id : root(parent.get(id)!));
  const best = new Map<string, number>();
  objectives.forEach((a, i) => {
    for (const b of objectives.slice(i + 1)) {
      if (a.unitId === b.unitId || a.sharedCodes.some((code) => b.sharedCodes.includes(code))) continue;
      const score = closeness(a, b);
      if (score < NEAR_DUPLICATE_THRESHOLD || score >= SIMILAR_THRESHOLD) continue;
      parent.set(root(a.objectiveId), root(b.objectiveId));
      for (const id of [a.objectiveId, b.objectiveId]) best.set(id, Math.max(best.get(id) ?? 0, score));
    }
  });
  const groups = new Map<string, PlanObjective[]>();
  for (const o of objectives) if (best.has(o.objectiveId)) groups.set(root(o.objectiveId), [...(groups.get(root(o.objectiveId)) ?? []), o]);
  return [...groups.values()].map((members) => ({
    document,
    location: `lines ${members.map((m) => m.line).join(', ')}`,
    kind: 'near-duplicate-objectives' as const,
    description: `statements of ${new Set(members.map((m) => m.unitId)).size} directorates nearly the same (word similarity ${NEAR_DUPLICATE_THRESHOLD} or more): ${members.map((m) => `${m.objectiveId} ("${(m.years[PLAN_YEARS.find((y) => m.years[y] !== undefined)!] ?? '').slice(0, 80)}…")`).join('; ')}`,
    action: 'each directorate keeps its own objective; not linked as one shared objective (only the same statement but for punctuation is shared)',
  }));
}
