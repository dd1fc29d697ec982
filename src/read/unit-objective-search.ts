/**
 * Search of units and objectives by text, as they stood on `at` as known at the cut (the
 * equivalent of the competency search, src/read/competency-search.ts, with the same matching:
 * every query word must start a word, accent- and case-insensitively, ranked by score, then
 * the earlier the first matching word, then id).
 *   - units: the units active on `at`, matched on their name (and id); each with its kind,
 *     head, parents (root first) and path;
 *   - objectives: the objectives of the PDO of `year` (default: the year of `at`) as it stood on
 *     `at`, matched on that year's statement (and id); each with its owning unit.
 * The scans are linear in the units active on `at` and the objectives of the year (hundreds
 * for a municipality); each distinct text is normalised once (cachedSearchWords).
 */
import type { Head } from '../../projections/views.ts';
import { BadRequestError } from '../errors.ts';
import { yearOf } from '../time/calendar-date.ts';
import { ancestors, matchWords, type UnitRef } from './competency-search.ts';
import { cachedSearchWords } from './competency-word-index.ts';
import type { Projector } from './projector.ts';
import { requireOrg } from './require-org.ts';
import { resolveCut, type Basis, type TimeParams } from './resolve-cut.ts';
import { searchWords } from './search-text.ts';

export interface UnitMatch {
  unitId: string;
  name: string;
  kind: string;
  head: Head | null;
  score: number;
  parents: UnitRef[];
  path: string;
}

export interface ObjectiveMatch {
  objectiveId: string;
  title: string;
  status: string;
  unitId: string;
  unitName: string | null;
  score: number;
}

export interface UnitObjectiveSearchAnswer extends Basis {
  q: string;
  year: number;
  totalUnits: number;
  totalObjectives: number;
  units: UnitMatch[];
  objectives: ObjectiveMatch[];
}

type Ranked<T> = T & { firstIndex: number; id: string };

function ranked<T extends { score: number }>(matches: Ranked<T>[], limit: number): T[] {
  matches.sort((a, b) => b.score - a.score || a.firstIndex - b.firstIndex || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return matches.slice(0, limit).map(({ firstIndex: _firstIndex, id: _id, ...match }) => match as unknown as T);
}

export function createUnitObjectiveSearch({ projector, clock }: { projector: Projector; clock: () => Date }) {
  const models = projector.models;
  const wordsOf = cachedSearchWords();

  return async function searchUnitsAndObjectives(orgId: string, params: TimeParams & { q: string; year?: number; limit?: number }): Promise<UnitObjectiveSearchAnswer> {
    const tokens = [...new Set(searchWords(params.q))];
    if (tokens.length === 0) throw new BadRequestError('the query has no words to search for', [{ field: 'q', message: 'must contain a letter or digit' }]);
    const { cut, basis } = await resolveCut(params, projector, clock());
    const org = requireOrg(models, orgId, cut.maxPosition);
    const limit = params.limit ?? 20;
    const year = params.year ?? yearOf(cut.at);

    const chart = org.chart.orgChart(cut);
    const names = new Map(chart.map((unit) => [unit.unitId, unit.name]));
    const units: Ranked<UnitMatch>[] = [];
    for (const unit of chart) {
      const match = matchWords(tokens, [...wordsOf(unit.name), ...wordsOf(unit.unitId)]);
      if (!match) continue;
      const parents = ancestors(org.chart, unit, cut);
      units.push({ id: unit.unitId, firstIndex: match.firstIndex, unitId: unit.unitId, name: unit.name, kind: unit.kind, head: unit.head, score: match.score, parents, path: [...parents, unit].map((u) => u.name).join(' > ') });
    }

    const objectives: Ranked<ObjectiveMatch>[] = [];
    for (const objective of org.pdo.pdo(year, cut)) {
      const match = matchWords(tokens, [...wordsOf(objective.title), ...wordsOf(objective.objectiveId)]);
      if (!match) continue;
      objectives.push({ id: objective.objectiveId, firstIndex: match.firstIndex, objectiveId: objective.objectiveId, title: objective.title, status: objective.status, unitId: objective.unitId, unitName: names.get(objective.unitId) ?? null, score: match.score });
    }

    return { ...basis, q: params.q, year, totalUnits: units.length, totalObjectives: objectives.length, units: ranked(units, limit), objectives: ranked(objectives, limit) };
  };
}
