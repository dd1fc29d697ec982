/**
 * An inverted index of one org's competency texts: word → competencies whose text (any
 * version ever recorded) has that word, plus the sorted word list so a prefix is a binary
 * search. Built from every version, so it serves any cut: it narrows the candidates, and
 * the caller checks the text as it stood at its cut (with `wordsOf`, cached per text).
 */
import { searchWords } from './search-text.ts';

export class CompetencyWordIndex {
  private readonly idsByWord = new Map<string, Set<string>>();
  private readonly sortedWords: string[];

  constructor(
    competencies: Iterable<{ competencyId: string; texts: string[] }>,
    wordsOf: (text: string) => string[],
  ) {
    for (const { competencyId, texts } of competencies) {
      for (const text of texts) {
        for (const word of wordsOf(text)) {
          let ids = this.idsByWord.get(word);
          if (!ids) this.idsByWord.set(word, (ids = new Set()));
          ids.add(competencyId);
        }
      }
    }
    this.sortedWords = [...this.idsByWord.keys()].sort();
  }

  /** Competencies that have, for every token, a word starting with it (in some version). */
  candidates(tokens: string[]): Set<string> {
    let result: Set<string> | undefined;
    for (const token of tokens) {
      const withToken = new Set<string>();
      for (const word of this.wordsWithPrefix(token)) for (const id of this.idsByWord.get(word)!) withToken.add(id);
      result = result === undefined ? withToken : new Set([...result].filter((id) => withToken.has(id)));
      if (result.size === 0) break;
    }
    return result ?? new Set();
  }

  private *wordsWithPrefix(prefix: string): Generator<string> {
    let lo = 0;
    let hi = this.sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sortedWords[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sortedWords.length && this.sortedWords[i]!.startsWith(prefix); i++) yield this.sortedWords[i]!;
  }
}

/** `searchWords`, memoised per distinct text: each competency version is normalised once. */
export function cachedSearchWords(): (text: string) => string[] {
  const cache = new Map<string, string[]>();
  return (text) => {
    let words = cache.get(text);
    if (!words) cache.set(text, (words = searchWords(text)));
    return words;
  };
}
