/**
 * Full-text search of competencies as they stood on `at`, as known at the cut: every query
 * word must start a word of the competency's text (AND of prefixes), accent- and
 * case-insensitively (search-text.ts). Each match comes with the unit that held it on `at`
 * (only units active then), its head and its chain of parents, root first.
 * Ranking: score (per query word 2 for a whole-word match, 1 for a prefix match, +1 when the
 * query words appear consecutively in order), then the earlier the first matching word, then
 * competencyId. The word index is rebuilt only when the org stream's revision changes.
 */
import type { OrgChartIndex } from '../../projections/org-chart-index.ts';
import type { Cut, Evidence, HeadView, UnitView } from '../../projections/views.ts';
import { passes, type EvidenceFilter } from './evidence-answers.ts';
import { orgStream } from '../commands/streams.ts';
import { BadRequestError } from '../errors.ts';
import { cachedSearchWords, CompetencyWordIndex } from './competency-word-index.ts';
import type { Projector } from './projector.ts';
import { requireOrg } from './require-org.ts';
import { resolveCut, type Basis, type TimeParams } from './resolve-cut.ts';
import { searchWords } from './search-text.ts';

export interface UnitRef {
  unitId: string;
  name: string;
  kind: string;
}

export interface CompetencyMatch {
  competencyId: string;
  text: string;
  score: number;
  unitId: string;
  unitName: string;
  unitKind: string;
  head: HeadView | null;
  /** How its holding by this unit is known (docs/evidence.md). */
  evidence: Evidence;
  /** How the holding unit is known. */
  unitEvidence: Evidence;
  /** Ancestors of the unit active on `at`, root first. */
  parents: UnitRef[];
  /** Names from the root to the holding unit, joined by " > ". */
  path: string;
}

export interface CompetencySearchAnswer extends Basis {
  q: string;
  /** Matches before `limit` was applied. */
  total: number;
  competencies: CompetencyMatch[];
}

export interface WordMatch {
  score: number;
  firstIndex: number;
}

/** How well `words` (a text's search words) match every token; undefined if a token matches no word. */
export function matchWords(tokens: string[], words: string[]): WordMatch | undefined {
  let score = 0;
  let firstIndex = Infinity;
  for (const token of tokens) {
    const index = words.findIndex((word) => word.startsWith(token));
    if (index < 0) return undefined;
    firstIndex = Math.min(firstIndex, index);
    score += words.includes(token) ? 2 : 1;
  }
  const phrase = tokens.length > 1 && words.some((_, i) => tokens.every((token, k) => words[i + k]?.startsWith(token)));
  return { score: score + (phrase ? 1 : 0), firstIndex };
}

export function createCompetencySearch({ projector, clock }: { projector: Projector; clock: () => Date }) {
  const models = projector.models;
  const wordsOf = cachedSearchWords();
  const indexes = new Map<string, { revision: number | null; index: CompetencyWordIndex }>();

  const wordIndex = (orgId: string): CompetencyWordIndex => {
    const revision = models.streamRevision(orgStream(orgId));
    const cached = indexes.get(orgId);
    if (cached && cached.revision === revision) return cached.index;
    const index = new CompetencyWordIndex(models.audit.competencyTexts(orgId), wordsOf);
    indexes.set(orgId, { revision, index });
    return index;
  };

  return async function searchCompetencies(orgId: string, params: TimeParams & EvidenceFilter & { q: string; limit?: number }): Promise<CompetencySearchAnswer> {
    const tokens = [...new Set(searchWords(params.q))];
    if (tokens.length === 0) throw new BadRequestError('the query has no words to search for', [{ field: 'q', message: 'must contain a letter or digit' }]);
    const { cut, basis } = await resolveCut(params, projector, clock());
    const chart = requireOrg(models, orgId, cut.maxPosition).chart;
    const matches: (CompetencyMatch & { firstIndex: number })[] = [];
    for (const competencyId of wordIndex(orgId).candidates(tokens)) {
      const competency = chart.competency(competencyId, cut);
      if (!competency || competency.holder === null) continue;
      const match = matchWords(tokens, wordsOf(competency.text));
      const unit = match && chart.unit(competency.holder, cut);
      if (!match || !unit) continue;
      const evidence = unit.competencies.find((c) => c.competencyId === competencyId)!.evidence;
      if (!passes(evidence, params, cut.at)) continue;
      const parents = ancestors(chart, unit, cut);
      matches.push({
        competencyId,
        text: competency.text,
        score: match.score,
        firstIndex: match.firstIndex,
        unitId: unit.unitId,
        unitName: unit.name,
        unitKind: unit.kind,
        head: unit.head,
        evidence,
        unitEvidence: unit.evidence,
        parents,
        path: [...parents, unit].map((u) => u.name).join(' > '),
      });
    }
    matches.sort((a, b) => b.score - a.score || a.firstIndex - b.firstIndex || (a.competencyId < b.competencyId ? -1 : 1));
    const competencies = matches.slice(0, params.limit ?? 20).map(({ firstIndex: _firstIndex, ...match }) => match);
    return { ...basis, q: params.q, total: matches.length, competencies };
  };
}

/** Active ancestors on the cut's date, root first; stops at an inactive parent or a cycle. */
export function ancestors(chart: OrgChartIndex, unit: UnitView, cut: Cut): UnitRef[] {
  const chain: UnitRef[] = [];
  const seen = new Set([unit.unitId]);
  for (let parentId = unit.parentId; parentId !== null && !seen.has(parentId); ) {
    seen.add(parentId);
    const parent = chart.unit(parentId, cut);
    if (!parent) break;
    chain.unshift({ unitId: parent.unitId, name: parent.name, kind: parent.kind });
    parentId = parent.parentId;
  }
  return chain;
}
