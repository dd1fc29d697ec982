/**
 * A plan as a plan table (docs/import.md, "Plan tables"): one row per objective the plan
 * (a complete-plan source) attests, as the plan states it (the objectives as they stood on the
 * first day of its period, as known at the cut): its directorate and unit code, its ID (the last
 * part of its id), its statement per plan year, its public-value matrix entries, its shared
 * objective and its indicators. Importing the table into an empty store (with createUnits, the
 * org registered) gives the same PDO answers: test/import/plan-round-trip.int.test.ts.
 */
import type { ObjectiveView } from '../../../projections/views.ts';
import { UnprocessableError } from '../../errors.ts';
import type { CsvTable } from '../../http/export/csv.ts';
import type { QueryService } from '../../read/queries.ts';
import { queryState } from './import-plan-table.ts';
import { PLAN_COLUMNS, type PlanColumn } from './plan-table-layout.ts';

const header = (column: PlanColumn) => PLAN_COLUMNS[column][0]!;
const lines = (values: (string | number | null)[]) => values.map((v) => (v === null ? '' : String(v))).join('\n');

export async function exportPlanTable(queries: QueryService, orgId: string, planId: string): Promise<{ name: string; table: CsvTable }> {
  const state = queryState(queries, orgId);
  const plan = (await state.sources()).find((s) => s.sourceId === planId);
  if (!plan) throw new UnprocessableError(`no source ${planId} is registered for ${orgId}`, [{ field: 'planId', message: 'unknown plan' }]);
  if (plan.scope.kind !== 'complete-plan' || !plan.period) {
    throw new UnprocessableError(`source ${planId} is not a plan (scope complete-plan, with a period)`, [{ field: 'planId', message: `scope ${plan.scope.kind}` }]);
  }
  const start = plan.period.from;
  const years = Array.from({ length: Number(plan.period.to.slice(0, 4)) - Number(start.slice(0, 4)) + 1 }, (_, i) => String(Number(start.slice(0, 4)) + i));
  const names = new Map((await state.units(start)).map((u) => [u.unitId, u.name]));
  const ids = [...new Set([...plan.facts.attested, ...plan.facts.enacted].filter((k) => k.startsWith('objective:')).map((k) => k.slice('objective:'.length)))];
  const objectives: ObjectiveView[] = [];
  for (const id of ids) {
    const view = await state.objective(id, start);
    if (view && view.years !== null) objectives.push(view);
  }
  const rows = objectives.map((o) => {
    const matrix = matrixColumns(o);
    const shared = o.links.find((l) => l.kind === 'obiettivo-condiviso');
    return [
      names.get(o.unitId) ?? o.unitId,
      o.unitId,
      o.objectiveId.slice(o.objectiveId.lastIndexOf('.') + 1),
      ...years.map((y) => o.years?.[y] ?? ''),
      o.description ?? '',
      lines(matrix.programma),
      lines(matrix.dimension),
      lines(matrix.driver),
      matrix.year === null || matrix.year === Number(years[0]) ? '' : String(matrix.year),
      shared?.code ?? '',
      shared?.title ?? '',
      lines(o.indicators.map((i) => i.indicatorId)),
      lines(o.indicators.map((i) => i.description)),
      lines(o.indicators.map((i) => i.kind)),
      lines(o.indicators.map((i) => i.unit)),
      lines(o.indicators.map((i) => i.target)),
    ];
  });
  const columns = [
    header('directorate'),
    header('unitCode'),
    header('id'),
    ...years.map((y) => `Obiettivi Anno ${y}`),
    header('description'),
    header('programma'),
    header('dimension'),
    header('driver'),
    header('matrixYear'),
    header('sharedCode'),
    header('sharedTitle'),
    header('indicatorId'),
    header('indicator'),
    header('indicatorKind'),
    header('indicatorUnit'),
    header('target'),
  ];
  return { name: `plan-${planId}`, table: { columns, rows } };
}

/**
 * The matrix cells of an objective: its matrix rows, one line each (an empty line where a row
 * leaves a field empty). An objective recorded before matrix rows existed (data v1) keeps its
 * matrix as links of the three kinds: those are written one per line, each kind in its column.
 */
function matrixColumns(o: ObjectiveView): { programma: (string | null)[]; dimension: (string | null)[]; driver: (string | null)[]; year: number | null } {
  if (o.matrix.length > 0) {
    return { programma: o.matrix.map((m) => m.programmaOperativo), dimension: o.matrix.map((m) => m.dimension), driver: o.matrix.map((m) => m.driver), year: o.matrix[0]!.year };
  }
  const titles = (kind: string) => o.links.filter((l) => l.kind === kind);
  const links = { programma: titles('programma-operativo'), dimension: titles('dimensione-valore-pubblico'), driver: titles('driver-valore-pubblico') };
  return {
    programma: links.programma.map((l) => l.title),
    dimension: links.dimension.map((l) => l.title),
    driver: links.driver.map((l) => l.title),
    year: [...links.programma, ...links.dimension, ...links.driver][0]?.year ?? null,
  };
}
