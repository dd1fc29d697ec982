/**
 * The read views the CLI shows and exports: for each, the API path and query built from the
 * command line, and a human rendering (answers are the API's JSON, typed by the server's own
 * answer types). `org-chart`, `pdo`, `history` and `diff` can be exported (CSV or JSON);
 * `acts` is shown only.
 */
import type { UnitView } from '../../projections/views.ts';
import type { HistoryAnswer } from '../http/export/history-rows.ts';
import type { PdoAnswer } from '../http/export/pdo-rows.ts';
import type { ActDetail, ActSummary } from '../read/acts-queries.ts';
import type { OrgChartDiffAnswer, PdoDiffAnswer } from '../read/diff/diff-queries.ts';
import type { ChangeEvent } from '../read/diff/diff-window.ts';
import type { Basis } from '../read/resolve-cut.ts';
import { toUnitTree, type UnitTreeNode } from '../read/org-chart-tree.ts';
import { UsageError } from './cli-errors.ts';
import type { Query } from './http-client.ts';
import { renderRecords, renderTable } from './table.ts';

export type OptionValues = Record<string, string | boolean | undefined>;

export interface ReadView {
  name: string;
  exportable: boolean;
  request(org: string, values: OptionValues, extra: string[]): { path: string; query: Query };
  render(org: string, answer: any): string;
}

const seg = encodeURIComponent;
/** A string option's value; undefined when absent. */
export const str = (values: OptionValues, key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
const cut = (values: OptionValues): Query => ({ at: str(values, 'at'), asKnownAt: str(values, 'as-known-at') });

function basisLine(what: string, answer: { at: string | null; asKnownAt: string; position: number }): string {
  return `${what}${answer.at ? ` on ${answer.at}` : ''}, as known at ${answer.asKnownAt} (position ${answer.position})`;
}

function renderOrgChart(org: string, answer: Basis & { units: UnitView[] }): string {
  const rows: string[][] = [];
  const visit = (unit: UnitTreeNode, depth: number) => {
    const head = unit.head ? [unit.head.person, unit.head.title].filter(Boolean).join(', ') : '';
    rows.push([`${'  '.repeat(depth)}${unit.name}`, unit.unitId, unit.kind, head, String(unit.competencies.length)]);
    for (const child of unit.children) visit(child, depth + 1);
  };
  for (const root of toUnitTree(answer.units)) visit(root, 0);
  const table = renderTable([{ header: 'unit', minWidth: 30 }, { header: 'id' }, { header: 'kind' }, { header: 'head' }, { header: 'competencies', align: 'right' }], rows);
  return `${basisLine(`${org}: org chart`, answer)}: ${answer.units.length} units\n\n${table}`;
}

function renderPdo(org: string, answer: PdoAnswer): string {
  const rows = answer.objectives.map((o) => [o.objectiveId, o.unitId, o.status, String(o.indicators.length), o.title]);
  const table = renderTable([{ header: 'objective' }, { header: 'unit' }, { header: 'status' }, { header: 'indicators', align: 'right' }, { header: 'title', minWidth: 30 }], rows);
  return `${basisLine(`${org}: PDO ${answer.year}`, answer)}: ${answer.objectives.length} objectives\n\n${table}`;
}

function renderHistory(what: string, answer: HistoryAnswer): string {
  const value = (v: unknown) => (v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));
  const changes = (e: HistoryAnswer['history'][number]) =>
    e.changes.length > 0 ? e.changes.map((c) => `${c.field}: ${value(c.before)} → ${value(c.after)}`).join('; ') : JSON.stringify(e.change);
  const rows = answer.history.map((e) => [e.effectiveFrom, e.recordedAt, e.type, e.act?.id ?? '', e.recordedBy, changes(e)]);
  const table = renderTable(
    [{ header: 'effective' }, { header: 'recorded at' }, { header: 'type' }, { header: 'act' }, { header: 'by' }, { header: 'change', minWidth: 30 }],
    rows,
  );
  return `${basisLine(`${what}: history`, answer)}: ${answer.history.length} entries\n\n${table}`;
}

function renderDiff(org: string, answer: OrgChartDiffAnswer | PdoDiffAnswer): string {
  const basis =
    answer.compare === 'valid-time'
      ? `from ${answer.from} to ${answer.to}, as known at ${answer.asKnownAt} (position ${answer.position})`
      : `on ${answer.at}, as known at ${answer.asKnownFrom} (position ${answer.positionFrom}) and at ${answer.asKnownTo} (position ${answer.positionTo})`;
  const acts = (events: ChangeEvent[]) => events.map((e) => e.act?.id ?? '-').join(', ');
  const rows =
    'year' in answer
      ? answer.changes.map((c) => [c.change, c.objectiveId, c.indicatorId ?? '', c.from ?? '', c.to ?? '', acts(c.events)])
      : answer.changes.map((c) => [c.change, c.unitId ?? '', c.competencyId ?? c.unitName ?? '', c.from ?? '', c.to ?? '', acts(c.events)]);
  const table = renderTable([{ header: 'change' }, { header: 'of' }, { header: 'about' }, { header: 'from', minWidth: 20 }, { header: 'to', minWidth: 20 }, { header: 'acts' }], rows);
  return `${org}: ${'year' in answer ? `PDO ${answer.year} diff` : 'org chart diff'} ${basis}: ${rows.length} changes\n\n${table}`;
}

function renderActs(org: string, answer: Basis & ({ acts: ActSummary[] } | ActDetail)): string {
  if ('act' in answer) {
    const { act, changes, invalidatedChanges } = answer;
    const annulled = act.annulled ? `\nannulled by act ${act.annulled.act?.id ?? '?'} (${act.annulled.reason}), recorded ${act.annulled.recordedAt} by ${act.annulled.recordedBy}` : '';
    const rows = changes.map((c) => [c.effectiveFrom, c.recordedAt, c.type, c.streamId, c.recordedBy, JSON.stringify(c.data)]);
    const table = renderTable([{ header: 'effective' }, { header: 'recorded at' }, { header: 'type' }, { header: 'stream' }, { header: 'by' }, { header: 'data', minWidth: 30 }], rows);
    const invalidated = invalidatedChanges.length > 0 ? `\n\n${invalidatedChanges.length} changes of other acts invalidated by its annulment:\n${renderRecords(invalidatedChanges)}` : '';
    return `${basisLine(`${org}: act ${act.actId}`, answer)}\n${[act.kind, act.date, act.title].filter(Boolean).join(' · ')}${annulled}\n\n${table}${invalidated}`;
  }
  const rows = answer.acts.map((a) => [a.actId, a.kind ?? '', a.date ?? '', a.firstEffectiveFrom, String(a.eventCount), a.annulled ? 'annulled' : '', a.title ?? '']);
  const table = renderTable([{ header: 'act' }, { header: 'kind' }, { header: 'date' }, { header: 'effective' }, { header: 'events', align: 'right' }, { header: 'status' }, { header: 'title', minWidth: 30 }], rows);
  return `${basisLine(`${org}: acts`, answer)}: ${rows.length} acts\n\n${table}`;
}

export const readViews: Record<string, ReadView> = {
  'org-chart': {
    name: 'org-chart',
    exportable: true,
    request: (org, values) => ({ path: `/orgs/${seg(org)}/org-chart`, query: cut(values) }),
    render: renderOrgChart,
  },
  pdo: {
    name: 'pdo',
    exportable: true,
    request: (org, values) => ({ path: `/orgs/${seg(org)}/pdo`, query: { ...cut(values), year: str(values, 'year'), unitId: str(values, 'unit') } }),
    render: renderPdo,
  },
  history: {
    name: 'history',
    exportable: true,
    request(org, values) {
      const unit = str(values, 'unit');
      const objective = str(values, 'objective');
      if ((unit === undefined) === (objective === undefined)) throw new UsageError('history needs exactly one of --unit ID or --objective ID', 'history');
      const path = unit !== undefined ? `/orgs/${seg(org)}/units/${seg(unit)}/history` : `/orgs/${seg(org)}/objectives/${seg(objective!)}/history`;
      return { path, query: { asKnownAt: str(values, 'as-known-at') } };
    },
    render: renderHistory,
  },
  diff: {
    name: 'diff',
    exportable: true,
    request(org, values) {
      const from = str(values, 'from');
      const to = str(values, 'to');
      if (from === undefined || to === undefined) throw new UsageError('diff needs --from DATE and --to DATE', 'diff');
      const view = values['pdo'] === true ? 'pdo' : 'org-chart';
      return { path: `/orgs/${seg(org)}/${view}/diff`, query: { from, to, asKnownAt: str(values, 'as-known-at'), year: str(values, 'year') } };
    },
    render: renderDiff,
  },
  acts: {
    name: 'acts',
    exportable: false,
    request: (org, values, [actId]) => ({
      path: actId === undefined ? `/orgs/${seg(org)}/acts` : `/orgs/${seg(org)}/acts/${seg(actId)}`,
      query: { asKnownAt: str(values, 'as-known-at') },
    }),
    render: renderActs,
  },
};
