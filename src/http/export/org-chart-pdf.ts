/**
 * The org chart as the PDF document an auditor files: "Organigramma di <ente> al <data>", A4
 * landscape (A3 above A3_ABOVE_UNITS units), drawn with pdfkit's standard Helvetica (no font
 * file, no headless browser). Contents, in order:
 *   - the title, the basis (at, asKnownAt, position, and the integrity hash of the org stream's
 *     last event in the basis: the SHA-256 chain of `verify`), the coverage when answers carry
 *     it (issue 15), and the generation time;
 *   - the evidence legend (the five statuses, each with the box style the tree uses);
 *   - the tree: one box per unit (name, kind, head, evidence status), children indented under
 *     their parent and joined to it by elbow lines, flowing over columns and pages; with
 *     `competencies` each box lists the unit's competencies;
 *   - the acts and the sources the shown facts rest on (from their provenance), with how many
 *     facts each supports.
 * Guarantee: the same input gives the same text and drawing; only the generation time (the
 * footer's "Generato il" and the document's CreationDate) differs between two readings of one
 * basis. Unit order is the page's (src/read/org-chart-order.ts).
 */
import PDFDocument from 'pdfkit';
import type { UnitTreeNode } from '../../read/org-chart-tree.ts';
import { EVIDENCE_LABELS, EVIDENCE_STATUSES, evidenceStatusOf, type EvidenceStatus, unitKindLabel } from '../../../web/js/catalogue.js';

export const PDF_CONTENT_TYPE = 'application/pdf';

/** Above this many units the page is A3 landscape, so that the tree keeps a readable size. */
const A3_ABOVE_UNITS = 60;
const MARGIN = 36;
const INDENT = 14;
const GAP = 5;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

export interface PdfAct {
  id: string;
  kind: string | null;
  title: string | null;
  date: string | null;
  facts: number;
}

export interface PdfSource {
  document: string;
  locations: string[];
  facts: number;
}

export interface OrgChartPdfInput {
  orgName: string;
  at: string;
  asKnownAt: string;
  position: number;
  /** The hash of the org stream's last event in the basis, or null when the store keeps none. */
  integrity: { streamId: string; revision: number; hash: string } | null;
  coverage: { status: string; sources: string[] } | null;
  roots: (UnitTreeNode & { evidence?: unknown })[];
  withCompetencies: boolean;
  /** The sheet, landscape; undefined: A3 above A3_ABOVE_UNITS units, else A4. */
  paper?: 'A4' | 'A3';
  acts: PdfAct[];
  sources: PdfSource[];
  generatedAt: Date;
}

/** Characters outside Windows-1252 (what the standard PDF fonts encode) become ASCII look-alikes. */
export function pdfText(text: string): string {
  return text
    .replace(/[\u2192\u21d2]/g, '->')
    .replace(/[\u2190]/g, '<-')
    .replace(/[\u2012\u2015\u2212]/g, '-')
    .replace(/[^\u0000-\u00ff\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]/g, '?');
}

/** gg/mm/aaaa of a calendar date; an instant in Europe/Rome, gg/mm/aaaa hh:mm:ss. */
export function italianDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const ROME = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
export function italianInstant(iso: string | Date): string {
  return `${ROME.format(new Date(iso)).replace(',', '')} (ora di Roma)`;
}

interface BoxStyle {
  fill: string;
  stroke: string;
  dash: number[] | null;
  ink: string;
}

const STYLE: Record<EvidenceStatus | 'none', BoxStyle> = {
  enacted: { fill: '#ffffff', stroke: '#17324d', dash: null, ink: '#1d2530' },
  attested: { fill: '#ffffff', stroke: '#0b5cad', dash: null, ink: '#1d2530' },
  'carried-forward': { fill: '#eceff3', stroke: '#8a94a3', dash: [4, 2], ink: '#5b6675' },
  announced: { fill: '#f6f7f9', stroke: '#8a5a00', dash: [1.5, 2], ink: '#5b6675' },
  inferred: { fill: '#fff8e6', stroke: '#8a5a00', dash: [4, 2], ink: '#1d2530' },
  none: { fill: '#ffffff', stroke: '#9aa5b4', dash: null, ink: '#1d2530' },
};

interface Row {
  unit: UnitTreeNode & { evidence?: unknown };
  depth: number;
  /** Index of the parent's row, or -1 for a root. */
  parent: number;
  lines: { text: string; font: string; size: number; color?: string }[];
  height: number;
}

export async function renderOrgChartPdf(input: OrgChartPdfInput): Promise<Buffer> {
  const count = countUnits(input.roots);
  const size = input.paper ?? (count > A3_ABOVE_UNITS ? 'A3' : 'A4');
  const doc = new PDFDocument({
    size,
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    compress: true,
    info: {
      Title: pdfText(title(input)),
      Author: 'orgtrail',
      Subject: pdfText(`Basi: at=${input.at}; asKnownAt=${input.asKnownAt}; position=${input.position}`),
      Keywords: 'organigramma',
      CreationDate: input.generatedAt,
      ModDate: input.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const pageW = doc.page.width;
  const pageH = doc.page.height;
  const contentW = pageW - 2 * MARGIN;
  const bottom = pageH - MARGIN - 16;

  // Title, basis, legend.
  doc.font(BOLD).fontSize(18).fillColor('#17324d').text(pdfText(title(input)), MARGIN, MARGIN, { width: contentW });
  doc.moveDown(0.3);
  doc.font(FONT).fontSize(9).fillColor('#1d2530');
  for (const line of basisLines(input)) doc.text(pdfText(line), { width: contentW });
  doc.moveDown(0.5);
  drawLegend(doc, MARGIN, doc.y, contentW);
  doc.moveDown(0.6);

  // The tree, flowing over columns and pages.
  const columns = size === 'A3' ? 5 : 4;
  const colGap = 12;
  const colW = (contentW - (columns - 1) * colGap) / columns;
  const rows = layoutRows(doc, input.roots, colW, input.withCompetencies);
  doc.font(BOLD).fontSize(12).fillColor('#17324d').text(`Struttura (${count} unità)`, MARGIN, doc.y);
  let top = doc.y + 6;
  let column = 0;
  let y = top;
  const placed = new Map<number, { x: number; y: number; h: number; page: number; column: number }>();
  let page = 0;
  rows.forEach((row, index) => {
    const x0 = MARGIN + column * (colW + colGap);
    const boxX = x0 + row.depth * INDENT;
    const boxW = colW - row.depth * INDENT;
    // A root starts a new column if its first box and one child would not fit.
    const need = row.height + (row.depth === 0 && rows[index + 1]?.depth === 1 ? rows[index + 1]!.height + GAP : 0);
    if (y + need > bottom && y > top) {
      column += 1;
      if (column >= columns) {
        doc.addPage();
        page += 1;
        column = 0;
        top = MARGIN;
      }
      y = top;
      return drawRow(row, index, MARGIN + column * (colW + colGap) + row.depth * INDENT, colW - row.depth * INDENT);
    }
    drawRow(row, index, boxX, boxW);

    function drawRow(r: Row, i: number, bx: number, bw: number) {
      const parent = placed.get(r.parent);
      const style = STYLE[evidenceStatusOf(r.unit.evidence) ?? 'none'];
      if (parent && parent.page === page && parent.column === column) {
        // Elbow from the parent's left edge down to this box's middle.
        const px = bx - INDENT + 5;
        doc.save().lineWidth(0.7).strokeColor('#9aa5b4').moveTo(px, parent.y + parent.h).lineTo(px, y + r.height / 2).lineTo(bx, y + r.height / 2).stroke().restore();
      } else if (r.parent >= 0) {
        doc.font(FONT).fontSize(6.5).fillColor('#5b6675').text(pdfText(`segue da: ${rows[r.parent]!.unit.name}`), bx, y - 1, { width: bw, lineBreak: false });
        y += 8;
      }
      doc.save().lineWidth(r.depth === 0 ? 1.4 : 0.9);
      if (style.dash) doc.dash(style.dash[0]!, { space: style.dash[1]! });
      doc.roundedRect(bx, y, bw, r.height, 3).fillAndStroke(style.fill, style.stroke).restore();
      let ty = y + 4;
      for (const line of r.lines) {
        doc.font(line.font).fontSize(line.size).fillColor(line.color ?? style.ink);
        doc.text(line.text, bx + 5, ty, { width: bw - 10 });
        ty = doc.y + 1;
      }
      placed.set(i, { x: bx, y, h: r.height, page, column });
      y += r.height + GAP;
    }
  });
  if (rows.length === 0) doc.font(FONT).fontSize(10).fillColor('#5b6675').text(`Nessuna unità attiva al ${italianDate(input.at)}.`, MARGIN, top);

  // Acts and sources.
  doc.addPage();
  doc.font(BOLD).fontSize(13).fillColor('#17324d').text('Atti e fonti su cui si basa', MARGIN, MARGIN);
  doc.moveDown(0.4);
  doc.font(BOLD).fontSize(10).fillColor('#1d2530').text('Atti');
  doc.font(FONT).fontSize(9);
  if (input.acts.length === 0) doc.text('Nessun atto: i fatti mostrati non indicano un atto.');
  for (const act of input.acts) {
    const details = [act.kind, act.date ? italianDate(act.date) : null, `id ${act.id}`].filter(Boolean).join(', ');
    doc.text(pdfText(`- ${act.title ?? act.id} (${details}): ${act.facts} ${act.facts === 1 ? 'fatto' : 'fatti'}`), { width: contentW });
  }
  doc.moveDown(0.5);
  doc.font(BOLD).fontSize(10).text('Fonti');
  doc.font(FONT).fontSize(9);
  if (input.sources.length === 0) doc.text('Nessuna fonte documentale indicata dai fatti mostrati.');
  for (const source of input.sources) {
    const where = source.locations.length ? `; ${source.locations.slice(0, 6).join('; ')}${source.locations.length > 6 ? `; e altre ${source.locations.length - 6} posizioni` : ''}` : '';
    doc.text(pdfText(`- ${source.document}: ${source.facts} ${source.facts === 1 ? 'fatto' : 'fatti'}${where}`), { width: contentW });
  }
  doc.moveDown(0.8);
  doc.font(FONT).fontSize(8).fillColor('#5b6675').text(
    pdfText('La stessa base (at, asKnownAt, position) dà sempre lo stesso contenuto: si rilegge con GET /api/v1/orgs/<ente>/org-chart?at=<data>&asOfPosition=<position>&format=pdf. L\u2019hash di integrità si verifica con GET /api/v1/audit/verify.'),
    { width: contentW },
  );

  // Header and footer on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footer = pdfText(`${title(input)} \u2014 base: position ${input.position}, come noto al ${italianInstant(input.asKnownAt)} \u2014 Generato il ${italianInstant(input.generatedAt)} \u2014 pagina ${i + 1} di ${range.count}`);
    doc.font(FONT).fontSize(7).fillColor('#5b6675').text(footer, MARGIN, pageH - MARGIN - 8, { width: contentW, lineBreak: false, height: 10 });
  }
  doc.end();
  return done;
}

function title(input: OrgChartPdfInput): string {
  return `Organigramma di ${input.orgName} al ${italianDate(input.at)}`;
}

function basisLines(input: OrgChartPdfInput): string[] {
  const lines = [
    `Base della risposta: data di validità (at) ${input.at} \u2014 come noto al (asKnownAt) ${input.asKnownAt} = ${italianInstant(input.asKnownAt)} \u2014 posizione del registro (position) ${input.position}`,
    input.integrity
      ? `Integrità: hash SHA-256 dell\u2019ultimo evento di ${input.integrity.streamId} nella base (revisione ${input.integrity.revision}): ${input.integrity.hash}`
      : 'Integrità: nessun evento della struttura nella base (nessun hash da citare).',
  ];
  if (input.coverage) {
    lines.push(
      input.coverage.status === 'covered'
        ? `Copertura: la data è coperta dalle fonti ${input.coverage.sources.join(', ')}`
        : 'Copertura: nessuna fonte copre questa data: l\u2019assenza di unità non prova che non ce ne fossero.',
    );
  }
  lines.push(`Generato il ${italianInstant(input.generatedAt)}${input.withCompetencies ? ' \u2014 con le competenze di ogni unità' : ''}`);
  return lines;
}

function drawLegend(doc: PDFKit.PDFDocument, x: number, y: number, width: number): void {
  doc.font(BOLD).fontSize(10).fillColor('#17324d').text('Legenda dello stato delle evidenze', x, y);
  const top = doc.y + 3;
  const itemW = width / EVIDENCE_STATUSES.length;
  let bottomY = top;
  EVIDENCE_STATUSES.forEach((status, i) => {
    const style = STYLE[status];
    const ix = x + i * itemW;
    doc.save().lineWidth(1);
    if (style.dash) doc.dash(style.dash[0]!, { space: style.dash[1]! });
    doc.roundedRect(ix, top, 18, 11, 2).fillAndStroke(style.fill, style.stroke).restore();
    doc.font(BOLD).fontSize(8).fillColor('#1d2530').text(EVIDENCE_LABELS[status].label, ix + 22, top, { width: itemW - 26 });
    doc.font(FONT).fontSize(7).fillColor('#5b6675').text(EVIDENCE_LABELS[status].meaning, ix + 22, doc.y, { width: itemW - 26 });
    bottomY = Math.max(bottomY, doc.y);
  });
  doc.x = x;
  doc.y = bottomY;
}

function countUnits(nodes: UnitTreeNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countUnits(node.children), 0);
}

/** The rows of the tree in order (parents before children), each with its text lines and height. */
function layoutRows(doc: PDFKit.PDFDocument, roots: OrgChartPdfInput['roots'], colW: number, withCompetencies: boolean): Row[] {
  const rows: Row[] = [];
  const visit = (unit: OrgChartPdfInput['roots'][number], depth: number, parent: number) => {
    const width = colW - depth * INDENT - 10;
    const status = evidenceStatusOf(unit.evidence);
    const evidence = unit.evidence as { lastAttestedOn?: string | null } | undefined;
    const lines: Row['lines'] = [
      { text: pdfText(unit.name), font: BOLD, size: depth === 0 ? 8.5 : 8 },
      { text: pdfText([unitKindLabel(unit.kind), unit.head ? `resp. ${unit.head.person}${unit.head.title ? ` (${unit.head.title})` : ''}` : null].filter(Boolean).join(' \u2014 ')), font: FONT, size: 7 },
    ];
    if (status) {
      const since = status === 'carried-forward' && evidence?.lastAttestedOn ? ` dal ${italianDate(evidence.lastAttestedOn)}` : '';
      lines.push({ text: pdfText(`${EVIDENCE_LABELS[status].label}${since}`), font: FONT, size: 6.5, color: '#5b6675' });
    }
    if (withCompetencies) for (const c of unit.competencies) lines.push({ text: pdfText(`\u2022 ${c.text}`), font: FONT, size: 6.5 });
    let height = 6;
    for (const line of lines) height += doc.font(line.font).fontSize(line.size).heightOfString(line.text, { width }) + 1;
    const index = rows.length;
    rows.push({ unit, depth, parent, lines, height });
    for (const child of unit.children) visit(child, depth + 1, index);
  };
  for (const root of roots) visit(root, 0, -1);
  return rows;
}
