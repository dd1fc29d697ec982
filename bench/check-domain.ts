/**
 * Holds the generated workload to the service's own domain rules: every append is turned
 * back into the command that would have produced it and decided by the real deciders
 * (decideReorganization, decideDefineObjective, decideReviseObjective, decideWithdrawObjective)
 * on the read models as they stand just before it — the state on its effective date as known
 * then — exactly as the command service does. The decision must accept the command and yield
 * the very events generated. Used by the smoke test and by `npm run bench -- --check`.
 */
import type { EventDataByType, EventMetadata } from '../events/types.ts';
import type { OrgModels } from '../projections/read-models.ts';
import { ReadModels } from '../projections/read-models.ts';
import type { IndicatorInput, ReorganizationChange, ReviseObjective } from '../src/commands/command-types.ts';
import { decideDefineObjective, decideReviseObjective, decideWithdrawObjective, type ObjectiveContext } from '../src/commands/decide-objective.ts';
import { DEFAULT_STRUCTURE_LIMITS } from '../src/commands/structure-limits.ts';
import { decideReorganization, type Decision } from '../src/commands/decide-reorganization.ts';
import type { RecordedEvent } from '../src/store/event-store.ts';
import type { GeneratedAppend, GeneratedCommit, GeneratedEvent } from './generate.ts';
import { upcastEvent } from '../events/upcast.ts';
import { canonicalJson } from './normalise.ts';

export class DomainRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainRuleError';
  }
}

export class DomainChecker {
  readonly models = new ReadModels();
  private position = 0;
  private readonly revisions = new Map<string, number>();
  appendsChecked = 0;

  /** Checks then applies every append of the commit, in order. Throws DomainRuleError on the first violation. */
  check(commit: GeneratedCommit): void {
    for (const append of commit.appends) {
      this.checkAppend(append);
      this.appendsChecked += 1;
      for (const event of append.events) this.models.apply(this.record(append.streamId, event, commit.recordedAt));
    }
  }

  private record(streamId: string, event: GeneratedEvent, recordedAt: string): RecordedEvent {
    this.position += 1;
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    return { id: event.id, streamId, revision, position: this.position, type: event.type, data: event.data, metadata: event.metadata, recordedAt };
  }

  private checkAppend(append: GeneratedAppend): void {
    const first = append.events[0]!;
    const meta: EventMetadata = first.metadata;
    if (append.events.some((e) => e.metadata !== meta)) fail(append, 'the events of one append must share one command metadata');
    if (first.type === 'OrgRegistered') {
      if (this.models.org(meta.orgId)) fail(append, 'org registered twice');
      return;
    }
    const org = this.models.org(meta.orgId);
    if (!org) return fail(append, `org ${meta.orgId} is not registered`);
    const at = meta.effectiveFrom;
    const now = this.models.position;
    if (append.streamId.startsWith('org-')) {
      const changes = append.events.map(toChange);
      const decision = decideReorganization(org.chart.snapshot({ at, maxPosition: now }), changes, () => {
        throw new Error('every generated competency has an id');
      }, DEFAULT_STRUCTURE_LIMITS.maxUnitDepth);
      return expectSame(append, decision);
    }
    const context: ObjectiveContext = {
      unitActive: (unitId) => org.chart.unit(unitId, { at, maxPosition: now }) !== undefined,
      indicatorOwner: (indicatorId) => org.pdo.indicatorOwner(indicatorId, now),
      planItemKnown: (itemId) => org.pdo.planItemTimelines(itemId)?.defined.firstValidFrom(now) !== undefined,
    };
    switch (first.type) {
      case 'MeasurementRecorded': {
        const data = first.data as EventDataByType['MeasurementRecorded'];
        if (append.events.length !== 1) fail(append, 'a measurement is recorded alone');
        if (org.pdo.indicatorOwner(data.indicatorId, now) !== data.objectiveId) fail(append, `indicator ${data.indicatorId} is unknown or not of ${data.objectiveId}`);
        if (data.measuredAt !== at) fail(append, 'a measurement holds from the day it measures');
        return;
      }
      case 'ObjectiveDefined': {
        const data = first.data as EventDataByType['ObjectiveDefined'];
        const indicators = append.events.slice(1).map((e) => {
          const d = e.data as EventDataByType['IndicatorDefined'];
          return withoutNulls({ indicatorId: d.indicatorId, description: d.description, kind: d.kind, unit: d.unit, target: d.target }) as IndicatorInput;
        });
        const cmd = withoutNulls({
          orgId: meta.orgId, objectiveId: data.objectiveId, unitId: data.unitId, title: data.title, plan: data.plan, years: data.years,
          links: data.links, indicators, effectiveFrom: at,
        });
        if (this.models.streamRevision(append.streamId) !== null) fail(append, 'objective defined twice');
        return expectSame(append, decideDefineObjective(cmd as Parameters<typeof decideDefineObjective>[0], context));
      }
      case 'ObjectiveWithdrawn': {
        const data = first.data as EventDataByType['ObjectiveWithdrawn'];
        const current = currentObjective(org, data.objectiveId, at, now, append);
        return expectSame(append, decideWithdrawObjective({ orgId: meta.orgId, objectiveId: data.objectiveId, effectiveFrom: at, reason: data.reason }, current));
      }
      case 'ObjectiveRevised':
      case 'IndicatorTargetRevised':
      case 'IndicatorRevised':
      case 'IndicatorDefined': {
        const objectiveId = (first.data as { objectiveId: string }).objectiveId;
        const current = currentObjective(org, objectiveId, at, now, append);
        const cmd: ReviseObjective = { orgId: meta.orgId, objectiveId, effectiveFrom: at };
        const indicators: IndicatorInput[] = [];
        for (const event of append.events) {
          if (event.type === 'ObjectiveRevised') {
            const d = event.data as EventDataByType['ObjectiveRevised'];
            if (d.title !== undefined) cmd.title = d.title;
            if (d.unitId !== undefined) cmd.unitId = d.unitId;
            if (d.years !== undefined) cmd.years = d.years;
            if (d.links !== undefined) cmd.links = d.links;
            if (d.reason !== null) cmd.reason = d.reason;
          } else if (event.type === 'IndicatorTargetRevised') {
            const d = event.data as EventDataByType['IndicatorTargetRevised'];
            const existing = current.indicators.find((i) => i.indicatorId === d.indicatorId);
            if (!existing) return fail(append, `indicator ${d.indicatorId} is not defined on ${at}`);
            indicators.push(withoutNulls({ indicatorId: d.indicatorId, description: existing.description, kind: existing.kind, unit: d.unit, target: d.target }) as IndicatorInput);
          } else {
            return fail(append, `unexpected ${event.type} in an objective revision`);
          }
        }
        if (indicators.length > 0) cmd.indicators = indicators;
        return expectSame(append, decideReviseObjective(cmd, current, context));
      }
      default:
        return fail(append, `unexpected first event ${first.type}`);
    }
  }
}

function currentObjective(org: OrgModels, objectiveId: string, at: string, now: number, append: GeneratedAppend) {
  const known = org.pdo.objective(objectiveId, { at: '9999-12-31', maxPosition: now });
  if (!known) return fail(append, `objective ${objectiveId} does not exist`);
  return org.pdo.objective(objectiveId, { at, maxPosition: now }) ?? { ...known, status: 'active' as const };
}

function toChange(event: GeneratedEvent): ReorganizationChange {
  switch (event.type) {
    case 'UnitEstablished': {
      const d = event.data as EventDataByType['UnitEstablished'];
      return { op: 'establish', unitId: d.unitId, name: d.name, kind: d.kind, parentId: d.parentId };
    }
    case 'UnitRenamed': {
      const d = event.data as EventDataByType['UnitRenamed'];
      return { op: 'rename', unitId: d.unitId, name: d.name };
    }
    case 'UnitMoved': {
      const d = event.data as EventDataByType['UnitMoved'];
      return { op: 'move', unitId: d.unitId, parentId: d.parentId };
    }
    case 'UnitReclassified': {
      const d = event.data as EventDataByType['UnitReclassified'];
      return { op: 'reclassify', unitId: d.unitId, kind: d.kind };
    }
    case 'UnitDissolved': {
      const d = event.data as EventDataByType['UnitDissolved'];
      return { op: 'dissolve', unitId: d.unitId, successorIds: d.successorIds };
    }
    case 'CompetencyAssigned': {
      const d = event.data as EventDataByType['CompetencyAssigned'];
      return { op: 'assign-competency', unitId: d.unitId, competencyId: d.competencyId, text: d.text };
    }
    case 'CompetencyWithdrawn': {
      const d = event.data as EventDataByType['CompetencyWithdrawn'];
      return { op: 'withdraw-competency', unitId: d.unitId, competencyId: d.competencyId };
    }
    case 'CompetencyTransferred': {
      const d = event.data as EventDataByType['CompetencyTransferred'];
      return { op: 'transfer-competency', competencyId: d.competencyId, fromUnitId: d.fromUnitId, toUnitId: d.toUnitId };
    }
    case 'HeadAppointed': {
      const d = event.data as EventDataByType['HeadAppointed'];
      return d.title === null ? { op: 'appoint-head', unitId: d.unitId, person: d.person } : { op: 'appoint-head', unitId: d.unitId, person: d.person, title: d.title };
    }
    case 'HeadVacated':
      return { op: 'vacate-head', unitId: (event.data as EventDataByType['HeadVacated']).unitId };
    default:
      throw new DomainRuleError(`${event.type} does not belong to an org stream`);
  }
}

/** The decision must accept the command and yield exactly the generated events (type and data). */
function expectSame(append: GeneratedAppend, decision: Decision): void {
  if (!decision.ok) return fail(append, `rejected by the decider: ${decision.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  // Through JSON, as the store keeps them: the deciders may leave undefined members. The
  // generated events are of an older data version: compared as the read models see them (upcast).
  const expected = canonicalJson(decision.events.map((e) => ({ type: e.type, data: JSON.parse(JSON.stringify(e.data)) as unknown })));
  const actual = canonicalJson(append.events.map((e) => upcastEvent(e)).map((e) => ({ type: e.type, data: e.data })));
  if (expected !== actual) fail(append, `the decider yields other events:\n  decided:   ${expected.slice(0, 400)}\n  generated: ${actual.slice(0, 400)}`);
}

function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

function fail(append: GeneratedAppend, message: string): never {
  const first = append.events[0];
  throw new DomainRuleError(`${append.streamId} (${first?.type} effective ${first?.metadata.effectiveFrom}): ${message}`);
}
