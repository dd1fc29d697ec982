// Links from a fact to the text of its source: provenance names a document
// (`seeds/sources/000_….txt`) and a location ("lines 349–423 (heading …)"); a qualifier's reason
// may cite lines too ("line 275", "lines 3 and 14"). The link opens the source view
// (#/org/<org>/source/<id>?lines=…), which highlights those lines.
import { h } from './dom.js';
import { routeHash } from './router.js';

/** "seeds/sources/000_73076facddbf972e.txt" → "000_73076facddbf972e" (an id GET /sources/:id/text knows). */
export const sourceIdOf = (document) => String(document ?? '').split('/').pop().replace(/\.txt$/, '');

/** Line numbers and ranges cited in a text: "lines 349–423", "line 275", "lines 3 and 14", "righe 9, 10". */
export function citedLines(text) {
  const lines = [];
  const pattern = /\b(?:lines?|righe|riga|l\.)\s+((?:\d+(?:\s*[–-]\s*\d+)?(?:\s*(?:,|and|e)\s*)?)+)/gi;
  for (const match of String(text ?? '').matchAll(pattern)) {
    for (const part of match[1].split(/\s*(?:,|and|e)\s*/)) {
      const range = /^(\d+)(?:\s*[–-]\s*(\d+))?$/.exec(part.trim());
      if (range) lines.push(range[2] ? `${range[1]}-${range[2]}` : range[1]);
    }
  }
  return [...new Set(lines)];
}

export function sourceHref(org, document, lines = []) {
  return routeHash({ view: 'source', org, sourceId: sourceIdOf(document), params: { lines: lines.join(',') || undefined } });
}

/** A link to the source of a fact, "fonte 000, righe 349-423". */
export function sourceLink(org, source, extraText) {
  if (!source?.document) return null;
  const lines = citedLines(source.location);
  const label = `fonte ${sourceIdOf(source.document).split('_')[0]}${lines.length ? `, righe ${lines.join(', ')}` : ''}`;
  return h('a', { class: 'source-link', href: sourceHref(org, source.document, lines), title: extraText ?? source.location ?? '' }, label);
}
