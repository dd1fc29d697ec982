/**
 * The read views the CLI shows and exports: for each, the API path and query built from the
 * command line (with, for each query field, the flag it came from, so that an API error names
 * the flag), and a human rendering in the chosen language (answers are the API's JSON, typed
 * by the server's own answer types). `org-chart`, `pdo`, `history` and `diff` can be exported;
 * `acts` and `orgs` are shown only. Where an answer carries `evidence` (how each fact is known),
 * the tables show its status in a column of their own.
 */
import type { UnitView } from '../../projections/views.ts';
import type { HistoryAnswer } from '../http/export/history-rows.ts';
import type { PdoAnswer } from '../http/export/pdo-rows.ts';
import type { ActChange, ActDetail, ActSummary } from '../read/acts-queries.ts';
import type { OrgChartDiffAnswer, PdoDiffAnswer } from '../read/diff/diff-queries.ts';
import type { ChangeEvent } from '../read/diff/diff-window.ts';
import type { Basis } from '../read/resolve-cut.ts';
import { toUnitTree, walkUnitTree } from '../read/org-chart-tree.ts';
import { UsageError } from './cli-errors.ts';
import { dateFlag, knownAtFlag } from './cli-dates.ts';
import type { Query } from './http-client.ts';
import { counted, type Messages } from './messages.ts';
import { renderRecords, renderTable, type Column } from './table.ts';

export type OptionValues = Record<string, string | boolean | undefined>;

/** A request of the API and, for each query field, the CLI flag its value came from. */
export interface ViewRequest {
  path: string;
  query: Query;
  flags: Record<string, string>;
}

/** How output is shown: the language's messages and the table width (Infinity with --wide). */
export interface Ui {
  m: Messages;
  width: number;
}

export interface ReadView {
  name: string;
  exportable: boolean;
  request(org: string, values: OptionValues, extra: string[], m: Messages): ViewRequest;
  render(org: string, answer: any, ui: Ui, values: OptionValues): string;
}

const seg = encodeURIComponent;
/** A string option's value; undefined when absent. */
export const str = (values: OptionValues, key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);

/** The query of a request from [api field, flag, value] triples; absent values are left out. */
function fromFlags(path: string, fields: [field: string, flag: string, value: string | undefined][]): ViewRequest {
  return {
    path,
    query: Object.fromEntries(fields.map(([field, , value]) => [field, value])),
    flags: Object.fromEntries(fields.map(([field, flag]) => [field, `--${flag}`])),
  };
}

const knownAt = (values: OptionValues, m: Messages, command: string): [string, string, string | undefined] => [
  'asKnownAt',
  'as-known-at',
  knownAtFlag(m, 'as-known-at', str(values, 'as-known-at'), command),
];
const dateField = (field: string, flag: string, values: OptionValues, m: Messages, command: string): [string, string, string | undefined] => [
  field,
  flag,
  dateFlag(m, flag, str(values, flag), command),
];

interface Evidence {
  status: string;
  lastAttestedOn?: string | null;
}

function evidenceOf(item: unknown): Evidence | undefined {
  const evidence = (item as { evidence?: Evidence } | null)?.evidence;
  return evidence && typeof evidence.status === 'string' ? evidence : undefined;
}

/** The evidence column and its cells, when any of the items carries evidence; nothing otherwise. */
function evidenceColumn(m: Messages, items: unknown[]): { columns: Column[]; cell(item: unknown): string[] } {
  if (!items.some((item) => evidenceOf(item) !== undefined)) return { columns: [], cell: () => [] };
  return {
    columns: [{ header: m.headers.evidence }],
    cell: (item) => {
      const evidence = evidenceOf(item);
      return [evidence ? m.evidence(evidence.status, evidence.lastAttestedOn) : ''];
    },
  };
}

const numberText = (m: Messages, value: number) => new Intl.NumberFormat(m.lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 6 }).format(value);

function renderOrgChart(org: string, answer: Basis & { units: UnitView[] }, { m, width }: Ui): string {
  const evidence = evidenceColumn(m, answer.units);
  const rows: string[][] = [];
  walkUnitTree(toUnitTree(answer.units), (unit, ancestors) => {
    const head = unit.head ? [unit.head.person, unit.head.title].filter(Boolean).join(', ') : '';
    rows.push([`${'  '.repeat(ancestors.length)}${unit.name}`, unit.unitId, unit.kind, ...evidence.cell(unit), head, String(unit.competencies.length)]);
  });
  const h = m.headers;
  const table = renderTable(
    [{ header: h.unit, wrap: true, minWidth: 24 }, { header: h.id }, { header: h.kind }, ...evidence.columns, { header: h.head, wrap: true }, { header: h.competencies, align: 'right' }],
    rows,
    width,
  );
  return `${org}: ${m.basis(m.titles.orgChart, answer)}: ${counted(m.lang, answer.units.length, m.nouns.unit)}\n\n${table}`;
}

function renderPdo(org: string, answer: PdoAnswer, { m, width }: Ui): string {
  const evidence = evidenceColumn(m, answer.objectives);
  const rows: string[][] = [];
  for (const o of answer.objectives) {
    rows.push([o.objectiveId, o.unitId, m.objectiveStatus(o.status), ...evidence.cell(o), '', '', o.title]);
    for (const i of o.indicators) {
      const unit = i.unit ? ` ${i.unit}` : '';
      const latest = i.latest ? `${numberText(m, i.latest.value)}${unit} (${i.latest.measuredAt})` : m.none;
      rows.push([`  ${i.indicatorId}`, '', '', ...evidence.columns.map(() => ''), `${numberText(m, i.target)}${unit}`, latest, i.description]);
    }
  }
  const h = m.headers;
  const table = renderTable(
    [{ header: h.objectiveOrIndicator }, { header: h.unit }, { header: h.status }, ...evidence.columns, { header: h.target, align: 'right' }, { header: h.latest, align: 'right' }, { header: h.title, wrap: true, minWidth: 30 }],
    rows,
    width,
  );
  const indicators = answer.objectives.reduce((sum, o) => sum + o.indicators.length, 0);
  return `${org}: ${m.basis(m.titles.pdo(answer.year), answer)}: ${counted(m.lang, answer.objectives.length, m.nouns.objective)}, ${counted(m.lang, indicators, m.nouns.indicator)}\n\n${table}`;
}

const valueText = (m: Messages, v: unknown) => (v === null || v === undefined ? m.none : typeof v === 'string' ? v : JSON.stringify(v));

function renderHistory(org: string, answer: HistoryAnswer, { m, width }: Ui, values: OptionValues): string {
  const what = `${org} ${str(values, 'unit') ?? str(values, 'objective') ?? ''}`.trimEnd();
  const rows: string[][] = [];
  for (const e of answer.history) {
    const changes = e.changes.length > 0 ? e.changes.map((c) => `${c.field}: ${valueText(m, c.before)} → ${valueText(m, c.after)}`) : [JSON.stringify(e.change)];
    changes.forEach((change, k) => rows.push(k === 0 ? [e.effectiveFrom, e.recordedAt, m.eventLabel(e.type), e.act?.id ?? '', e.recordedBy, change] : ['', '', '', '', '', change]));
  }
  const h = m.headers;
  const table = renderTable(
    [{ header: h.effective }, { header: h.recordedAt }, { header: h.type }, { header: h.act }, { header: h.by, wrap: true, minWidth: 14 }, { header: h.change, wrap: true, minWidth: 30 }],
    rows,
    width,
  );
  return `${m.basis(`${what}: ${m.titles.history}`, answer)}: ${counted(m.lang, answer.history.length, m.nouns.change)}\n\n${table}`;
}

function renderDiff(org: string, answer: OrgChartDiffAnswer | PdoDiffAnswer, { m, width }: Ui): string {
  const basis =
    answer.compare === 'valid-time'
      ? m.diffBasis(answer.from, answer.to, answer)
      : m.diffBasisSystem(answer.at, { asKnownAt: answer.asKnownFrom, position: answer.positionFrom }, { asKnownAt: answer.asKnownTo, position: answer.positionTo });
  const title = 'year' in answer ? m.titles.pdoDiff(answer.year) : m.titles.orgChartDiff;
  const head = `${org}: ${title} ${basis}: ${counted(m.lang, answer.changes.length, m.nouns.change)}`;
  if (answer.changes.length === 0) return `${head}\n\n${m.noChanges(answer.compare === 'valid-time' ? answer.from : undefined, answer.compare === 'valid-time' ? answer.to : undefined)}`;
  const acts = (events: ChangeEvent[]) => [...new Set(events.map((e) => e.act?.id ?? m.none))].join(', ');
  const rows =
    'year' in answer
      ? answer.changes.map((c) => [c.change, c.objectiveId, c.indicatorId ?? '', c.from ?? m.none, c.to ?? m.none, acts(c.events)])
      : answer.changes.map((c) => [c.change, c.unitId ?? '', c.competencyId ?? c.unitName ?? '', c.from ?? m.none, c.to ?? m.none, acts(c.events)]);
  const h = m.headers;
  const table = renderTable(
    [{ header: h.change }, { header: h.of }, { header: h.about, wrap: true, minWidth: 16 }, { header: h.from, wrap: true, minWidth: 20 }, { header: h.to, wrap: true, minWidth: 20 }, { header: h.acts, wrap: true, minWidth: 16 }],
    rows,
    width,
  );
  return `${head}\n\n${table}`;
}

const SUBJECT_FIELDS = ['unitId', 'competencyId', 'objectiveId', 'indicatorId', 'actId', 'orgId'];

/** One change of an act as a table row: what kind of change, what it is about, and the rest of what it set. */
function actChangeRow(m: Messages, change: ActChange): string[] {
  const subjectField = SUBJECT_FIELDS.find((field) => typeof change.data[field] === 'string');
  const subject = subjectField ? String(change.data[subjectField]) : change.streamId;
  const details = Object.entries(change.data)
    .filter(([field]) => field !== subjectField)
    .map(([field, value]) => `${field}: ${valueText(m, value)}`)
    .join('; ');
  return [change.effectiveFrom, change.recordedAt, m.eventLabel(change.type), subject, details];
}

function renderActs(org: string, answer: Basis & ({ acts: ActSummary[] } | ActDetail), { m, width }: Ui): string {
  const h = m.headers;
  if ('act' in answer) {
    const { act, changes, invalidatedChanges } = answer;
    const annulled = act.annulled ? `\n${m.annulledBy(act.annulled.act?.id ?? '?', act.annulled.reason, act.annulled.recordedAt, act.annulled.recordedBy)}` : '';
    const table = renderTable(
      [{ header: h.effective }, { header: h.recordedAt }, { header: h.change }, { header: h.subject }, { header: h.details, wrap: true, minWidth: 30 }],
      changes.map((change) => actChangeRow(m, change)),
      width,
    );
    const invalidated = invalidatedChanges.length > 0 ? `\n\n${m.invalidated(invalidatedChanges.length)}\n${renderRecords(invalidatedChanges, width)}` : '';
    return `${org}: ${m.basis(m.titles.act(act.actId), answer)}: ${counted(m.lang, changes.length, m.nouns.change)}\n${[act.kind, act.date, act.title].filter(Boolean).join(' · ')}${annulled}\n\n${table}${invalidated}`;
  }
  const rows = answer.acts.map((a) => [a.actId, a.kind ?? '', a.date ?? '', a.firstEffectiveFrom, String(a.eventCount), a.annulled ? m.annulled : '', a.title ?? '']);
  const table = renderTable(
    [{ header: h.act }, { header: h.kind }, { header: h.date }, { header: h.effective }, { header: h.events, align: 'right' }, { header: h.status }, { header: h.title, wrap: true, minWidth: 30 }],
    rows,
    width,
  );
  return `${org}: ${m.basis(m.titles.acts, answer)}: ${counted(m.lang, rows.length, m.nouns.act)}\n\n${table}`;
}

interface OrgsAnswer extends Basis {
  orgs: { orgId: string; name: string; registeredAt: string }[];
}

function renderOrgs(_org: string, answer: OrgsAnswer, { m, width }: Ui): string {
  const h = m.headers;
  const table = renderTable([{ header: h.id }, { header: h.name, wrap: true }, { header: h.registeredAt }], answer.orgs.map((o) => [o.orgId, o.name, o.registeredAt]), width);
  return `${m.basis(m.titles.orgs, { ...answer, at: null })}: ${counted(m.lang, answer.orgs.length, m.nouns.org)}\n\n${table}`;
}

export const readViews: Record<string, ReadView> = {
  orgs: {
    name: 'orgs',
    exportable: false,
    request: (_org, values, _extra, m) => fromFlags('/orgs', [knownAt(values, m, 'orgs')]),
    render: renderOrgs,
  },
  'org-chart': {
    name: 'org-chart',
    exportable: true,
    request: (org, values, _extra, m) => fromFlags(`/orgs/${seg(org)}/org-chart`, [dateField('at', 'at', values, m, 'org-chart'), knownAt(values, m, 'org-chart')]),
    render: renderOrgChart,
  },
  pdo: {
    name: 'pdo',
    exportable: true,
    request: (org, values, _extra, m) =>
      fromFlags(`/orgs/${seg(org)}/pdo`, [['year', 'year', str(values, 'year')], ['unitId', 'unit', str(values, 'unit')], dateField('at', 'at', values, m, 'pdo'), knownAt(values, m, 'pdo')]),
    render: renderPdo,
  },
  history: {
    name: 'history',
    exportable: true,
    request(org, values, _extra, m) {
      const unit = str(values, 'unit');
      const objective = str(values, 'objective');
      if ((unit === undefined) === (objective === undefined)) throw new UsageError(m.historyNeedsOne, 'history');
      const path = unit !== undefined ? `/orgs/${seg(org)}/units/${seg(unit)}/history` : `/orgs/${seg(org)}/objectives/${seg(objective!)}/history`;
      return fromFlags(path, [knownAt(values, m, 'history')]);
    },
    render: renderHistory,
  },
  diff: {
    name: 'diff',
    exportable: true,
    request(org, values, _extra, m) {
      if (str(values, 'from') === undefined || str(values, 'to') === undefined) throw new UsageError(m.diffNeedsDates, 'diff');
      const view = values['pdo'] === true ? 'pdo' : 'org-chart';
      return fromFlags(`/orgs/${seg(org)}/${view}/diff`, [dateField('from', 'from', values, m, 'diff'), dateField('to', 'to', values, m, 'diff'), knownAt(values, m, 'diff'), ['year', 'year', str(values, 'year')]]);
    },
    render: renderDiff,
  },
  acts: {
    name: 'acts',
    exportable: false,
    request: (org, values, [actId], m) => fromFlags(actId === undefined ? `/orgs/${seg(org)}/acts` : `/orgs/${seg(org)}/acts/${seg(actId)}`, [knownAt(values, m, 'acts')]),
    render: renderActs,
  },
};
