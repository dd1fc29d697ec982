/**
 * `import snapshot`: one or more snapshot files of one org (docs/import.md). Every file is read
 * and checked first; if any is malformed nothing is appended and the error lists every problem
 * (file, line, column). Then the files are placed in date order and each is planned
 * (plan-snapshot.ts) and, unless it is a dry run, appended as one atomic append to the org
 * stream — its source, its record, the superseded inferences, the derived changes and its
 * attestations together — and waited for, so an acknowledged import is durable and visible.
 * A file already imported (same org, body filter and bytes: the same source id) appends
 * nothing. Races with other writers of the org are retried on the stream revision.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { validateEvent } from '../../../events/catalogue.ts';
import type { EventMetadata, FactsAttested, SnapshotImported } from '../../../events/types.ts';
import { evidenceOfMetadata } from '../../../projections/evidence.ts';
import type { OrgSnapshot } from '../../../projections/org-chart-index.ts';
import { nameBasedUuid } from '../../commands/event-ids.ts';
import { orgStream } from '../../commands/streams.ts';
import type { StructureLimits } from '../../commands/structure-limits.ts';
import { AppError, ConflictError, NotFoundError, WrongExpectedRevisionError } from '../../errors.ts';
import type { Projector } from '../../read/projector.ts';
import type { EventStore } from '../../store/event-store.ts';
import { parseSnapshot, type ParsedSnapshot, type SnapshotProblem } from './parse-snapshot.ts';
import { planSnapshot, snapshotSourceId, type DerivedChange, type KnownSnapshot, type PlannedChange, type PlannedEvent, type SnapshotHistory, type SnapshotPlan, type UnitClaim } from './plan-snapshot.ts';

/** A malformed snapshot file: 422 with every problem, each naming file, line and column. Nothing was appended. */
export class MalformedSnapshotError extends AppError {
  constructor(problems: SnapshotProblem[]) {
    super('malformed_snapshot', 422, `the snapshot is malformed (${problems.length} problem${problems.length === 1 ? '' : 's'}): nothing was appended`, problems);
  }
}

export interface SnapshotFileInput {
  name: string;
  /** Opened once, when the file is read. */
  open: () => Readable;
  /** The file's own date (its modification day), the last resort for its snapshot date. */
  fileDate?: string;
}

export interface ImportSnapshotsInput {
  orgId: string;
  files: SnapshotFileInput[];
  date?: string;
  /** IndicePA: the Codice_IPA to keep. */
  ipa?: string;
  dryRun: boolean;
  recordedBy: string;
  onRow?: (rowsRead: number) => void;
}

export interface SnapshotFileReport {
  file: string;
  format: ParsedSnapshot['format'];
  layout: ParsedSnapshot['layout'];
  digest: string;
  sourceId: string;
  snapshotDate: string;
  dateOrigin: ParsedSnapshot['dateOrigin'];
  rows: number;
  units: number;
  status: 'planned' | 'appended' | 'already-imported';
  previousSourceId: string | null;
  nextSourceId: string | null;
  /** Events that would be (or were) appended. */
  events: number;
  changes: PlannedChange[];
  conflicts: SnapshotPlan['conflicts'];
  notAttestedAfter: SnapshotPlan['notAttestedAfter'];
  superseded: number;
  /** Position of the file's last event once appended. */
  position: number | null;
}

export interface ImportSnapshotsReport {
  orgId: string;
  dryRun: boolean;
  files: SnapshotFileReport[];
}

export interface SnapshotImportDeps {
  store: EventStore;
  projector: Projector;
  limits: StructureLimits;
}

const MAX_ATTEMPTS = 5;

export async function importSnapshots({ store, projector, limits }: SnapshotImportDeps, input: ImportSnapshotsInput): Promise<ImportSnapshotsReport> {
  const models = projector.models;
  if (!models.org(input.orgId)) throw new NotFoundError(`org ${input.orgId} does not exist`);
  const parsed: ParsedSnapshot[] = [];
  const problems: SnapshotProblem[] = [];
  let rowsBefore = 0;
  for (const file of input.files) {
    const result = await parseSnapshot(file.open(), {
      fileName: file.name,
      date: input.date,
      fileDate: file.fileDate,
      orgCode: input.ipa,
      maxDepth: limits.maxUnitDepth,
      onRow: input.onRow && ((n) => input.onRow!(rowsBefore + n)),
    });
    if (result.ok) {
      parsed.push(result.snapshot);
      rowsBefore += result.snapshot.rowsRead;
    } else problems.push(...result.problems);
  }
  if (problems.length > 0) throw new MalformedSnapshotError(problems);
  parsed.sort((a, b) => a.snapshotDate.localeCompare(b.snapshotDate));

  const report: ImportSnapshotsReport = { orgId: input.orgId, dryRun: input.dryRun, files: [] };
  let history = await loadHistory(store, projector, input.orgId);
  const seen = new Set<string>();
  /** A dry run appends nothing: the events planned for its earlier files, for the chart its later files are planned on. */
  const planned: PlannedEvent[] = [];
  for (const snapshot of parsed) {
    const sourceId = snapshotSourceId(input.orgId, snapshot);
    const registered = models.sources.get(sourceId)?.source;
    if (registered || seen.has(sourceId)) {
      if (registered && registered.issuedOn !== snapshot.snapshotDate) {
        throw new ConflictError(`file ${snapshot.fileName} was already imported as source ${sourceId}, dated ${registered.issuedOn}, not ${snapshot.snapshotDate}`);
      }
      report.files.push(fileReport(snapshot, sourceId, 'already-imported', null, null));
      continue;
    }
    seen.add(sourceId);
    const sameDay = history.snapshots.find((s) => s.date === snapshot.snapshotDate);
    if (sameDay) throw new ConflictError(`org ${input.orgId} already has a snapshot dated ${snapshot.snapshotDate} (${sameDay.sourceId}): file ${snapshot.fileName} would be a second one`);
    if (input.dryRun) {
      const plan = planSnapshot(input.orgId, snapshot, history, (at) => withPlanned(chartAt(projector, input.orgId, at), planned, at));
      report.files.push(fileReport(snapshot, sourceId, 'planned', plan, null));
      history = afterPlan(history, plan, snapshot);
      planned.push(...plan.events);
      continue;
    }
    for (let attempt = 1; ; attempt++) {
      const revision = models.streamRevision(orgStream(input.orgId));
      const plan = planSnapshot(input.orgId, snapshot, history, (at) => chartAt(projector, input.orgId, at));
      const events = toEvents(plan, input, snapshot.fileName);
      try {
        const result = await store.append(orgStream(input.orgId), events, { expectedRevision: revision ?? 'no_stream' });
        await projector.waitForPosition(result.position);
        report.files.push(fileReport(snapshot, sourceId, 'appended', plan, result.position));
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
        await projector.catchUp();
      }
    }
    history = await loadHistory(store, projector, input.orgId);
  }
  return report;
}

/** The chart on `at` as known now, without the units established only after `at` (known, but not yet there). */
function chartAt(projector: Projector, orgId: string, at: string): OrgSnapshot {
  const { models } = projector;
  const chart = models.org(orgId)!.chart;
  const snapshot = chart.snapshot({ at, maxPosition: models.position });
  for (const unitId of [...snapshot.units.keys()]) {
    const from = chart.unitTimelines(unitId)?.active.firstValidFrom(models.position);
    if (from !== undefined && from > at) snapshot.units.delete(unitId);
  }
  return snapshot;
}

/** The chart on `at` with the planned changes effective by then applied (in date order, then plan order). */
function withPlanned(chart: OrgSnapshot, planned: PlannedEvent[], at: string): OrgSnapshot {
  const due = planned.map((e, i) => ({ e, i })).filter(({ e }) => e.effectiveFrom <= at).sort((a, b) => a.e.effectiveFrom.localeCompare(b.e.effectiveFrom) || a.i - b.i);
  for (const { e } of due) {
    const d = e.data as { unitId: string; name?: string; kind?: string; parentId?: string | null; person?: string; title?: string | null };
    const unit = chart.units.get(d.unitId);
    if (e.type === 'UnitEstablished') chart.units.set(d.unitId, { name: d.name!, kind: d.kind!, parentId: d.parentId ?? null, active: true, head: null });
    else if (!unit) continue;
    else if (e.type === 'UnitRenamed') unit.name = d.name!;
    else if (e.type === 'UnitMoved') unit.parentId = d.parentId ?? null;
    else if (e.type === 'UnitReclassified') unit.kind = d.kind!;
    else if (e.type === 'HeadAppointed') unit.head = { person: d.person!, title: d.title ?? null };
  }
  return chart;
}

function fileReport(s: ParsedSnapshot, sourceId: string, status: SnapshotFileReport['status'], plan: SnapshotPlan | null, position: number | null): SnapshotFileReport {
  return {
    file: s.fileName,
    format: s.format,
    layout: s.layout,
    digest: s.digest,
    sourceId,
    snapshotDate: s.snapshotDate,
    dateOrigin: s.dateOrigin,
    rows: s.rowsRead,
    units: s.units.length,
    status,
    previousSourceId: plan?.previousSourceId ?? null,
    nextSourceId: plan?.nextSourceId ?? null,
    events: plan?.events.length ?? 0,
    changes: plan?.changes ?? [],
    conflicts: plan?.conflicts ?? [],
    notAttestedAfter: plan?.notAttestedAfter ?? [],
    superseded: plan?.superseded.length ?? 0,
    position,
  };
}

function toEvents(plan: SnapshotPlan, input: ImportSnapshotsInput, fileName: string) {
  const importId = randomUUID();
  return plan.events.map((e, i) => {
    const metadata: EventMetadata = {
      schemaVersion: 2,
      orgId: input.orgId,
      recordedBy: input.recordedBy,
      act: null,
      effectiveFrom: e.effectiveFrom,
      correlationId: importId,
      causationId: importId,
      provenance: { source: { document: fileName.slice(0, 500), ...(e.line ? { location: `line ${e.line}` } : {}) } },
      evidence: e.evidence,
    };
    // Ids from the source id: the same file's events always have the same ids (a retried append is a no-op).
    return { id: nameBasedUuid(`snapshot:${plan.sourceId}#${i}`), ...validateEvent({ type: e.type, data: e.data, metadata }) };
  });
}

/** The snapshots already imported for the org, their rows, and the changes derived for each (retracted ones left out). */
export async function loadHistory(store: EventStore, projector: Projector, orgId: string): Promise<SnapshotHistory> {
  const models = projector.models;
  const org = models.org(orgId)!;
  const snapshots = new Map<string, KnownSnapshot>();
  const derived: DerivedChange[] = [];
  const events = await store.readStream(orgStream(orgId));
  for (const event of events) {
    if (event.position > models.position) break;
    if (event.type === 'SnapshotImported') {
      const data = event.data as SnapshotImported;
      snapshots.set(data.sourceId, { sourceId: data.sourceId, date: data.snapshotDate, units: new Map() });
    }
  }
  for (const event of events) {
    if (event.position > models.position) break;
    const metadata = event.metadata as EventMetadata;
    if (event.type === 'FactsAttested') {
      const data = event.data as FactsAttested;
      const snapshot = snapshots.get(data.sourceId);
      if (!snapshot) continue;
      for (const u of data.units) snapshot.units.set(u.unitId, { name: u.name ?? '', parentId: u.parentId ?? null, kind: u.kind ?? '', head: null } satisfies UnitClaim);
      for (const h of data.heads) {
        const unit = snapshot.units.get(h.unitId);
        if (unit) unit.head = { person: h.person, title: h.title ?? null };
      }
      continue;
    }
    if (!['UnitEstablished', 'UnitRenamed', 'UnitMoved', 'UnitReclassified', 'HeadAppointed'].includes(event.type)) continue;
    if (org.acts.retraction(event.position)) continue;
    const evidence = evidenceOfMetadata(metadata);
    const forSourceId =
      evidence.basis === 'inferred' && evidence.inferredFrom.length === 2 && snapshots.has(evidence.inferredFrom[1]!) && snapshots.has(evidence.inferredFrom[0]!)
        ? evidence.inferredFrom[1]!
        : evidence.basis === 'attested' && evidence.sourceId !== null && snapshots.has(evidence.sourceId) && (event.type === 'UnitEstablished' || event.type === 'HeadAppointed')
          ? evidence.sourceId
          : null;
    if (forSourceId === null) continue;
    derived.push({ eventId: event.id, position: event.position, type: event.type, unitId: (event.data as { unitId: string }).unitId, forSourceId });
  }
  return { snapshots: [...snapshots.values()], derived };
}

/** The history as it would be after the plan (for the next file of a dry run). */
function afterPlan(history: SnapshotHistory, plan: SnapshotPlan, parsed: ParsedSnapshot): SnapshotHistory {
  const superseded = new Set(plan.superseded);
  const units = new Map(parsed.units.map((u) => [u.unitId, { name: u.name, parentId: u.parentId, kind: u.kind, head: u.head }]));
  const planned: DerivedChange[] = plan.events.flatMap((e, i) =>
    e.change && e.unitId
      ? [{ eventId: `planned-${i}`, position: null, type: e.type, unitId: e.unitId, forSourceId: e.change.inferredFrom[1] ?? e.change.sourceId ?? plan.sourceId }]
      : [],
  );
  return {
    snapshots: [...history.snapshots, { sourceId: plan.sourceId, date: plan.snapshotDate, units }],
    derived: [...history.derived.filter((d) => !superseded.has(d)), ...planned],
  };
}
