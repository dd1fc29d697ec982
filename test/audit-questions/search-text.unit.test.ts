/** Text normalisation and matching of the competency search: accents, case, word prefixes, AND, phrase bonus. */
import { describe, expect, it } from 'vitest';
import { matchWords } from '../../src/read/competency-search.ts';
import { cachedSearchWords, CompetencyWordIndex } from '../../src/read/competency-word-index.ts';
import { searchWords } from '../../src/read/search-text.ts';

describe('searchWords', () => {
  it('drops accents and case and splits on anything that is not a letter or digit', () => {
    expect(searchWords("Attività dell'Ente: PATROCÌNI, contributi (art. 12-bis)")).toEqual(['attivita', 'dell', 'ente', 'patrocini', 'contributi', 'art', '12', 'bis']);
  });

  it('treats a precomposed and a decomposed accent alike', () => {
    expect(searchWords('citt\u00e0')).toEqual(searchWords('citta\u0300'));
  });

  it('has no words for punctuation only', () => {
    expect(searchWords(' -- ; ')).toEqual([]);
  });
});

describe('matchWords', () => {
  const words = searchWords('Eventi e patrocini sportivi');

  it('needs every token to start some word', () => {
    expect(matchWords(['patroc', 'event'], words)).toBeDefined();
    expect(matchWords(['patroc', 'musei'], words)).toBeUndefined();
    expect(matchWords(['atrocini'], words)).toBeUndefined();
  });

  it('scores whole words over prefixes, and words in order, consecutively, higher', () => {
    expect(matchWords(['patrocini'], words)).toEqual({ score: 2, firstIndex: 2 });
    expect(matchWords(['patroc'], words)).toEqual({ score: 1, firstIndex: 2 });
    expect(matchWords(['patrocini', 'sport'], words)!.score).toBe(4);
    expect(matchWords(['sport', 'patrocini'], words)!.score).toBe(3);
  });
});

describe('CompetencyWordIndex', () => {
  it('finds candidates by word prefix across every version of every text, AND across tokens', () => {
    const index = new CompetencyWordIndex(
      [
        { competencyId: 'a', texts: ['Patrocinio legale'] },
        { competencyId: 'b', texts: ['Musei civici', 'Musei e patrocini'] },
        { competencyId: 'c', texts: ['Patrimonio'] },
      ],
      cachedSearchWords(),
    );
    expect([...index.candidates(['patroc'])].sort()).toEqual(['a', 'b']);
    expect([...index.candidates(['patr'])].sort()).toEqual(['a', 'b', 'c']);
    expect([...index.candidates(['patroc', 'musei'])]).toEqual(['b']);
    expect([...index.candidates(['zzz'])]).toEqual([]);
  });
});
