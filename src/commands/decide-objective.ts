/**
 * Decides objective commands against the objective and the org chart as they stood on the
 * effective date (as known now). Pure: the views are passed in; problems name the field.
 */
import type { ObjectiveView } from '../../projections/views.ts';
import type { ObjectiveRevised } from '../../events/types.ts';
import type { FieldProblem } from '../errors.ts';
import type { DefineObjective, IndicatorInput, MatrixRow, MatrixRowInput, PlanItemLink, PlanItemLinkInput, ReviseObjective, WithdrawObjective } from './command-types.ts';
import type { Decision, EventDraft } from './decide-reorganization.ts';

export interface ObjectiveContext {
  /** True if the unit is active in the org on the effective date. */
  unitActive(unitId: string): boolean;
  /** The objective owning an indicator id anywhere in the org, if any. */
  indicatorOwner(indicatorId: string): string | undefined;
  /** True if the org has the plan item (defined, as known now). */
  planItemKnown(itemId: string): boolean;
}

export function decideDefineObjective(cmd: DefineObjective, ctx: ObjectiveContext): Decision {
  const problems: FieldProblem[] = [];
  if (!ctx.unitActive(cmd.unitId)) problems.push({ field: 'unitId', message: `unit ${cmd.unitId} is not active on ${cmd.effectiveFrom}` });
  const indicators = cmd.indicators ?? [];
  problems.push(...indicatorIdProblems(indicators, cmd.objectiveId, ctx), ...planItemProblems(cmd.planItems ?? [], ctx));
  if (problems.length > 0) return { ok: false, problems };
  const events: EventDraft[] = [
    {
      type: 'ObjectiveDefined',
      data: {
        objectiveId: cmd.objectiveId,
        unitId: cmd.unitId,
        title: cmd.title,
        plan: cmd.plan ?? null,
        years: cmd.years ?? null,
        description: cmd.description ?? null,
        links: cmd.links ?? [],
        matrix: (cmd.matrix ?? []).map(matrixRow),
        planItems: (cmd.planItems ?? []).map(planItemLink),
      },
    },
    ...indicators.map((i): EventDraft => ({
      type: 'IndicatorDefined',
      data: { indicatorId: i.indicatorId, objectiveId: cmd.objectiveId, description: i.description, kind: i.kind ?? null, unit: i.unit ?? null, target: i.target },
    })),
  ];
  return { ok: true, events };
}

export function decideReviseObjective(cmd: ReviseObjective, current: ObjectiveView, ctx: ObjectiveContext): Decision {
  const problems = lifecycleProblems(current, cmd.effectiveFrom);
  if (cmd.unitId !== undefined && !ctx.unitActive(cmd.unitId)) problems.push({ field: 'unitId', message: `unit ${cmd.unitId} is not active on ${cmd.effectiveFrom}` });
  const indicators = cmd.indicators ?? [];
  problems.push(...indicatorIdProblems(indicators, cmd.objectiveId, ctx), ...planItemProblems(cmd.planItems ?? [], ctx));
  if (problems.length > 0) return { ok: false, problems };

  const changes: Omit<ObjectiveRevised, 'objectiveId' | 'reason'> = {};
  if (cmd.title !== undefined && cmd.title !== current.title) changes.title = cmd.title;
  if (cmd.description !== undefined && cmd.description !== current.description) changes.description = cmd.description;
  const matrix = cmd.matrix?.map(matrixRow);
  if (matrix !== undefined && JSON.stringify(matrix) !== JSON.stringify(current.matrix)) changes.matrix = matrix;
  const planItems = cmd.planItems?.map(planItemLink);
  if (planItems !== undefined && JSON.stringify(planItems) !== JSON.stringify(current.planItems)) changes.planItems = planItems;
  if (cmd.unitId !== undefined && cmd.unitId !== current.unitId) changes.unitId = cmd.unitId;
  if (cmd.links !== undefined && JSON.stringify(cmd.links) !== JSON.stringify(current.links)) changes.links = cmd.links;
  if (cmd.years !== undefined) {
    const years = Object.fromEntries(Object.entries(cmd.years).filter(([year, statement]) => (current.years?.[year] ?? null) !== statement));
    if (Object.keys(years).length > 0 || current.years === null) changes.years = years;
  }
  const events: EventDraft[] = [];
  if (Object.keys(changes).length > 0) {
    events.push({ type: 'ObjectiveRevised', data: { objectiveId: cmd.objectiveId, ...changes, reason: cmd.reason ?? null } });
  }
  events.push(...indicatorRevisions(cmd.objectiveId, indicators, current));
  if (events.length === 0) return { ok: false, problems: [{ field: '', message: 'the revision changes nothing: every field already has the given value' }] };
  return { ok: true, events };
}

export function decideWithdrawObjective(cmd: WithdrawObjective, current: ObjectiveView): Decision {
  const problems = lifecycleProblems(current, cmd.effectiveFrom);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, events: [{ type: 'ObjectiveWithdrawn', data: { objectiveId: cmd.objectiveId, reason: cmd.reason } }] };
}

function lifecycleProblems(current: ObjectiveView, effectiveFrom: string): FieldProblem[] {
  if (effectiveFrom < current.effectiveFrom) {
    return [{ field: 'effectiveFrom', message: `the objective is only defined from ${current.effectiveFrom}` }];
  }
  if (current.status === 'withdrawn') return [{ field: 'effectiveFrom', message: `the objective is withdrawn on ${effectiveFrom}` }];
  return [];
}

function indicatorIdProblems(indicators: IndicatorInput[], objectiveId: string, ctx: ObjectiveContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  indicators.forEach((indicator, index) => {
    const owner = ctx.indicatorOwner(indicator.indicatorId);
    if (seen.has(indicator.indicatorId)) problems.push({ field: `indicators/${index}/indicatorId`, message: `duplicate id ${indicator.indicatorId} in this command` });
    else if (owner !== undefined && owner !== objectiveId) {
      problems.push({ field: `indicators/${index}/indicatorId`, message: `indicator ${indicator.indicatorId} belongs to objective ${owner}` });
    }
    seen.add(indicator.indicatorId);
  });
  return problems;
}

/** A matrix row with every field, in one key order (so equal rows compare equal). */
function matrixRow(row: MatrixRowInput): MatrixRow {
  return { programmaOperativo: row.programmaOperativo ?? null, dimension: row.dimension ?? null, driver: row.driver ?? null, year: row.year ?? null, line: row.line ?? null };
}

function planItemLink(link: PlanItemLinkInput): PlanItemLink {
  return { itemId: link.itemId, basis: link.basis, reason: link.reason ?? null };
}

/** Each linked item exists and is linked once; an inferred link says why. */
function planItemProblems(links: PlanItemLinkInput[], ctx: ObjectiveContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  links.forEach((link, index) => {
    if (seen.has(link.itemId)) problems.push({ field: `planItems/${index}/itemId`, message: `item ${link.itemId} is linked twice` });
    else if (!ctx.planItemKnown(link.itemId)) problems.push({ field: `planItems/${index}/itemId`, message: `unknown plan item ${link.itemId}: define it first` });
    if (link.basis === 'inferred' && !link.reason) problems.push({ field: `planItems/${index}/reason`, message: 'an inferred link needs its reason' });
    seen.add(link.itemId);
  });
  return problems;
}

function indicatorRevisions(objectiveId: string, indicators: IndicatorInput[], current: ObjectiveView): EventDraft[] {
  const events: EventDraft[] = [];
  for (const input of indicators) {
    const existing = current.indicators.find((i) => i.indicatorId === input.indicatorId);
    const unit = input.unit ?? null;
    const kind = input.kind ?? null;
    if (!existing) {
      events.push({ type: 'IndicatorDefined', data: { indicatorId: input.indicatorId, objectiveId, description: input.description, kind, unit, target: input.target } });
      continue;
    }
    if (existing.description !== input.description || existing.kind !== kind) {
      events.push({
        type: 'IndicatorRevised',
        data: {
          indicatorId: input.indicatorId,
          objectiveId,
          ...(existing.description !== input.description ? { description: input.description } : {}),
          ...(existing.kind !== kind ? { kind } : {}),
        },
      });
    }
    if (existing.target !== input.target || existing.unit !== unit) {
      events.push({ type: 'IndicatorTargetRevised', data: { indicatorId: input.indicatorId, objectiveId, target: input.target, unit } });
    }
  }
  return events;
}
