/**
 * Parser of the 2024 public-value matrix at the end of 004_… ("Programmi Operativi,
 * Obiettivi & Dimensioni e Driver della Matrice del Valore Pubblico 2024 (n/17)"): rows of
 * programma operativo | objective (2024 wording) | directorate | dimension | driver.
 * Pure: text in, records out.
 *
 * Guarantees: cells are kept as printed except for the <i>…</i> markup some pages wrap the
 * objective in, which is removed and reported; a row that is not 5 cells is reported and
 * skipped.
 */
import type { Anomaly } from './anomaly.ts';
import { collapseSpaces, documentLines } from './normalize-text.ts';

export const MATRIX_HEADER = ['Programma Operativo', 'Obiettivi 2024', 'Direzioni', 'Dimensioni', 'Driver'];

export interface MatrixRow {
  line: number;
  /** The page marker of the title above, e.g. "3/17". */
  page: string;
  programma: string;
  objective: string;
  directorate: string;
  dimension: string;
  driver: string;
}

const TITLE = /^Programmi Operativi, Obiettivi & Dimensioni e Driver della Matrice del Valore Pubblico 2024 \((\d+\/\d+)\)$/;

export function parseValueMatrix(text: string, document: string): { rows: MatrixRow[]; anomalies: Anomaly[] } {
  const rows: MatrixRow[] = [];
  const anomalies: Anomaly[] = [];
  const italicPages = new Set<string>();
  let page: string | undefined;
  let inTable = false;

  documentLines(text).forEach((raw, index) => {
    const lineNo = index + 1;
    const cells = raw.split('\t').map((cell) => cell.trim());
    if (cells.length === 1) {
      const title = TITLE.exec(collapseSpaces(cells[0]!));
      if (title) page = title[1]!;
      else if (cells[0] !== '') page = undefined;
      inTable = false;
      return;
    }
    if (page === undefined) return;
    if (cells[0] === MATRIX_HEADER[0]) {
      inTable = true;
      if (cells.join('|') !== MATRIX_HEADER.join('|')) {
        anomalies.push({
          document,
          location: `line ${lineNo}, matrix page ${page}`,
          kind: 'garbled-header',
          description: `the matrix header reads "${cells.join(' | ')}"`,
          action: 'columns read by position: programma, objective, directorate, dimension, driver',
        });
      }
      return;
    }
    if (!inTable) return;
    if (cells.length !== 5 || cells.some((cell) => cell === '')) {
      anomalies.push({
        document,
        location: `line ${lineNo}, matrix page ${page}`,
        kind: 'unparseable-row',
        description: `a matrix row of ${cells.length} cells, some empty, where 5 filled cells were expected`,
        action: 'skipped: no link is imported from it',
      });
      return;
    }
    const [programma, objective, directorate, dimension, driver] = cells as [string, string, string, string, string];
    const unwrapped = objective.replace(/^<i>(.*)<\/i>$/s, '$1');
    if (unwrapped !== objective) italicPages.add(page);
    rows.push({ line: lineNo, page, programma, objective: unwrapped.trim(), directorate, dimension, driver });
  });

  if (italicPages.size > 0) {
    anomalies.push({
      document,
      location: `matrix pages ${[...italicPages].join(', ')}`,
      kind: 'stray-character',
      description: 'the objective cell is wrapped in HTML italic markup <i>…</i> on some pages only',
      action: 'the markup is removed; the text inside is kept as printed',
    });
  }
  return { rows, anomalies };
}
