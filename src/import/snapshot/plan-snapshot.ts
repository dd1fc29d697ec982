/**
 * Plans the import of one parsed snapshot of an org (docs/import.md, "Rules"): the events to
 * append and the report of what they mean. Pure: it reads the snapshots already imported (their
 * rows and the changes derived from them, `SnapshotHistory`) and the chart on the snapshot's
 * date (`stateAt`), and decides.
 *
 * The snapshot N is placed in time order between P (the latest earlier snapshot) and S (the
 * earliest later one):
 *  - against P, each difference is a change at N's date, basis `inferred` from [P, N] with its
 *    reason: a unit P does not list is established, another name is a rename, another parent a
 *    move, another kind a reclassification, another head a head change. Without P, what the org
 *    does not have yet is established (and a head appointed) as attested by N;
 *  - a difference with the chart that P does not explain (the chart's value comes from an act or
 *    another source) is not applied: N's attestation records N's view, shown as a conflict;
 *  - a unit P lists and N does not is "not attested after P" — evidence, never a dissolution;
 *  - with S, the changes derived for S before (from its predecessor, or S's own establishments
 *    when it was the earliest) are superseded (InferencesSuperseded) and derived again from N.
 * Every unit N lists is attested by N on its date (FactsAttested, in chunks within the schema's
 * ceilings: 1,000 units and heads, 5,000 competencies per event).
 */
import { createHash } from 'node:crypto';
import type { EventEvidence, SnapshotImported, SourceRegistered } from '../../../events/types.ts';
import type { OrgSnapshot } from '../../../projections/org-chart-index.ts';
import type { ParsedSnapshot } from './parse-snapshot.ts';
import type { SnapshotUnit } from './snapshot-layouts.ts';

/** A unit's attributes as one snapshot states them. */
export interface UnitClaim {
  name: string;
  parentId: string | null;
  kind: string;
  head: { person: string; title: string | null } | null;
}

export interface KnownSnapshot {
  sourceId: string;
  date: string;
  units: Map<string, UnitClaim>;
}

/** A change an import derived (stored, or planned earlier in the same dry run: position null). */
export interface DerivedChange {
  eventId: string;
  position: number | null;
  type: string;
  unitId: string;
  /** The snapshot whose comparison (or own attestation) produced it. */
  forSourceId: string;
}

export interface SnapshotHistory {
  snapshots: KnownSnapshot[];
  derived: DerivedChange[];
}

export type ChangeKind = 'established' | 'renamed' | 'moved' | 'reclassified' | 'head-appointed' | 'head-changed';

export interface PlannedChange {
  change: ChangeKind;
  unitId: string;
  effectiveFrom: string;
  from: string | null;
  to: string;
  basis: 'attested' | 'inferred';
  sourceId: string | null;
  inferredFrom: string[];
  reason: string | null;
}

export interface PlannedEvent {
  type: string;
  data: unknown;
  effectiveFrom: string;
  evidence: EventEvidence;
  /** The change it carries (for the report), when it is one. */
  change?: PlannedChange;
  unitId?: string;
  line?: number;
}

export interface SnapshotPlan {
  sourceId: string;
  snapshotDate: string;
  previousSourceId: string | null;
  nextSourceId: string | null;
  source: SourceRegistered;
  events: PlannedEvent[];
  changes: PlannedChange[];
  conflicts: { unitId: string; field: string; chart: string | null; snapshot: string; line: number }[];
  notAttestedAfter: { unitId: string; name: string; lastSourceId: string }[];
  superseded: DerivedChange[];
}

export const MAX_UNITS_PER_ATTESTATION = 1000;
export const MAX_COMPETENCIES_PER_ATTESTATION = 5000;
const MAX_SUPERSEDED_PER_EVENT = 5000;

/** The source id of a snapshot: from the org, the body filter and the file's digest, so the same file imports once. */
export function snapshotSourceId(orgId: string, snapshot: Pick<ParsedSnapshot, 'digest' | 'orgCode'>): string {
  return `snapshot-${createHash('sha256').update(`${orgId}\n${snapshot.orgCode ?? ''}\n${snapshot.digest}`).digest('hex').slice(0, 24)}`;
}

export function competencyIdOf(unitId: string, text: string): string {
  return `k-${createHash('sha256').update(`${unitId}\n${text.trim().toLowerCase()}`).digest('hex').slice(0, 20)}`;
}

const claimOf = (u: SnapshotUnit): UnitClaim => ({ name: u.name, parentId: u.parentId, kind: u.kind, head: u.head });
const show = (v: string | null) => (v === null ? '(top level)' : v);

export function planSnapshot(orgId: string, parsed: ParsedSnapshot, history: SnapshotHistory, stateAt: (date: string) => OrgSnapshot): SnapshotPlan {
  const sourceId = snapshotSourceId(orgId, parsed);
  const date = parsed.snapshotDate;
  const sorted = [...history.snapshots].sort((a, b) => a.date.localeCompare(b.date));
  const previous = [...sorted].reverse().find((s) => s.date < date) ?? null;
  const next = sorted.find((s) => s.date > date) ?? null;
  const source = snapshotSource(orgId, sourceId, parsed);
  const plan: SnapshotPlan = {
    sourceId,
    snapshotDate: date,
    previousSourceId: previous?.sourceId ?? null,
    nextSourceId: next?.sourceId ?? null,
    source,
    events: [],
    changes: [],
    conflicts: [],
    notAttestedAfter: [],
    superseded: [],
  };
  const noEvidence: EventEvidence = { basis: 'attested', sourceId, inferredFrom: [], period: null, reason: null };
  const recordEvent = (type: string, data: unknown) => plan.events.push({ type, data, effectiveFrom: date, evidence: noEvidence });
  recordEvent('SourceRegistered', source);
  const record: SnapshotImported = {
    sourceId,
    file: {
      name: parsed.fileName.slice(0, 500),
      format: parsed.format,
      layout: parsed.layout,
      digest: parsed.digest,
      rows: parsed.rowsRead,
      rowsKept: parsed.rowsKept,
      columns: parsed.header.slice(0, 500),
      usedColumns: parsed.usedColumns.slice(0, 500),
      ignoredColumns: parsed.ignoredColumns.slice(0, 500),
    },
    org: { code: parsed.orgCode, name: parsed.orgName },
    snapshotDate: date,
    dateOrigin: parsed.dateOrigin,
    previousSourceId: plan.previousSourceId,
    nextSourceId: plan.nextSourceId,
  };
  recordEvent('SnapshotImported', record);

  const nUnits = new Map(parsed.units.map((u) => [u.unitId, claimOf(u)]));
  const lines = new Map(parsed.units.map((u) => [u.unitId, u.line]));

  // What N supersedes: the changes derived for S from its predecessor (or S's own establishments).
  if (next) {
    plan.superseded = history.derived.filter((d) => d.forSourceId === next.sourceId);
    const stored = plan.superseded.filter((d): d is DerivedChange & { position: number } => d.position !== null);
    for (let i = 0; i < stored.length; i += MAX_SUPERSEDED_PER_EVENT) {
      recordEvent('InferencesSuperseded', {
        sourceId,
        superseded: stored.slice(i, i + MAX_SUPERSEDED_PER_EVENT).map((d) => ({ eventId: d.eventId, position: d.position })),
        reason: `snapshot ${sourceId} (${date}) comes between ${previous ? `${previous.sourceId} (${previous.date})` : 'no earlier snapshot'} and ${next.sourceId} (${next.date}): the changes of ${next.sourceId} are derived again from ${sourceId}`,
      });
    }
  }

  // Phase A: N against P and the chart on N's date.
  const chart = stateAt(date);
  const parents = new Map([...chart.units].filter(([, u]) => u.active).map(([id, u]) => [id, u.parentId]));
  const established = new Set<string>();
  const derive = (kind: ChangeKind, unitId: string, at: string, from: string | null, to: string, base: KnownSnapshot | null, target: { sourceId: string; date: string }, line: number) => {
    const inferred = base !== null;
    const reason = inferred ? reasonOf(kind, unitId, from, to, base, target) : null;
    const change: PlannedChange = {
      change: kind,
      unitId,
      effectiveFrom: at,
      from,
      to,
      basis: inferred ? 'inferred' : 'attested',
      sourceId: inferred ? null : target.sourceId,
      inferredFrom: inferred ? [base.sourceId, target.sourceId] : [],
      reason,
    };
    plan.changes.push(change);
    return {
      change,
      evidence: inferred
        ? { basis: 'inferred' as const, sourceId: null, inferredFrom: [base.sourceId, target.sourceId], period: null, reason }
        : { basis: 'attested' as const, sourceId: target.sourceId, inferredFrom: [], period: { from: at, to: at }, reason: null },
      line,
    };
  };
  const push = (type: string, data: unknown, unitId: string, d: ReturnType<typeof derive>) =>
    plan.events.push({ type, data, effectiveFrom: d.change.effectiveFrom, evidence: d.evidence, change: d.change, unitId, line: d.line });
  /** Whether moving `unitId` under `parentId` keeps the simulated chart a forest. */
  const acyclic = (unitId: string, parentId: string | null) => {
    for (let p = parentId; p !== null; p = parents.get(p) ?? null) if (p === unitId) return false;
    return true;
  };

  const target = { sourceId, date };
  for (const [unitId, n] of nUnits) {
    const line = lines.get(unitId)!;
    const known = chart.units.get(unitId);
    const p = previous?.units.get(unitId);
    if (!known) {
      const base = previous && !p ? previous : null;
      push('UnitEstablished', { unitId, name: n.name, kind: n.kind, parentId: n.parentId }, unitId, derive('established', unitId, date, null, n.name, base, target, line));
      parents.set(unitId, n.parentId);
      established.add(unitId);
      if (n.head) push('HeadAppointed', { unitId, person: n.head.person, title: n.head.title }, unitId, derive('head-appointed', unitId, date, null, n.head.person, base, target, line));
      continue;
    }
    if (!known.active) {
      plan.conflicts.push({ unitId, field: 'active', chart: 'dissolved', snapshot: 'listed', line });
      continue;
    }
    const attrs: [ChangeKind, 'name' | 'parentId' | 'kind', string][] = [
      ['renamed', 'name', 'UnitRenamed'],
      ['moved', 'parentId', 'UnitMoved'],
      ['reclassified', 'kind', 'UnitReclassified'],
    ];
    for (const [kind, attr, type] of attrs) {
      const now = known[attr];
      const wanted = n[attr];
      if (now === wanted) continue;
      const explained = p !== undefined && p[attr] === now;
      if (!explained || (attr === 'parentId' && !acyclic(unitId, wanted))) {
        plan.conflicts.push({ unitId, field: attr, chart: now, snapshot: show(wanted), line });
        continue;
      }
      if (attr === 'parentId') parents.set(unitId, wanted);
      push(type, { unitId, [attr]: wanted }, unitId, derive(kind, unitId, date, now === null ? null : String(now), show(wanted), previous, target, line));
    }
    if (n.head && (known.head?.person !== n.head.person || (known.head?.title ?? null) !== n.head.title)) {
      const explained = known.head === null || (p?.head?.person === known.head.person);
      if (!explained) plan.conflicts.push({ unitId, field: 'head', chart: known.head?.person ?? null, snapshot: n.head.person, line });
      else {
        const base = previous && p ? previous : null;
        const kind = known.head === null ? 'head-appointed' : 'head-changed';
        push('HeadAppointed', { unitId, person: n.head.person, title: n.head.title }, unitId, derive(kind, unitId, date, known.head?.person ?? null, n.head.person, base, target, line));
      }
    }
  }
  if (previous) {
    for (const [unitId, p] of previous.units) if (!nUnits.has(unitId)) plan.notAttestedAfter.push({ unitId, name: p.name, lastSourceId: previous.sourceId });
  }

  // Phase B: S derived again from N (what the superseded changes carried, now from N's view).
  if (next) {
    const supersededUnits = new Set(plan.superseded.filter((d) => d.type === 'UnitEstablished').map((d) => d.unitId));
    const supersededHeads = new Set(plan.superseded.filter((d) => d.type === 'HeadAppointed').map((d) => d.unitId));
    const nextTarget = { sourceId: next.sourceId, date: next.date };
    for (const [unitId, s] of orderedByDepth(next.units)) {
      const n = nUnits.get(unitId);
      if (!n) {
        if (!supersededUnits.has(unitId)) continue;
        push('UnitEstablished', { unitId, name: s.name, kind: s.kind, parentId: s.parentId }, unitId, derive('established', unitId, next.date, null, s.name, { sourceId, date, units: nUnits }, nextTarget, 0));
        parents.set(unitId, s.parentId);
        if (s.head) push('HeadAppointed', { unitId, person: s.head.person, title: s.head.title }, unitId, derive('head-appointed', unitId, next.date, null, s.head.person, { sourceId, date, units: nUnits }, nextTarget, 0));
        continue;
      }
      const base: KnownSnapshot = { sourceId, date, units: nUnits };
      if (n.name !== s.name) push('UnitRenamed', { unitId, name: s.name }, unitId, derive('renamed', unitId, next.date, n.name, s.name, base, nextTarget, 0));
      if (n.parentId !== s.parentId && acyclic(unitId, s.parentId)) {
        parents.set(unitId, s.parentId);
        push('UnitMoved', { unitId, parentId: s.parentId }, unitId, derive('moved', unitId, next.date, n.parentId, show(s.parentId), base, nextTarget, 0));
      }
      if (n.kind !== s.kind) push('UnitReclassified', { unitId, kind: s.kind }, unitId, derive('reclassified', unitId, next.date, n.kind, s.kind, base, nextTarget, 0));
      if (s.head && (n.head?.person !== s.head.person || supersededHeads.has(unitId)) && !(n.head?.person === s.head.person && n.head.title === s.head.title)) {
        push('HeadAppointed', { unitId, person: s.head.person, title: s.head.title }, unitId, derive(n.head ? 'head-changed' : 'head-appointed', unitId, next.date, n.head?.person ?? null, s.head.person, base, nextTarget, 0));
      }
    }
    for (const [unitId, n] of nUnits) if (!next.units.has(unitId)) plan.notAttestedAfter.push({ unitId, name: n.name, lastSourceId: sourceId });
  }

  // N's attestation of every unit it lists, in chunks.
  const period = { from: date, to: date };
  const attested: EventEvidence = { basis: 'attested', sourceId, inferredFrom: [], period, reason: null };
  let chunk: { units: object[]; competencies: object[]; heads: object[] } = { units: [], competencies: [], heads: [] };
  const flush = () => {
    if (chunk.units.length === 0) return;
    plan.events.push({ type: 'FactsAttested', data: { sourceId, period, ...chunk }, effectiveFrom: date, evidence: attested });
    chunk = { units: [], competencies: [], heads: [] };
  };
  for (const u of parsed.units) {
    if (chunk.units.length >= MAX_UNITS_PER_ATTESTATION || chunk.competencies.length + u.competencies.length > MAX_COMPETENCIES_PER_ATTESTATION) flush();
    chunk.units.push({ unitId: u.unitId, name: u.name, parentId: u.parentId, kind: u.kind });
    for (const text of u.competencies) chunk.competencies.push({ competencyId: competencyIdOf(u.unitId, text), unitId: u.unitId, text: text.slice(0, 10_000) });
    if (u.head) chunk.heads.push({ unitId: u.unitId, person: u.head.person, title: u.head.title });
  }
  flush();
  return plan;
}

function reasonOf(kind: ChangeKind, unitId: string, from: string | null, to: string, base: KnownSnapshot, target: { sourceId: string; date: string }): string {
  const a = `${base.sourceId} (${base.date})`;
  const b = `${target.sourceId} (${target.date})`;
  const between = `between ${base.date} and ${target.date}, by ${target.date} at the latest; no act is known`;
  switch (kind) {
    case 'established':
      return `unit ${unitId} is not listed by snapshot ${a} and is listed by ${b}: established ${between}`;
    case 'renamed':
      return `unit ${unitId} is named ${JSON.stringify(from)} by snapshot ${a} and ${JSON.stringify(to)} by ${b}: renamed ${between}`;
    case 'moved':
      return `unit ${unitId} is under ${show(from)} in snapshot ${a} and under ${to} in ${b}: moved ${between}`;
    case 'reclassified':
      return `unit ${unitId} is of kind ${from} in snapshot ${a} and ${to} in ${b}: reclassified ${between}`;
    case 'head-appointed':
      return `snapshot ${a} names no head of unit ${unitId}, ${b} names ${to}: appointed ${between}`;
    case 'head-changed':
      return `snapshot ${a} names ${from} as head of unit ${unitId}, ${b} names ${to}: head changed ${between}`;
  }
}

/** Parents before children (units whose parent is elsewhere come first). */
function orderedByDepth(units: Map<string, UnitClaim>): [string, UnitClaim][] {
  const depth = new Map<string, number>();
  const depthOf = (id: string, seen = 0): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const parent = units.get(id)?.parentId ?? null;
    const d = parent === null || !units.has(parent) || seen > units.size ? 0 : depthOf(parent, seen + 1) + 1;
    depth.set(id, d);
    return d;
  };
  return [...units].sort(([a], [b]) => depthOf(a) - depthOf(b));
}

function snapshotSource(orgId: string, sourceId: string, parsed: ParsedSnapshot): SourceRegistered {
  const layout = parsed.layout === 'indicepa' ? 'IndicePA, Unità organizzative' : 'organigramma';
  return {
    sourceId,
    orgId,
    title: `Istantanea ${layout}${parsed.orgCode ? ` (${parsed.orgCode})` : ''} al ${parsed.snapshotDate}: ${parsed.fileName}`.slice(0, 1000),
    kind: 'dataset',
    legalEffect: false,
    issuedOn: parsed.snapshotDate,
    period: null,
    dateQualifier:
      parsed.dateOrigin === 'file-date'
        ? { kind: 'inferred', reason: `the file states no snapshot date and none was given: ${parsed.snapshotDate} is the day the file was last modified` }
        : null,
    location: { file: parsed.fileName.slice(0, 500), lines: [], url: null },
    scope: { kind: 'complete-structure', rootUnitId: null },
  };
}
