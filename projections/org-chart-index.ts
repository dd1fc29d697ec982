/**
 * Temporal index of one org's structure, folded from its org-stream events.
 * Each unit attribute and each competency holder is a Timeline, so an org chart at any
 * (at, maxPosition) is read without replaying the log. Pure: no clock, no I/O.
 */
import type { EventMetadata, FactsAttested, OrgEvent } from '../events/types.ts';
import { dayKey } from './day-key.ts';
import { attributeEvidence, changeBasisOf, claimOf, ownAttestationEnd, sameEvidence, weakestOf, type ChangeBasis, type Claim, type Evidence } from './evidence.ts';
import { OrgChartRows, sameUnitView, type Segment } from './org-chart-rows.ts';
import { byEffectiveDate } from './order.ts';
import { upperBound } from './upper-bound.ts';
import { Timeline, type Version } from './timeline.ts';
import type { CompetencyView, Cut, EventRef, Head, HeadView, UnitView } from './views.ts';

export interface UnitTimelines {
  unitId: string;
  /** Order of first appearance in the org's events: the order of org-chart answers. */
  index: number;
  active: Timeline<boolean>;
  name: Timeline<string>;
  kind: Timeline<string>;
  parentId: Timeline<string | null>;
  head: Timeline<Head | null>;
  /** Every competency this unit ever held, once each, in the order it first got them: a query reads each holder timeline directly. */
  competencies: CompetencyTimelines[];
  /** What sources state about each attribute (FactsAttested), contradictions included. */
  claims: { name: Claim<string>[]; parentId: Claim<string | null>[]; kind: Claim<string>[]; head: Claim<Head>[] };
  events: EventRef[];
}

export interface CompetencyTimelines {
  competencyId: string;
  /** Units that ever held it (their views change with its holder or text). */
  heldBy: UnitTimelines[];
  /** The last view of it built (frozen), shared by every unit view that shows the same text. */
  shown?: CompetencyView;
  holder: Timeline<string | null>;
  text: Timeline<string>;
  /** Sources' statements of its holder. */
  claims: Claim<string | null>[];
}

/** An attribute whose later changes can override a backdated one. */
export type AttributeRef = { unitId: string; attribute: 'active' | 'parentId' } | { competencyId: string; attribute: 'holder' };

/** The structure at a cut, as the command deciders need it (includes ids ever used). */
export interface OrgSnapshot {
  units: Map<string, { name: string; kind: string; parentId: string | null; active: boolean; head: Head | null }>;
  competencies: Map<string, { holder: string | null; text: string }>;
}

export class OrgChartIndex {
  private readonly units = new Map<string, UnitTimelines>();
  private readonly competencies = new Map<string, CompetencyTimelines>();
  /** Every unit's whole view as bitemporal rows, kept in step with the timelines: answers `orgChart`. */
  private readonly rows: OrgChartRows;
  /** Units whose view the event being applied may change. */
  private readonly touched = new Set<UnitTimelines>();
  /** Every distinct effective date of a structural change, ascending. */
  private readonly changeDates: string[] = [];
  /** The basis of every org event, by position (equal bases shared: a command's events have one). */
  private readonly bases = new Map<number, ChangeBasis>();
  private readonly sharedBases = new Map<string, ChangeBasis>();

  /** `blockEvents`: org events per knowledge block of the rows' grid (see org-chart-rows.ts). */
  constructor(blockEvents?: number) {
    this.rows = new OrgChartRows(blockEvents);
  }

  apply(event: OrgEvent, ref: EventRef): void {
    this.rows.advance(ref.position);
    this.noteBasis(ref.position, event.metadata);
    this.applyToTimelines(event, ref);
    if ('competencyId' in event.data) for (const unit of this.competencies.get(event.data.competencyId)?.heldBy ?? []) this.touched.add(unit);
    const day = dayKey(event.metadata.effectiveFrom);
    for (const unit of this.touched) this.refreshRows(unit, day, ref.position);
    this.touched.clear();
  }

  /** After an annulment at `position` retracted versions anywhere in the org: every unit's rows are recomputed. */
  refreshAfterAnnulment(position: number): void {
    this.rows.advance(position);
    for (const unit of this.units.values()) this.refreshRows(unit, 0, position);
  }

  private applyToTimelines(event: OrgEvent, ref: EventRef): void {
    const at = event.metadata.effectiveFrom;
    const p = ref.position;
    this.noteChangeDate(at);
    switch (event.type) {
      case 'OrgRegistered':
        return;
      case 'UnitEstablished': {
        const unit = this.unitOrCreate(event.data.unitId);
        unit.active.set(at, p, true);
        unit.name.set(at, p, event.data.name);
        unit.kind.set(at, p, event.data.kind);
        unit.parentId.set(at, p, event.data.parentId);
        return this.record(ref, event.data.unitId, event.data.parentId);
      }
      case 'UnitRenamed':
        this.unitOrCreate(event.data.unitId).name.set(at, p, event.data.name);
        return this.record(ref, event.data.unitId);
      case 'UnitMoved':
        this.unitOrCreate(event.data.unitId).parentId.set(at, p, event.data.parentId);
        return this.record(ref, event.data.unitId, event.data.parentId);
      case 'UnitReclassified':
        this.unitOrCreate(event.data.unitId).kind.set(at, p, event.data.kind);
        return this.record(ref, event.data.unitId);
      case 'UnitDissolved':
        this.unitOrCreate(event.data.unitId).active.set(at, p, false);
        return this.record(ref, event.data.unitId, ...event.data.successorIds);
      case 'CompetencyAssigned': {
        const competency = this.competencyOrCreate(event.data.competencyId);
        competency.holder.set(at, p, event.data.unitId);
        competency.text.set(at, p, event.data.text);
        this.noteHeld(event.data.unitId, competency);
        return this.record(ref, event.data.unitId);
      }
      case 'CompetencyWithdrawn':
        this.competencyOrCreate(event.data.competencyId).holder.set(at, p, null);
        return this.record(ref, event.data.unitId);
      case 'CompetencyTransferred':
        this.competencyOrCreate(event.data.competencyId).holder.set(at, p, event.data.toUnitId);
        this.noteHeld(event.data.toUnitId, this.competencyOrCreate(event.data.competencyId));
        return this.record(ref, event.data.fromUnitId, event.data.toUnitId);
      case 'HeadAppointed':
        this.unitOrCreate(event.data.unitId).head.set(at, p, { person: event.data.person, title: event.data.title });
        return this.record(ref, event.data.unitId);
      case 'HeadVacated':
        this.unitOrCreate(event.data.unitId).head.set(at, p, null);
        return this.record(ref, event.data.unitId);
      case 'FactsAttested':
        this.applyClaims(event.data, p);
        // The attestation is in the history of every unit it names (as evidence: it changes no attribute).
        for (const unitId of new Set([...event.data.units.map((u) => u.unitId), ...event.data.heads.map((h) => h.unitId)])) this.unitOrCreate(unitId).events.push(ref);
        return;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled org event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** Units active at the cut, in the order they were first established (views are frozen and shared). */
  orgChart(cut: Cut): UnitView[] {
    return this.rows.viewsAt(dayKey(cut.at), cut.maxPosition);
  }

  /** Every unit named in the org's events, in order of first appearance (the order of `orgChart`). */
  unitIds(): string[] {
    return [...this.units.keys()];
  }

  unit(unitId: string, cut: Cut): UnitView | undefined {
    const unit = this.units.get(unitId);
    return unit ? this.view(unit, dayKey(cut.at), cut.maxPosition) : undefined;
  }

  /** A competency's holder (null once withdrawn) and text at the cut; undefined before its first assignment. */
  competency(competencyId: string, cut: Cut): { holder: string | null; text: string } | undefined {
    const c = this.competencies.get(competencyId);
    const text = c?.text.valueAt(cut.at, cut.maxPosition);
    return c && text !== undefined ? { holder: c.holder.valueAt(cut.at, cut.maxPosition) ?? null, text } : undefined;
  }

  /** Whether the unit was ever established, as known at maxPosition (any valid date). */
  knowsUnit(unitId: string, maxPosition: number): boolean {
    return this.units.get(unitId)?.active.firstValidFrom(maxPosition) !== undefined;
  }

  /** A unit's timelines, for provenance and annulments (src/read/provenance*.ts, annul-act.ts); read-only. */
  unitTimelines(unitId: string): UnitTimelines | undefined {
    return this.units.get(unitId);
  }

  /** A competency's timelines, for provenance and annulments; read-only. */
  competencyTimelines(competencyId: string): CompetencyTimelines | undefined {
    return this.competencies.get(competencyId);
  }

  /** Events touching the unit, ordered by effective date then position. */
  unitHistory(unitId: string, maxPosition: number): EventRef[] {
    return byEffectiveDate((this.units.get(unitId)?.events ?? []).filter((e) => e.position <= maxPosition));
  }

  /** Effective dates of recorded changes strictly after `date`, ascending (any knowledge cut). */
  changeDatesAfter(date: string): string[] {
    return this.changeDates.slice(upperBound(this.changeDates, date));
  }

  /**
   * Whether a change known at maxPosition takes effect in (after, upTo] on the attribute, so
   * that a change made on `after` no longer holds on `upTo`.
   */
  changedBetween(target: AttributeRef, after: string, upTo: string, maxPosition: number): boolean {
    const timeline =
      'competencyId' in target ? this.competencies.get(target.competencyId)?.holder : this.units.get(target.unitId)?.[target.attribute];
    return timeline?.changedBetween(after, upTo, maxPosition) ?? false;
  }

  snapshot(cut: Cut): OrgSnapshot {
    const { maxPosition } = cut;
    const day = dayKey(cut.at);
    const units: OrgSnapshot['units'] = new Map();
    for (const unit of this.units.values()) {
      if (unit.active.firstValidFrom(maxPosition) === undefined) continue;
      units.set(unit.unitId, {
        active: unit.active.valueAtDay(day, maxPosition) === true,
        name: unit.name.valueAtDay(day, maxPosition) ?? unit.name.versions[0]!.value,
        kind: unit.kind.valueAtDay(day, maxPosition) ?? unit.kind.versions[0]!.value,
        parentId: unit.parentId.valueAtDay(day, maxPosition) ?? null,
        head: unit.head.valueAtDay(day, maxPosition) ?? null,
      });
    }
    const competencies: OrgSnapshot['competencies'] = new Map();
    for (const [competencyId, c] of this.competencies) {
      if (c.text.firstValidFrom(maxPosition) === undefined) continue;
      competencies.set(competencyId, {
        holder: c.holder.valueAtDay(day, maxPosition) ?? null,
        text: c.text.valueAtDay(day, maxPosition) ?? c.text.versions[0]!.value,
      });
    }
    return { units, competencies };
  }

  private view(unit: UnitTimelines, day: number, maxPosition: number): UnitView | undefined {
    if (unit.active.valueAtDay(day, maxPosition) !== true) return undefined;
    const competencies = [];
    for (const c of unit.competencies) {
      const holder = c.holder.versionAtDay(day, maxPosition);
      if (holder?.value !== unit.unitId) continue;
      const text = c.text.valueAtDay(day, maxPosition)!;
      const evidence = this.evidenceOf('holder', holder, c.claims, day, maxPosition);
      if (c.shown === undefined || c.shown.text !== text || !sameEvidence(c.shown.evidence, evidence)) c.shown = Object.freeze({ competencyId: c.competencyId, text, evidence });
      competencies.push(c.shown!);
    }
    const name = unit.name.versionAtDay(day, maxPosition)!;
    const kind = unit.kind.versionAtDay(day, maxPosition)!;
    const parentId = unit.parentId.versionAtDay(day, maxPosition);
    const head = unit.head.versionAtDay(day, maxPosition);
    const parts = [this.evidenceOf('name', name, unit.claims.name, day, maxPosition), this.evidenceOf('kind', kind, unit.claims.kind, day, maxPosition)];
    if (parentId) parts.push(this.evidenceOf('parentId', parentId, unit.claims.parentId, day, maxPosition));
    return {
      unitId: unit.unitId,
      name: name.value,
      kind: kind.value,
      parentId: parentId?.value ?? null,
      competencies,
      head: head?.value ? headView(head.value, this.evidenceOf('head', head as Version<Head>, unit.claims.head, day, maxPosition, sameHead)) : null,
      evidence: weakestOf(parts),
    };
  }

  /** The basis of the org event at `position`, if it is one. */
  knownBasisAt(position: number): ChangeBasis | undefined {
    return this.bases.get(position);
  }

  /** The basis of the change at `position` (every org event has one: v1 events are upcast). */
  basisAt(position: number): ChangeBasis {
    return this.bases.get(position) ?? { basis: 'enacted', sources: [], period: null, periodEndDay: null };
  }

  private noteBasis(position: number, metadata: EventMetadata): void {
    const basis = changeBasisOf(metadata);
    const key = `${basis.basis}|${basis.sources.join(',')}|${basis.period?.from ?? ''}|${basis.period?.to ?? ''}`;
    let shared = this.sharedBases.get(key);
    if (shared === undefined) this.sharedBases.set(key, (shared = basis));
    this.bases.set(position, shared);
  }

  /** A source's view, as claims on the attributes it states; the units they concern are refreshed. Changes no value. */
  private applyClaims(data: FactsAttested, position: number): void {
    const claim = <T>(list: Claim<T>[], value: T) => {
      if (!list.some((c) => c.sourceId === data.sourceId && c.from === data.period.from && c.to === data.period.to && JSON.stringify(c.value) === JSON.stringify(value))) {
        list.push(claimOf(value, data.sourceId, data.period, position));
      }
    };
    for (const u of data.units) {
      const unit = this.unitOrCreate(u.unitId);
      if (u.name !== undefined) claim(unit.claims.name, u.name);
      if (u.parentId !== undefined) claim(unit.claims.parentId, u.parentId);
      if (u.kind !== undefined) claim(unit.claims.kind, u.kind);
      this.touched.add(unit);
    }
    for (const c of data.competencies) {
      const competency = this.competencyOrCreate(c.competencyId);
      claim(competency.claims, c.unitId);
      for (const unit of competency.heldBy) this.touched.add(unit);
    }
    for (const h of data.heads) {
      const unit = this.unitOrCreate(h.unitId);
      claim(unit.claims.head, { person: h.person, title: h.title ?? null });
      this.touched.add(unit);
    }
  }

  private evidenceOf<T>(field: string, version: Version<T>, claims: readonly Claim<T>[], day: number, maxPosition: number, same?: (a: T, b: T) => boolean): Evidence {
    return attributeEvidence(field, version, this.basisAt(version.position), claims, day, maxPosition, same);
  }

  private noteHeld(unitId: string, competency: CompetencyTimelines): void {
    const unit = this.unitOrCreate(unitId);
    if (!unit.competencies.includes(competency)) unit.competencies.push(competency);
    if (!competency.heldBy.includes(unit)) competency.heldBy.push(unit);
  }

  /** Recomputes the unit's views from `day` on, as known at `position`, and hands them to the rows. */
  private refreshRows(unit: UnitTimelines, day: number, position: number): void {
    const fromDay = this.rows.startOfChangeFrom(unit.index, day);
    const days = new Set<number>([fromDay]);
    // A version's first day, and for an attested one the day after its own period (attested → carried-forward).
    const note = (timeline: Timeline<unknown>) => {
      for (const v of timeline.versions) {
        if (v.position > position || v.retractedAt <= position) continue;
        if (v.day > fromDay) days.add(v.day);
        const end = ownAttestationEnd(this.basisAt(v.position), v.validFrom);
        if (end !== undefined && end > fromDay) days.add(end);
      }
    };
    // A claim's first day and the day after its last are where evidence changes (attested → carried-forward).
    const noteClaims = (claims: readonly Claim<unknown>[]) => {
      for (const c of claims) {
        if (c.position > position) continue;
        if (c.fromDay > fromDay) days.add(c.fromDay);
        if (c.endDay > fromDay) days.add(c.endDay);
      }
    };
    for (const timeline of [unit.active, unit.name, unit.kind, unit.parentId, unit.head]) note(timeline);
    for (const claims of [unit.claims.name, unit.claims.parentId, unit.claims.kind, unit.claims.head]) noteClaims(claims);
    for (const c of unit.competencies) {
      note(c.holder);
      note(c.text);
      noteClaims(c.claims);
    }
    const sorted = [...days].sort((a, b) => a - b);
    const segments: Segment[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const view = this.view(unit, sorted[i]!, position);
      if (!view) continue;
      const dayTo = sorted[i + 1] ?? Number.POSITIVE_INFINITY;
      const last = segments.at(-1);
      if (last && last.dayTo === sorted[i] && sameUnitView(last.view, view)) last.dayTo = dayTo;
      else segments.push({ dayFrom: sorted[i]!, dayTo, view });
    }
    this.rows.replace(unit.index, fromDay, segments);
  }

  private record(ref: EventRef, ...unitIds: (string | null)[]): void {
    const [subject] = unitIds;
    if (subject) this.unitOrCreate(subject).events.push(ref);
    if (subject) this.touched.add(this.unitOrCreate(subject));
    for (const other of unitIds.slice(1)) if (other && this.units.has(other)) this.touched.add(this.units.get(other)!);
    for (const other of unitIds.slice(1)) {
      if (other && other !== subject && this.units.has(other)) this.units.get(other)!.events.push(ref);
    }
  }

  private noteChangeDate(date: string): void {
    const index = upperBound(this.changeDates, date);
    if (this.changeDates[index - 1] !== date) this.changeDates.splice(index, 0, date);
  }

  private unitOrCreate(unitId: string): UnitTimelines {
    let unit = this.units.get(unitId);
    if (!unit) {
      unit = {
        unitId,
        index: this.units.size,
        active: new Timeline(),
        name: new Timeline(),
        kind: new Timeline(),
        parentId: new Timeline(),
        head: new Timeline(),
        competencies: [],
        claims: { name: [], parentId: [], kind: [], head: [] },
        events: [],
      };
      this.units.set(unitId, unit);
    }
    return unit;
  }

  private competencyOrCreate(competencyId: string): CompetencyTimelines {
    let competency = this.competencies.get(competencyId);
    if (!competency) {
      competency = { competencyId, heldBy: [], holder: new Timeline(), text: new Timeline(), claims: [] };
      this.competencies.set(competencyId, competency);
    }
    return competency;
  }
}

function sameHead(a: Head, b: Head): boolean {
  return a.person === b.person && (a.title ?? null) === (b.title ?? null);
}

function headView(head: Head, evidence: Evidence): HeadView {
  return { person: head.person, title: head.title, evidence };
}
