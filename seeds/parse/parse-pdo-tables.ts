/**
 * Parser of the objective tables of 004_… (PDO 2024-2026): one tab-separated table per
 * directorate (and one for the Segreteria Generale), each under a title line, with a header
 * row "ID | Obiettivi Anno 2024 | Obiettivi Anno 2025 | Obiettivi Anno 2026" and one row per
 * objective. Pure: text in, records out.
 *
 * Guarantees: year columns are read by position (2nd = 2024, 3rd = 2025, 4th = 2026) whatever
 * the header says, every header that differs from the expected one is reported, and the years
 * whose column is so read are listed on the table (`yearsByPosition`); an empty
 * cell is no objective for that year; cells are kept verbatim (trimmed); a row that is not
 * "number + 3 cells" is reported and skipped, never guessed.
 */
import type { Anomaly } from './anomaly.ts';
import { collapseSpaces, documentLines } from './normalize-text.ts';

export const PLAN_YEARS = ['2024', '2025', '2026'] as const;
export type PlanYear = (typeof PLAN_YEARS)[number];

export const EXPECTED_HEADER = ['ID', 'Obiettivi Anno 2024', 'Obiettivi Anno 2025', 'Obiettivi Anno 2026'];

export interface PdoRow {
  line: number;
  /** The ID as printed (a number, unique within a directorate). */
  id: string;
  /** Statement per year as printed; a year is absent when its cell is empty. */
  years: Partial<Record<PlanYear, string>>;
}

export interface PdoTable {
  title: string;
  titleLine: number;
  /** The directorate as printed in the title. */
  directorate: string;
  /** "(1/2)" or "(1 di 2)": the page of a table continued on a second page. */
  part: string | null;
  headerLine: number;
  header: string[];
  /** The plan years whose column the header does not label with that year: read by position only. */
  yearsByPosition: PlanYear[];
  rows: PdoRow[];
}

const TITLE = /^(.*?)\s*[–-]\s*Obiettivi di Direzione\s*[–-]\s*Programmazione\s*2024\s*[–-]\s*2026\s*(\((\d+)\s*(?:\/|di)\s*(\d+)\))?$/;
const SEGRETERIA_TITLE = /^Obiettivi (Segreteria Generale)$/;
/** What follows the directorate in a regular title. */
const CANONICAL_TITLE = /^ – Obiettivi di Direzione – Programmazione 2024 – 2026( \(\d+\/\d+\)| \(\d+ di \d+\))?$/;

export function parsePdoTables(text: string, document: string): { tables: PdoTable[]; anomalies: Anomaly[] } {
  const lines = documentLines(text);
  const tables: PdoTable[] = [];
  const anomalies: Anomaly[] = [];
  let lastTitle: { text: string; line: number } | undefined;
  let table: PdoTable | undefined;

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const cells = raw.split('\t').map((cell) => cell.trim());
    if (cells.length === 1) {
      table = undefined;
      if (cells[0] !== '') lastTitle = { text: collapseSpaces(cells[0]!), line: lineNo };
      return;
    }
    if (cells[0] === 'ID') {
      table = startTable(lastTitle, lineNo, cells);
      if (!table) return;
      tables.push(table);
      if (cells.join('|') !== EXPECTED_HEADER.join('|')) {
        anomalies.push({
          document,
          location: `line ${lineNo}, table "${table.title}"`,
          kind: 'garbled-header',
          description: `the header reads "${cells.join(' | ')}" instead of "${EXPECTED_HEADER.join(' | ')}"`,
          action: 'year columns read by position: 2nd = 2024, 3rd = 2025, 4th = 2026',
        });
      }
      return;
    }
    if (!table) return;
    if (cells.length !== 4 || !/^\d+$/.test(cells[0]!)) {
      anomalies.push({
        document,
        location: `line ${lineNo}, table "${table.title}"`,
        kind: 'unparseable-row',
        description: `a row of ${cells.length} cells starting "${cells[0]}" where "ID + 3 year cells" was expected`,
        action: 'skipped: no objective is imported from it',
      });
      return;
    }
    const years: Partial<Record<PlanYear, string>> = {};
    PLAN_YEARS.forEach((year, column) => {
      const cell = cells[column + 1]!;
      if (cell !== '') years[year] = cell;
    });
    table.rows.push({ line: lineNo, id: cells[0]!, years });
  });

  const irregularTitles = tables.filter((t) => !t.title.startsWith('Obiettivi ') && !CANONICAL_TITLE.test(t.title.slice(t.directorate.length)));
  if (irregularTitles.length > 0) {
    anomalies.push({
      document,
      location: `lines ${irregularTitles.map((t) => t.titleLine).join(', ')}`,
      kind: 'spacing',
      description: `${irregularTitles.length} table titles write their dashes and spaces otherwise than " – Obiettivi di Direzione – Programmazione 2024 – 2026" (e.g. "${irregularTitles[0]!.title}")`,
      action: 'read all the same: the directorate is the text before "Obiettivi di Direzione"',
    });
  }
  const continued = tables.filter((t) => t.part !== null);
  const withDi = continued.filter((t) => t.part!.includes('di')).map((t) => t.titleLine);
  const withSlash = continued.filter((t) => !t.part!.includes('di')).map((t) => t.titleLine);
  if (withDi.length > 0 && withSlash.length > 0) {
    anomalies.push({
      document,
      location: `"(n/m)" at lines ${withSlash.join(', ')}; "(n di m)" at lines ${withDi.join(', ')}`,
      kind: 'page-marker-style',
      description: 'tables continued on a second page mark it in two styles, "(1/2)" and "(1 di 2)"',
      action: 'both read as the same table continued; IDs continue across its pages',
    });
  }
  return { tables, anomalies };

  function startTable(title: { text: string; line: number } | undefined, headerLine: number, header: string[]): PdoTable | undefined {
    const match = title ? (TITLE.exec(title.text) ?? SEGRETERIA_TITLE.exec(title.text)) : null;
    if (!title || !match) {
      anomalies.push({
        document,
        location: `line ${headerLine}`,
        kind: 'unparseable-row',
        description: `a table header without a recognisable title above it (last title: "${title?.text ?? 'none'}")`,
        action: 'the table is skipped',
      });
      return undefined;
    }
    const yearsByPosition = PLAN_YEARS.filter((_year, column) => header[column + 1] !== EXPECTED_HEADER[column + 1]);
    return { title: title.text, titleLine: title.line, directorate: match[1]!, part: match[2] ?? null, headerLine, header, yearsByPosition, rows: [] };
  }
}
