/**
 * Text helpers shared by the parsers. None of them changes wording: they only decide how
 * whitespace is joined and how two statements are compared.
 */

/** Collapses runs of whitespace to one space and trims. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Joins the lines of a wrapped paragraph with one space; a line ending in a hyphen after a
 * letter ("tecnico-" + "amministrativa") is joined without one, keeping the hyphen.
 */
export function joinWrappedLines(lines: readonly string[]): string {
  let joined = '';
  for (const line of lines.map(collapseSpaces).filter((l) => l !== '')) {
    joined = joined === '' ? line : /\p{L}-$/u.test(joined) ? joined + line : `${joined} ${line}`;
  }
  return joined;
}

/**
 * The comparable form of a statement: lower case, every character that is neither a letter
 * nor a digit turned into a space, spaces collapsed. Two statements with the same comparable
 * form differ only in punctuation, quotes, spacing or case.
 */
export function comparableForm(text: string): string {
  return collapseSpaces(text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' '));
}

/** True when the two texts differ, but only in punctuation, quotes, spacing or case. */
export function differsOnlyInPunctuation(a: string, b: string): boolean {
  return a !== b && comparableForm(a) === comparableForm(b);
}

/** Dice coefficient over the words of the comparable forms (1: same words). */
export function wordSimilarity(a: string, b: string): number {
  const wordsA = comparableForm(a).split(' ');
  const wordsB = comparableForm(b).split(' ');
  const counts = new Map<string, number>();
  for (const word of wordsA) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of wordsB) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(word, left - 1);
    }
  }
  return (2 * shared) / (wordsA.length + wordsB.length);
}

/** Splits a document into lines without their line terminators (1-based numbering is `index + 1`). */
export function documentLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}
