/**
 * What importing a plan table into an org would append, decided against the store as known now
 * (docs/import.md, "Plan tables"). Pure given the state it reads (PlanImportState).
 *
 * - The plan is a source of scope complete-plan over its plan years (1 January of the first to
 *   31 December of the last); every fact it states is recorded with basis attested and its
 *   sourceId, effective from the first day of the first plan year.
 * - A directorate is the active unit whose name has the same comparable form (the seeds'
 *   normalisation: case, punctuation and spacing ignored). An unmatched one is established as
 *   attested only when `createUnits` is given; otherwise the import is refused.
 * - An objective is identified by (directorate, ID): the objective of the same unit and ID
 *   (the last part of its id) that this plan or an earlier complete plan of the org attests,
 *   latest plan first; else the objective `<prefix>.<unit id>.<ID>` (prefix: `pdo<first year>`,
 *   the seeds' own scheme), defined by this plan.
 * - Per plan year: a statement the objective does not have for that year is added, a different
 *   one is a revision (before → after), an empty cell where it had one removes it (no objective
 *   that year); all attested by the plan. Within the plan, a wording that changes from one year
 *   to the next revises the title from that year, as the seeds do.
 * - An objective an earlier plan attests for one of these years that this plan omits is
 *   reported "not attested by" the plan: evidence, never a withdrawal.
 * Nothing here appends: the commands are listed, and run by run-plan-import.ts.
 */
import { createHash } from 'node:crypto';
import { ID_PATTERN } from '../../../events/schemas/fragments.ts';
import { comparableForm, differsOnlyInPunctuation } from '../../../seeds/parse/normalize-text.ts';
import { yearRevisions } from '../../../seeds/parse/year-revisions.ts';
import type { ObjectiveView, UnitView } from '../../../projections/views.ts';
import type { Attest, DefineObjective, IndicatorInput, MatrixRow, ObjectiveLink, RegisterSource, ReviseObjective } from '../../commands/command-types.ts';
import { UnprocessableError, type FieldProblem } from '../../errors.ts';
import type { SourceAnswer } from '../../read/source-queries.ts';
import type { PlanRow, PlanTable } from './parse-plan-table.ts';
import { headerMeaning, type PlanColumn } from './plan-table-layout.ts';
import { problemField } from './read-table-file.ts';

export interface PlanImportOptions {
  orgId: string;
  /** The plan's source id (default `<org>.pdo-<first>-<last>`). */
  planId?: string;
  createUnits?: boolean;
}

/** What the planner reads of the store, as known now. */
export interface PlanImportState {
  /** The org's active units on `at`. */
  units(at: string): Promise<UnitView[]>;
  /** The objective on `at`, if it exists (defined by then and not annulled). */
  objective(objectiveId: string, at: string): Promise<ObjectiveView | undefined>;
  sources(): Promise<SourceAnswer[]>;
}

export type PlannedCommand =
  | { kind: 'registerSource'; key: string; input: RegisterSource; line: null }
  | { kind: 'attest'; key: string; input: Attest; line: null }
  | { kind: 'defineObjective'; key: string; input: DefineObjective; line: number }
  | { kind: 'reviseObjective'; key: string; input: ReviseObjective; line: number };

export interface DirectorateMatch {
  directorate: string;
  unitId: string;
  /** Lines of the rows that name it. */
  lines: number[];
  /** matched: an existing unit; created: established as attested by the plan (createUnits). */
  status: 'matched' | 'unmatched' | 'created';
  /** The unit's name in the store (matched), or the kind it would be established with. */
  name: string;
  kind: string;
}

export interface StatementChange {
  objectiveId: string;
  line: number;
  year: string;
  before: string | null;
  after: string | null;
  /** The two texts differ only in punctuation, spacing or case. */
  punctuationOnly: boolean;
}

export interface PlanImportReport {
  file: string;
  orgId: string;
  plan: { sourceId: string; name: string; title: string; years: string[]; period: { from: string; to: string }; registered: boolean };
  directorates: DirectorateMatch[];
  objectives: {
    defined: { objectiveId: string; unitId: string; id: string; line: number; years: Record<string, string> }[];
    /** Statement changes of existing objectives per plan year (added, revised, removed). */
    revisions: StatementChange[];
    /** Existing objectives whose matrix links or indicators the plan changes. */
    otherChanges: { objectiveId: string; line: number; fields: string[] }[];
    /** Existing objectives the plan states as they are. */
    unchanged: string[];
    /** Objectives an earlier plan attests for these years that this plan does not list. */
    notAttested: { objectiveId: string; unitId: string; years: string[]; attestedBy: string; notAttestedBy: string }[];
  };
  /** The commands an import appends (none when everything is already recorded). */
  commands: PlannedCommand[];
  /** Problems that refuse the import (e.g. unmatched directorates without createUnits). */
  problems: FieldProblem[];
}

const SHARED_KIND = 'obiettivo-condiviso';
const OBJECTIVE_ID = new RegExp(ID_PATTERN);

export async function planImport(table: PlanTable, options: PlanImportOptions, state: PlanImportState): Promise<PlanImportReport> {
  const first = table.years[0]!;
  const last = table.years.at(-1)!;
  const start = `${first}-01-01`;
  const period = { from: start, to: `${last}-12-31` };
  const sourceId = options.planId ?? `${options.orgId}.pdo-${first}-${last}`;
  const name = `PDO ${first}-${last}`;
  const title = `Piano degli obiettivi ${name}`;
  const problems: FieldProblem[] = [];
  const sources = await state.sources();
  const existing = sources.find((s) => s.sourceId === sourceId);
  if (existing && (existing.period?.from !== period.from || existing.period?.to !== period.to)) {
    problems.push({ field: 'plan', message: `the source ${sourceId} is registered over ${existing.period?.from ?? existing.issuedOn}..${existing.period?.to ?? existing.issuedOn}, not the plan years ${first}-${last} of this file` });
  }
  const registerSource: RegisterSource = {
    sourceId,
    orgId: options.orgId,
    title,
    kind: 'piano',
    period,
    dateQualifier: {
      kind: 'approximate',
      reason: `the plan table states no date of adoption: it covers its plan years ${first}-${last}; its facts are recorded from the first day of the first plan year`,
    },
    location: { file: table.file },
    scope: { kind: 'complete-plan' },
  };

  const directorates = await matchDirectorates(table, await state.units(start), options, problems);
  const unitOf = new Map(table.rows.map((row) => [directorateKey(row), directorates.find((d) => d.lines.includes(row.line))!]));

  // Objectives of this plan and of earlier complete plans, by (unit, ID): latest plan first.
  const plans = sources
    .filter((s) => s.scope.kind === 'complete-plan' && (s.sourceId === sourceId || (s.period?.from ?? s.issuedOn ?? '') < start))
    .sort((a, b) => (a.sourceId === sourceId ? -1 : b.sourceId === sourceId ? 1 : (b.period?.from ?? b.issuedOn ?? '').localeCompare(a.period?.from ?? a.issuedOn ?? '')));
  const known = new Map<string, { view: ObjectiveView; plan: string }>();
  for (const plan of plans) {
    for (const key of [...plan.facts.attested, ...plan.facts.enacted]) {
      if (!key.startsWith('objective:')) continue;
      const objectiveId = key.slice('objective:'.length);
      const view = await state.objective(objectiveId, start);
      if (!view || view.status !== 'active') continue;
      const rowKey = `${view.unitId}\u0000${objectiveId.slice(objectiveId.lastIndexOf('.') + 1)}`;
      if (!known.has(rowKey)) known.set(rowKey, { view, plan: plan.sourceId });
    }
  }

  const report: PlanImportReport = {
    file: table.file,
    orgId: options.orgId,
    plan: { sourceId, name, title, years: table.years, period, registered: existing !== undefined },
    directorates,
    objectives: { defined: [], revisions: [], otherChanges: [], unchanged: [], notAttested: [] },
    commands: [],
    problems,
  };
  const evidence = { sourceId, basis: 'attested' as const };
  const listed = new Set<string>();
  const objectiveCommands: PlannedCommand[] = [];

  for (const row of table.rows) {
    const directorate = unitOf.get(directorateKey(row))!;
    const unitId = directorate.unitId;
    const match = known.get(`${unitId}\u0000${row.id}`);
    const objectiveId = match?.view.objectiveId ?? `pdo${first}.${unitId}.${row.id}`;
    if (!OBJECTIVE_ID.test(objectiveId)) {
      problems.push({ field: problemField(table.file, row.line, 'ID'), message: `the objective id ${objectiveId} would be longer than 128 characters: give the directorate a shorter "Codice struttura"` });
      continue;
    }
    listed.add(objectiveId);
    const current = match?.view ?? (await state.objective(objectiveId, start));
    const links = linksOf(row, table, current?.links ?? []);
    const matrix = matrixOf(row, table, current?.matrix ?? []);
    const indicators = indicatorsOf(row, objectiveId);
    const where = `${table.file} line ${row.line}, ${row.directorate} ID ${row.id}`;
    const titleRevisions = yearRevisions(row.years, { document: table.file, location: where }, table.years).revisions;
    const firstStatement = row.years[table.years.find((y) => row.years[y] !== undefined)!]!;

    if (!current) {
      report.objectives.defined.push({ objectiveId, unitId, id: row.id, line: row.line, years: row.years });
      objectiveCommands.push(keyed({
        kind: 'defineObjective',
        line: row.line,
        input: {
          orgId: options.orgId,
          objectiveId,
          unitId,
          title: firstStatement,
          plan: name,
          years: { ...row.years },
          ...(row.description !== null ? { description: row.description } : {}),
          links,
          matrix,
          ...(indicators.length > 0 ? { indicators } : {}),
          effectiveFrom: start,
          ...evidence,
        },
      }));
    } else {
      const years: Record<string, string | null> = {};
      for (const year of table.years) {
        const before = current.years?.[year] ?? null;
        const after = row.years[year] ?? null;
        if (before === after) continue;
        years[year] = after;
        report.objectives.revisions.push({ objectiveId, line: row.line, year, before, after, punctuationOnly: before !== null && after !== null && differsOnlyInPunctuation(before, after) });
      }
      const changedIndicators = indicators.filter((i) => {
        const had = current.indicators.find((c) => c.indicatorId === i.indicatorId);
        return !had || had.description !== i.description || had.kind !== (i.kind ?? null) || had.unit !== (i.unit ?? null) || had.target !== i.target;
      });
      const linksChanged = JSON.stringify(links) !== JSON.stringify(current.links);
      const matrixChanged = JSON.stringify(matrix.map(withoutLine)) !== JSON.stringify(current.matrix.map(withoutLine));
      const titleChanged = current.title !== firstStatement;
      const descriptionChanged = has(table, 'description') && current.description !== row.description;
      const fields = [...(linksChanged ? ['links'] : []), ...(matrixChanged ? ['matrix'] : []), ...(descriptionChanged ? ['description'] : []), ...(changedIndicators.length > 0 ? ['indicators'] : []), ...(titleChanged ? ['title'] : [])];
      if (fields.length > 0) report.objectives.otherChanges.push({ objectiveId, line: row.line, fields });
      if (Object.keys(years).length > 0 || fields.length > 0) {
        revise(row.line, objectiveId, {
          ...(Object.keys(years).length > 0 ? { years } : {}),
          ...(titleChanged ? { title: firstStatement } : {}),
          ...(linksChanged ? { links } : {}),
          ...(matrixChanged ? { matrix } : {}),
          ...(descriptionChanged ? { description: row.description } : {}),
          ...(changedIndicators.length > 0 ? { indicators: changedIndicators } : {}),
          effectiveFrom: start,
          reason: `${name} (${where}) states it so`,
        });
      } else report.objectives.unchanged.push(objectiveId);
      if (current.status !== 'active') problems.push({ field: problemField(table.file, row.line, 'ID'), message: `objective ${objectiveId} is withdrawn on ${start}` });
    }
    // Within the plan, the wording of a later year revises the title from that year (as the seeds do).
    for (const revision of titleRevisions) {
      const effectiveFrom = `${revision.year}-01-01`;
      const stood = current ? (await state.objective(objectiveId, effectiveFrom))?.title : undefined;
      if (stood === revision.title) continue;
      revise(row.line, objectiveId, {
        title: revision.title,
        effectiveFrom,
        attestedPeriod: { from: effectiveFrom, to: period.to },
        reason: `${name} words this objective differently for ${revision.year} (${where}, column ${revision.year})`,
      });
    }
  }

  for (const [, { view, plan }] of known) {
    if (listed.has(view.objectiveId) || plan === sourceId) continue;
    const years = table.years.filter((y) => view.years === null || view.years[y] !== undefined);
    if (years.length === 0) continue;
    report.objectives.notAttested.push({ objectiveId: view.objectiveId, unitId: view.unitId, years, attestedBy: plan, notAttestedBy: sourceId });
  }

  const attest: Attest = {
    orgId: options.orgId,
    sourceId,
    units: directorates.map((d) => (d.status === 'matched' ? { unitId: d.unitId, name: d.name } : { unitId: d.unitId, name: d.directorate, kind: d.kind, parentId: null })),
  };
  const unitsAttested = sources.find((s) => s.sourceId === sourceId)?.facts.attested ?? [];
  const needsAttest = directorates.some((d) => !unitsAttested.includes(`unit:${d.unitId}`));
  report.commands = [
    ...(existing ? [] : [keyed({ kind: 'registerSource', line: null, input: registerSource })]),
    ...(needsAttest ? [keyed({ kind: 'attest', line: null, input: attest })] : []),
    ...objectiveCommands,
  ];
  return report;

  function revise(line: number, objectiveId: string, change: Omit<ReviseObjective, 'orgId' | 'objectiveId' | 'sourceId' | 'basis'>): void {
    objectiveCommands.push(keyed({ kind: 'reviseObjective', line, input: { orgId: options.orgId, objectiveId, ...change, ...evidence } }));
  }

  function keyed<C extends Omit<PlannedCommand, 'key'>>(command: C): C & { key: string } {
    const digest = createHash('sha256').update(JSON.stringify(command.input)).digest('base64url').slice(0, 22);
    return { ...command, key: `plan-import:${sourceId}:${command.kind}:${digest}` };
  }
}

/** Throws the refusal when the report has problems (used by the import, not by the dry run). */
export function refuseIfProblems(report: PlanImportReport): void {
  if (report.problems.length > 0) throw new UnprocessableError(`${report.file}: the plan cannot be imported into ${report.orgId} as it stands; nothing was appended`, report.problems);
}

/** Rows name one directorate when they give the same unit code, or (without one) names of the same comparable form. */
function directorateKey(row: PlanRow): string {
  return row.unitCode !== null ? `code:${row.unitCode}` : `name:${comparableForm(row.directorate)}`;
}

async function matchDirectorates(table: PlanTable, units: UnitView[], options: PlanImportOptions, problems: FieldProblem[]): Promise<DirectorateMatch[]> {
  const byForm = new Map<string, UnitView[]>();
  for (const unit of units) byForm.set(comparableForm(unit.name), [...(byForm.get(comparableForm(unit.name)) ?? []), unit]);
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const matches = new Map<string, DirectorateMatch>();
  for (const row of table.rows) {
    const key = directorateKey(row);
    const seen = matches.get(key);
    if (seen) {
      seen.lines.push(row.line);
      continue;
    }
    const form = comparableForm(row.directorate);
    const where = problemField(table.file, row.line, row.unitCode !== null ? 'Codice struttura' : 'Direzione');
    const candidates = row.unitCode !== null ? [byId.get(row.unitCode)].filter((u) => u !== undefined) : (byForm.get(form) ?? []);
    if (candidates.length > 1) problems.push({ field: where, message: `"${row.directorate}" matches ${candidates.length} units (${candidates.map((u) => u.unitId).join(', ')}): give its "Codice struttura"` });
    const unit = candidates[0];
    if (unit && comparableForm(unit.name) !== form) problems.push({ field: where, message: `unit ${unit.unitId} is "${unit.name}" on the plan's first day, not "${row.directorate}"` });
    if (unit) {
      matches.set(key, { directorate: row.directorate, unitId: unit.unitId, lines: [row.line], status: 'matched', name: unit.name, kind: unit.kind });
      continue;
    }
    const unitId = row.unitCode ?? unitIdFor(row.directorate);
    if (byId.has(unitId)) problems.push({ field: where, message: `"${row.directorate}" matches no unit by name, and its id ${unitId} is taken by "${byId.get(unitId)!.name}"` });
    matches.set(key, { directorate: row.directorate, unitId, lines: [row.line], status: options.createUnits ? 'created' : 'unmatched', name: row.directorate, kind: kindFor(row.directorate) });
  }
  for (const m of matches.values()) {
    if (m.status !== 'unmatched') continue;
    problems.push({
      field: problemField(table.file, m.lines[0]!, 'Direzione'),
      message: `the directorate "${m.directorate}" (lines ${m.lines.join(', ')}) matches no active unit by name; confirm with createUnits=true (--create-units) to establish it as attested by the plan, as ${m.unitId}`,
    });
  }
  return [...matches.values()];
}

/** The id a directorate is established under: its comparable form, accents dropped, as a slug. */
export function unitIdFor(directorate: string): string {
  const slug = comparableForm(directorate).normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return (slug || 'direzione').slice(0, 80).replace(/-$/, '');
}

/** The kind a directorate is established with, read from its first word (a "DS …" is a direzione, as in the seeds). */
export function kindFor(directorate: string): string {
  const word = comparableForm(directorate).split(' ')[0] ?? '';
  if (word === 'area') return 'area';
  if (word === 'segreteria') return 'segreteria';
  if (word === 'settore') return 'settore';
  if (word === 'unità' || word === 'unita') return 'unita';
  return 'direzione';
}

const has = (table: PlanTable, column: PlanColumn) => table.header.some((h) => {
  const meaning = headerMeaning(h);
  return meaning.kind === 'column' && meaning.column === column;
});

/**
 * The objective's links after this plan: its shared objective replaces the shared link when the
 * file has those columns; other links stay.
 */
function linksOf(row: PlanRow, table: PlanTable, previous: readonly ObjectiveLink[]): ObjectiveLink[] {
  const links = previous.filter((l) => !(has(table, 'sharedCode') && l.kind === SHARED_KIND));
  if (row.shared && !links.some((l) => l.kind === SHARED_KIND && l.code === row.shared!.code)) links.push({ kind: SHARED_KIND, code: row.shared.code, title: row.shared.title });
  return links;
}

/**
 * The objective's public-value matrix after this plan: when the file has matrix columns, its rows
 * for the matrix year are the row's entries, one per line, the i-th line of each of the three
 * cells being one matrix row (its `line`: the table's line); rows of other years stay.
 */
function matrixOf(row: PlanRow, table: PlanTable, previous: readonly MatrixRow[]): MatrixRow[] {
  if (!(['programma', 'dimension', 'driver'] as const).some((c) => has(table, c))) return [...previous];
  const { programma, dimension, driver } = row.matrix;
  const rows: MatrixRow[] = Array.from({ length: Math.max(programma.length, dimension.length, driver.length) }, (_, i) => ({
    programmaOperativo: programma[i] || null,
    dimension: dimension[i] || null,
    driver: driver[i] || null,
    year: row.matrixYear,
    line: row.line,
  }));
  return [...previous.filter((m) => m.year !== row.matrixYear), ...rows];
}

/** A matrix row compared without its line: moving a row in the file changes no fact. */
function withoutLine({ line: _line, ...row }: MatrixRow): Omit<MatrixRow, 'line'> {
  return row;
}

function indicatorsOf(row: PlanRow, objectiveId: string): IndicatorInput[] {
  return row.indicators.map((i, n) => ({
    indicatorId: i.indicatorId ?? `${objectiveId}.i${n + 1}`,
    description: i.description,
    ...(i.kind !== null ? { kind: i.kind } : {}),
    ...(i.unit !== null ? { unit: i.unit } : {}),
    target: i.target,
  }));
}
