// The organigram as an SVG drawing: the org on top, then its top-level units in rows (top
// management first, see org-order.js), each the head of a column in which its sub-units hang
// below it, indented and joined to it by elbow lines. Boxes show name, kind, head, evidence
// status and, in a comparison, what changed; each box is a link to the unit's page, and a
// button beside a box with sub-units collapses or expands its branch. The layout is computed
// here from the available width (so at 390 px the columns stack in one), without any library.
import { evidenceLabel, evidenceStatusOf, unitKindLabel } from './catalogue.js';
import { svg } from './dom.js';
import { formatShortDate } from './format.js';
import { isTopManagement } from './org-order.js';

const BOX_W = 212;
const INDENT = 18;
const GAP_Y = 8;
const COL_GAP = 22;
const ROW_GAP = 34;
const PAD = 10;
const NAME_LINE = 15;
const META_LINE = 13;
const ORG_H = 34;

/** Splits text into lines of at most `max` characters, at spaces (a longer word is cut). */
export function wrap(text, max, maxLines = 3) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= max) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > max ? `${word.slice(0, max - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1].slice(0, max - 1)}…`;
    return kept;
  }
  return lines;
}

function countDescendants(node) {
  return node.children.reduce((sum, child) => sum + 1 + countDescendants(child), 0);
}

function boxLines(node, width, mark) {
  const nameLines = wrap(node.name, Math.floor((width - 16) / 7.2));
  const meta = [unitKindLabel(node.kind)];
  const lines = [];
  if (node.head) lines.push(`Resp.: ${node.head.person}${node.head.title ? ` (${node.head.title})` : ''}`);
  const status = evidenceStatusOf(node.evidence);
  if (status) {
    const since = status === 'carried-forward' && node.evidence.lastAttestedOn ? ` dal ${formatShortDate(node.evidence.lastAttestedOn)}` : '';
    lines.push(`${evidenceLabel(status)}${since}`);
  }
  const marks = mark?.labels ?? [];
  const perLine = Math.floor((width - 16) / 6.1);
  const metaLines = [meta.join(''), ...lines].flatMap((text) => wrap(text, perLine, 2));
  const markLines = marks.flatMap((text) => wrap(text, perLine, 2));
  return { nameLines, metaLines, markLines, status };
}

/**
 * roots: ordered tree nodes; marks: Map unitId → {kinds:Set, labels:[…]}; options:
 * { width, orgName, collapsed:Set, unitHref(id), onToggle(id), focusId }.
 */
export function orgChartSvg(roots, marks, options) {
  const width = Math.max(300, options.width);
  const boxW = Math.min(BOX_W, width - 2 * PAD - INDENT * 2);
  const drawn = [];
  const lines = [];
  const toggles = [];

  // Lay out each root's column (its box and the visible descendants).
  const columns = roots.map((root) => {
    const items = [];
    let y = 0;
    let maxDepth = 0;
    const visit = (node, depth, parentItem) => {
      const w = Math.max(120, boxW - Math.max(0, depth - 2) * INDENT);
      const content = boxLines(node, w, marks.get(node.unitId));
      const h = 8 + content.nameLines.length * NAME_LINE + content.metaLines.length * META_LINE + content.markLines.length * META_LINE + 6;
      const item = { node, depth, x: Math.min(depth, 3) * INDENT, y, w, h, content, parentItem };
      items.push(item);
      maxDepth = Math.max(maxDepth, Math.min(depth, 3));
      y += h + GAP_Y;
      if (!options.collapsed.has(node.unitId)) for (const child of node.children) visit(child, depth + 1, item);
    };
    visit(root, 0, null);
    return { items, w: boxW + maxDepth * INDENT, h: y - GAP_Y };
  });

  // Rows: top management alone in the first row, then as many columns as fit the width.
  const rows = [];
  let topCount = 0;
  while (topCount < roots.length && isTopManagement(roots[topCount])) topCount += 1;
  let row = [];
  let rowW = 0;
  columns.forEach((column, i) => {
    const breakAfterTop = i === topCount && topCount > 0;
    if (row.length && (breakAfterTop || rowW + COL_GAP + column.w > width - 2 * PAD - INDENT)) {
      rows.push(row);
      row = [];
      rowW = 0;
    }
    row.push(column);
    rowW += (row.length > 1 ? COL_GAP : 0) + column.w;
  });
  if (row.length) rows.push(row);

  const trunkX = PAD + 8;
  let top = PAD + ORG_H + ROW_GAP;
  let contentW = 0;
  const buses = [];
  for (const columnsOfRow of rows) {
    let x = PAD + INDENT;
    const busY = top - ROW_GAP / 2;
    const starts = [];
    for (const column of columnsOfRow) {
      for (const item of column.items) drawn.push({ ...item, x: x + item.x, y: top + item.y });
      starts.push(x + 14);
      x += column.w + COL_GAP;
    }
    contentW = Math.max(contentW, x - COL_GAP + PAD);
    buses.push({ y: busY, x2: starts.at(-1), starts, top });
    top += Math.max(...columnsOfRow.map((c) => c.h)) + ROW_GAP;
  }
  const height = Math.max(top - ROW_GAP + PAD, PAD + ORG_H + PAD);
  const totalW = Math.max(contentW, Math.min(width, 360 + 2 * PAD));

  // Connectors: the trunk from the org, a bus above each row, a drop to each column head.
  if (buses.length) lines.push(svg('line', { x1: trunkX, y1: PAD + ORG_H, x2: trunkX, y2: buses.at(-1).y, class: 'link' }));
  for (const bus of buses) {
    lines.push(svg('line', { x1: trunkX, y1: bus.y, x2: bus.x2, y2: bus.y, class: 'link' }));
    for (const sx of bus.starts) lines.push(svg('line', { x1: sx, y1: bus.y, x2: sx, y2: bus.top, class: 'link' }));
  }
  const position = new Map(drawn.map((item) => [item.node.unitId, item]));
  for (const item of drawn) {
    const parent = item.parentItem && position.get(item.parentItem.node.unitId);
    if (!parent) continue;
    const ex = parent.x + 8;
    const ey = item.y + Math.min(item.h / 2, 16);
    lines.push(svg('path', { d: `M${ex},${parent.y + parent.h} V${ey} H${item.x}`, class: 'link' }));
  }

  const boxes = drawn.map((item) => unitBox(item, marks.get(item.node.unitId), options, toggles));
  const orgBox = svg(
    'g',
    { class: 'org-box' },
    svg('rect', { x: PAD, y: PAD, width: Math.min(360, totalW - 2 * PAD), height: ORG_H, rx: 6 }),
    svg('text', { x: PAD + 12, y: PAD + 22, class: 'org-name' }, options.orgName),
  );
  return svg(
    'svg',
    { class: 'org-chart-svg', width: totalW, height, viewBox: `0 0 ${totalW} ${height}`, role: 'group', 'aria-label': `Organigramma: ${drawn.length} unità mostrate` },
    svg('g', { class: 'links', 'aria-hidden': 'true' }, lines),
    orgBox,
    boxes,
    toggles,
  );
}

function unitBox(item, mark, options, toggles) {
  const { node, x, y, w, h, content } = item;
  const classes = ['unit-box', content.status ? `ev-${content.status}` : '', ...[...(mark?.kinds ?? [])].map((kind) => `mark-${kind}`)].filter(Boolean).join(' ');
  let ty = y + 8 + 11;
  const texts = [];
  for (const line of content.nameLines) {
    texts.push(svg('text', { x: x + 8, y: ty, class: 'unit-name' }, line));
    ty += NAME_LINE;
  }
  ty -= 2;
  for (const line of content.metaLines) {
    texts.push(svg('text', { x: x + 8, y: ty, class: 'unit-meta' }, line));
    ty += META_LINE;
  }
  for (const line of content.markLines) {
    texts.push(svg('text', { x: x + 8, y: ty, class: 'unit-mark' }, line));
    ty += META_LINE;
  }
  // The link's name is its visible text (WCAG 2.5.3); the title (tooltip) and data-label add the full name if it was cut.
  const visible = [...content.nameLines, ...content.metaLines, ...content.markLines].join(' ');
  const label = visible.includes('…') ? `${visible} (${node.name})` : visible;
  if (node.children.length) {
    const collapsed = options.collapsed.has(node.unitId);
    const hidden = countDescendants(node);
    const cx = x + w - 12;
    const cy = y + h - 10;
    const toggle = svg(
      'g',
      {
        class: 'toggle',
        role: 'button',
        tabindex: 0,
        'aria-expanded': String(!collapsed),
        'aria-label': collapsed ? `Espandi ${node.name} (${hidden} unità)` : `Comprimi ${node.name}`,
        dataset: { toggle: node.unitId },
        onclick: () => options.onToggle(node.unitId),
        onkeydown: (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            options.onToggle(node.unitId);
          }
        },
      },
      svg('rect', { x: cx - 16, y: cy - 8, width: 26, height: 16, rx: 8 }),
      svg('text', { x: cx - 3, y: cy + 4, 'text-anchor': 'middle' }, collapsed ? `+${hidden}` : '−'),
    );
    toggles.push(toggle);
  }
  return svg(
    'a',
    { href: options.unitHref(node.unitId), class: classes, dataset: { unitId: node.unitId, label } },
    svg('title', {}, label),
    svg('rect', { x, y, width: w, height: h, rx: 5, class: 'box' }),
    texts,
  );
}
