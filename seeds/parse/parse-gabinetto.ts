/**
 * Parser of 000_… ("Gabinetto del Sindaco — Struttura organizzativa, competenze"), text
 * extracted from a two-column PDF table (unit | competencies). Pure: text in, records out.
 *
 * How the text is read (each rule is what the document does, see the anomalies it reports):
 * - a line with letters and no lower-case letter is a heading; consecutive heading lines,
 *   blank lines between them aside, are one heading split over lines. The first heading is
 *   the document title, "STRUTTURA ORGANIZZATIVA COMPETENZE" is the column header;
 * - a line starting with a space is a new competency: the PDF's bullet glyph was lost in
 *   extraction and only the space after it is left;
 * - a line starting with "- " is a sub-item of the competency it follows;
 * - any other line continues the competency (or its last sub-item) it follows, even after
 *   blank lines or a page break: a wrapped bullet is one competency;
 * - a competency's text is its lines joined with one space (no space after a hyphen that ends
 *   a line), its sub-items on their own lines as "- …".
 */
import type { Anomaly } from './anomaly.ts';
import { collapseSpaces, documentLines, joinWrappedLines } from './normalize-text.ts';

export interface GabinettoCompetency {
  text: string;
  fromLine: number;
  toLine: number;
}

export interface GabinettoSection {
  /** The heading as printed (capitals), its lines joined. */
  heading: string;
  headingLines: number[];
  competencies: GabinettoCompetency[];
}

export interface GabinettoDocument {
  title: string;
  columnHeader: string;
  sections: GabinettoSection[];
  anomalies: Anomaly[];
}

export const COLUMN_HEADER = 'STRUTTURA ORGANIZZATIVA COMPETENZE';

interface OpenBullet {
  head: string[];
  subItems: string[][];
  fromLine: number;
  toLine: number;
}

const isHeading = (text: string) => /\p{L}/u.test(text) && !/\p{Ll}/u.test(text);

export function parseGabinetto(text: string, document: string): GabinettoDocument {
  const lines = documentLines(text);
  const sections: GabinettoSection[] = [];
  const anomalies: Anomaly[] = [];
  const interrupted: string[] = [];
  const hyphenJoins: number[] = [];
  const doubleSpaces: number[] = [];
  const residues: string[] = [];
  let title = '';
  let columnHeader = '';
  let previous: 'heading' | 'other' = 'other';
  let bullet: OpenBullet | undefined;
  let blankRun: number[] = [];
  let bullets = 0;
  let wrapped = 0;

  const closeBullet = () => {
    const section = sections[sections.length - 1];
    if (!bullet || !section) return;
    const subItems = bullet.subItems.map((parts) => `- ${joinWrappedLines(parts)}`);
    section.competencies.push({ text: [joinWrappedLines(bullet.head), ...subItems].join('\n'), fromLine: bullet.fromLine, toLine: bullet.toLine });
    if (bullet.toLine > bullet.fromLine) wrapped++;
    if (subItems.length > 0) {
      anomalies.push({
        document,
        location: `lines ${bullet.fromLine}–${bullet.toLine} (${section.heading})`,
        kind: 'dash-sub-items',
        description: `a competency with ${subItems.length} sub-items introduced by a dash`,
        action: 'kept as one competency: its first line, then one line "- …" per sub-item',
      });
    }
    bullet = undefined;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') {
      blankRun.push(lineNo);
      return;
    }
    if (blankRun.length >= 4 && blankRun.some((n) => lines[n - 1] !== '')) residues.push(`${blankRun[0]}–${blankRun[blankRun.length - 1]}`);
    const afterBlank = blankRun.length > 0;
    blankRun = [];
    if (/\S {2,}\S/.test(trimmed)) doubleSpaces.push(lineNo);

    if (isHeading(trimmed)) {
      closeBullet();
      if (title === '') title = collapseSpaces(trimmed);
      else if (collapseSpaces(trimmed) === COLUMN_HEADER) columnHeader = COLUMN_HEADER;
      else if (previous === 'heading' && sections.length > 0) {
        const section = sections[sections.length - 1]!;
        section.heading = collapseSpaces(`${section.heading} ${trimmed}`);
        section.headingLines.push(lineNo);
      } else sections.push({ heading: collapseSpaces(trimmed), headingLines: [lineNo], competencies: [] });
      previous = columnHeader === '' || sections.length === 0 ? 'other' : 'heading';
      return;
    }
    previous = 'other';
    if (sections.length === 0) {
      anomalies.push({ document, location: `line ${lineNo}`, kind: 'unparseable-row', description: `text before the first unit heading: "${trimmed}"`, action: 'ignored' });
      return;
    }
    if (raw.startsWith(' ')) {
      closeBullet();
      bullets++;
      bullet = { head: [trimmed], subItems: [], fromLine: lineNo, toLine: lineNo };
      return;
    }
    if (!bullet) {
      anomalies.push({ document, location: `line ${lineNo}`, kind: 'unparseable-row', description: `text outside any competency: "${trimmed}"`, action: 'ignored' });
      return;
    }
    if (afterBlank) interrupted.push(`${bullet.toLine}–${lineNo}`);
    const previousLine = lines[bullet.toLine - 1]!.trim();
    if (/\p{L}-$/u.test(previousLine)) hyphenJoins.push(bullet.toLine);
    bullet.toLine = lineNo;
    if (/^-\s/.test(trimmed)) bullet.subItems.push([trimmed.slice(1).trim()]);
    else (bullet.subItems[bullet.subItems.length - 1] ?? bullet.head).push(trimmed);
  });
  closeBullet();

  for (const section of sections.filter((s) => s.headingLines.length > 1)) {
    anomalies.push({
      document,
      location: `lines ${section.headingLines.join(', ')}`,
      kind: 'heading-split',
      description: `the heading "${section.heading}" is split over ${section.headingLines.length} lines`,
      action: 'joined into one unit heading',
    });
  }
  const first = sections[0]?.competencies[0]?.fromLine ?? 0;
  const last = sections[sections.length - 1]?.competencies.at(-1)?.toLine ?? 0;
  anomalies.push(
    {
      document,
      location: `lines ${first}–${last}`,
      kind: 'bullet-glyph-lost',
      description: `${bullets} bullets lost their glyph in the PDF extraction: each is a line starting with a lone space`,
      action: 'a line starting with a space starts a new competency',
    },
    {
      document,
      location: `lines ${first}–${last}`,
      kind: 'wrapped-line',
      description: `${wrapped} competencies are wrapped over several lines, mid-sentence; a hyphen ends lines ${hyphenJoins.join(', ')}`,
      action: 'the lines of a competency are joined with one space; a line ending in a hyphen is joined without one, keeping the hyphen',
    },
    {
      document,
      location: `lines ${interrupted.join(', ')}`,
      kind: 'wrapped-line',
      description: `${interrupted.length} times a competency continues after blank lines (a line break or page break of the PDF inside a bullet)`,
      action: 'the continuation is joined to the competency it belongs to, not read as a new one',
    },
    {
      document,
      location: `lines ${residues.join(', ')}`,
      kind: 'page-break-residue',
      description: `${residues.length} runs of blank and space-only lines left by PDF page breaks`,
      action: 'ignored; a unit\'s competencies continue across them',
    },
    {
      document,
      location: `lines ${doubleSpaces.join(', ')}`,
      kind: 'spacing',
      description: 'double spaces inside the text',
      action: 'collapsed to one space',
    },
  );
  return { title, columnHeader, sections, anomalies };
}
