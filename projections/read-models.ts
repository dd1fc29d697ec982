/**
 * All read models, folded from the global log in position order. Pure: `apply` is the only
 * way in, there is no clock and no I/O; the projector (src/read/projector.ts) feeds it from
 * the store's catch-up subscription. Answers are taken at a Cut (see views.ts).
 */
import { EVENT_TYPES } from '../events/catalogue.ts';
import { upcastEvent } from '../events/upcast.ts';
import type { DomainEvent, EventMetadata, EventType } from '../events/types.ts';
import type { RecordedEvent } from '../src/store/event-store.ts';
import { ActsIndex } from './acts-index.ts';
import { annulAct } from './annul-act.ts';
import { supersedeInferences } from './supersede-inferences.ts';
import { AuditIndex } from './audit-index.ts';
import { EventRefIndex } from './event-ref-index.ts';
import { OrgChartIndex } from './org-chart-index.ts';
import { PdoIndex } from './pdo-index.ts';
import { RecordingTimes } from './recording-times.ts';
import { SharedValues } from './shared-values.ts';
import { evidenceOfMetadata } from './evidence.ts';
import { footprintOf } from './event-footprint.ts';
import { SourceRegistry } from './source-registry.ts';
import type { EventRef, OrgSummary } from './views.ts';

export interface OrgModels {
  summary: OrgSummary;
  /** Position of the OrgRegistered event: the org is unknown before it. */
  registeredPosition: number;
  chart: OrgChartIndex;
  pdo: PdoIndex;
  /** Acts, their events and annulments; retracted events (acts-index.ts). */
  acts: ActsIndex;
}

/** The events one keyed command appended: its stream, last position and revision, and event ids. */
export interface KeyedCommand {
  streamId: string;
  position: number;
  revision: number;
  eventIds: string[];
}

/** A version 5 (name-based) UUID: the 15th character is the version digit. */
function isNameBasedUuid(id: string | null): id is string {
  return id !== null && id.length === 36 && id.charCodeAt(14) === 53;
}

export class ReadModels {
  /** `orgChartBlockEvents`: knowledge block of the org-chart grid (org-chart-rows.ts); tests make it small. */
  constructor(private readonly options: { orgChartBlockEvents?: number } = {}) {}

  private readonly shared = new SharedValues();
  /** Every domain event's ref by position: resolves a timeline version to its event (provenance). */
  readonly refs = new EventRefIndex();
  /** Late records and competency events, across orgs (the auditors' questions). */
  readonly audit = new AuditIndex(this.refs);
  private readonly orgs = new Map<string, OrgModels>();
  /** Registered sources, across orgs (source ids are global), and what each one says. */
  readonly sources = new SourceRegistry();
  /**
   * Per stream: its revision as applied so far, a number (0, 1, 2... in order of first
   * appearance: the event log's key for it), and one shared copy of its id. Every event
   * read from the store brings fresh copies of its stream id, type and recordedAt; the refs
   * keep the shared ones instead (about 150 MB less at a million events).
   */
  private readonly streams = new Map<string, { streamId: string; revision: number; number: number }>();
  private readonly eventTypes = new Map<string, EventType>(EVENT_TYPES.map((type) => [type, type]));
  /**
   * Commands appended with an idempotency key (their causation id is the name-based, version 5
   * UUID of the key; other commands get random version 4 ones): what they appended, so that a
   * retry of the same key is answered with the original result instead of being decided again.
   */
  private readonly keyedCommands = new Map<string, KeyedCommand>();
  /** Position and recordedAt of every applied event, for asKnownAt look-ups. */
  private readonly recordingTimes = new RecordingTimes();
  private lastPosition = -1;

  /** Last global position applied (-1 before any event). */
  get position(): number {
    return this.lastPosition;
  }

  apply(recorded: RecordedEvent): EventRef | undefined {
    if (recorded.position <= this.lastPosition) return undefined;
    this.lastPosition = recorded.position;
    const recordedAt = this.recordingTimes.add(recorded.position, recorded.recordedAt);
    let stream = this.streams.get(recorded.streamId);
    if (stream) stream.revision = recorded.revision;
    else this.streams.set(recorded.streamId, (stream = { streamId: recorded.streamId, revision: recorded.revision, number: this.streams.size }));
    const type = this.eventTypes.get(recorded.type);
    if (type === undefined) return undefined;
    const event = upcastEvent({ type, data: recorded.data, metadata: recorded.metadata as EventMetadata });
    const ref = toRef(recorded, event.metadata, {
      streamId: stream.streamId,
      type,
      effectiveFrom: event.metadata.effectiveFrom,
      // The run's shared string when equal; the event's own instant if a stepped-back clock made the run's later.
      recordedAt: recorded.recordedAt === recordedAt ? recordedAt : recorded.recordedAt,
      recordedBy: this.shared.string(event.metadata.recordedBy),
      act: this.shared.act(event.metadata.act),
    });
    this.refs.add(ref, event.metadata.causationId, stream.number);
    if (isNameBasedUuid(event.metadata.causationId)) this.recordKeyedCommand(event.metadata.causationId, ref);
    this.audit.apply(event.metadata.orgId, ref);
    if (event.type === 'OrgRegistered') {
      this.orgs.set(event.data.orgId, {
        summary: { orgId: event.data.orgId, name: event.data.name, registeredAt: recorded.recordedAt },
        registeredPosition: recorded.position,
        chart: new OrgChartIndex(this.options.orgChartBlockEvents),
        pdo: new PdoIndex(this.refs),
        acts: new ActsIndex(),
      });
      return ref;
    }
    const org = this.orgs.get(event.metadata.orgId);
    if (!org) return ref;
    org.acts.record(ref);
    this.noteSourceFacts(event, ref);
    switch (event.type) {
      case 'UnitEstablished':
      case 'UnitRenamed':
      case 'UnitMoved':
      case 'UnitReclassified':
      case 'UnitDissolved':
      case 'CompetencyAssigned':
      case 'CompetencyWithdrawn':
      case 'CompetencyTransferred':
      case 'HeadAppointed':
      case 'HeadVacated':
      case 'FactsAttested':
        org.chart.apply(event, ref);
        return ref;
      case 'ObjectiveDefined':
      case 'ObjectiveRevised':
      case 'ObjectiveWithdrawn':
      case 'IndicatorDefined':
      case 'IndicatorRevised':
      case 'IndicatorTargetRevised':
      case 'MeasurementRecorded':
      case 'PlanItemDefined':
        org.pdo.apply(event, ref);
        return ref;
      case 'SourceRegistered':
        this.sources.register(event.data, ref);
        return ref;
      case 'ActAnnulled':
        annulAct(org, event.data, ref, this.refs);
        org.chart.refreshAfterAnnulment(ref.position);
        return ref;
      case 'SnapshotImported':
        return ref;
      case 'InferencesSuperseded':
        supersedeInferences(org, event.data, ref, this.refs);
        org.chart.refreshAfterAnnulment(ref.position);
        return ref;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** Files the entities the event concerns under the sources its evidence names (cheap exit for the bulk: sourceless measurements). */
  private noteSourceFacts(event: DomainEvent, ref: EventRef): void {
    if (event.type === 'SourceRegistered' || event.type === 'ActAnnulled' || event.type === 'SnapshotImported' || event.type === 'InferencesSuperseded') return;
    const evidence = evidenceOfMetadata(event.metadata);
    const actId = event.metadata.act?.id ?? null;
    const named = evidence.sourceId !== null || evidence.inferredFrom.length > 0 || (actId !== null && this.sources.get(actId) !== undefined);
    if (!named) return;
    let entities: string[];
    if (event.type === 'FactsAttested') {
      const d = event.data;
      entities = [...d.units.map((u) => `unit:${u.unitId}`), ...d.competencies.map((c) => `competency:${c.competencyId}`), ...d.heads.map((h) => `head:${h.unitId}`)];
    } else if (event.type === 'HeadAppointed' || event.type === 'HeadVacated') {
      entities = [`head:${event.data.unitId}`];
    } else {
      entities = footprintOf(ref).sets;
    }
    this.sources.noteFacts(evidence, actId, entities, ref.position);
  }

  /** The org as known at maxPosition, or undefined. */
  org(orgId: string, maxPosition = this.lastPosition): OrgModels | undefined {
    const org = this.orgs.get(orgId);
    return org && org.registeredPosition <= maxPosition ? org : undefined;
  }

  orgList(maxPosition = this.lastPosition): OrgSummary[] {
    return [...this.orgs.values()].filter((o) => o.registeredPosition <= maxPosition).map((o) => o.summary);
  }

  /** Revision of a stream as applied so far (null if never seen): the basis of ETags and expected revisions. */
  streamRevision(streamId: string): number | null {
    return this.streams.get(streamId)?.revision ?? null;
  }

  /** What the command with this (name-based) id appended, if it was applied. */
  keyedCommand(commandId: string): KeyedCommand | undefined {
    return this.keyedCommands.get(commandId);
  }

  private recordKeyedCommand(commandId: string, ref: EventRef): void {
    const command = this.keyedCommands.get(commandId);
    if (command === undefined) {
      this.keyedCommands.set(commandId, { streamId: ref.streamId, position: ref.position, revision: ref.revision, eventIds: [ref.eventId] });
      return;
    }
    command.position = ref.position;
    command.revision = ref.revision;
    command.eventIds.push(ref.eventId);
  }

  /** The last position recorded at or before the instant (ISO-8601, normalised), or -1. */
  positionKnownAt(asKnownAt: string): number {
    return this.recordingTimes.positionKnownAt(asKnownAt);
  }

  /** The instant a position was recorded, or undefined for a position never applied. */
  recordedAtOf(position: number): string | undefined {
    return this.recordingTimes.recordedAtOf(position);
  }
}

/** `shared`: the one copy of the repeated values (stream id, type, recordedAt, principal, act) that refs point to. */
function toRef(
  recorded: RecordedEvent,
  metadata: EventMetadata,
  shared: { streamId: string; type: string; effectiveFrom: string; recordedAt: string; recordedBy: string; act: EventRef['act'] },
): EventRef {
  return {
    eventId: recorded.id,
    streamId: shared.streamId,
    revision: recorded.revision,
    position: recorded.position,
    type: shared.type,
    effectiveFrom: shared.effectiveFrom,
    recordedAt: shared.recordedAt,
    recordedBy: shared.recordedBy,
    act: shared.act,
    provenance: metadata.provenance ?? null,
    data: recorded.data as Record<string, unknown>,
  };
}
