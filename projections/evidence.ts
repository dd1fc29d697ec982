/**
 * Evidence of a fact at a cut (docs/evidence.md): how the value in force is known. Computed by
 * the folds from the change that set the value (its basis, metadata v2) and the claims of
 * sources about the same attribute (FactsAttested, and attested changes themselves). Pure.
 *
 * Rules, for one attribute on day `d` as known at `maxPosition`, with `v` the version in force:
 * claims of the same value count when `from <= d` and `to >= v.validFrom`;
 *   enacted          v's basis is enacted (later attestations add their sources);
 *   attested         else, some claim covers d;
 *   carried-forward  else, there are claims (all ended before d);
 *   announced / inferred  else, v's basis.
 * Claims of another value in the same window are the conflicts.
 */
import type { EventEvidence, EventMetadata, FactBasis } from '../events/types.ts';
import { nextDay } from '../src/time/calendar-date.ts';
import { dayKey } from './day-key.ts';
import type { Version } from './timeline.ts';

export type EvidenceStatus = 'enacted' | 'attested' | 'carried-forward' | 'announced' | 'inferred';

/** Strongest first: a unit's status is the weakest (highest index) of its name, parent and kind. */
export const EVIDENCE_STATUSES: readonly EvidenceStatus[] = ['enacted', 'attested', 'carried-forward', 'announced', 'inferred'];
const RANK: Record<EvidenceStatus, number> = { enacted: 0, attested: 1, 'carried-forward': 2, announced: 3, inferred: 4 };

export interface EvidenceConflict {
  /** The attribute the source states otherwise: name, parentId, kind, holder, head. */
  field: string;
  value: unknown;
  sourceId: string;
  from: string;
  to: string;
}

export interface Evidence {
  status: EvidenceStatus;
  firstAttestedOn: string | null;
  lastAttestedOn: string | null;
  sources: string[];
  conflicts?: EvidenceConflict[];
  /** Complete-scope sources covering `at` that do not list the unit (query time, see src/read/evidence-answers.ts). */
  notAttestedBy?: string[];
}

/** What the read models keep of a change's basis: its basis, the sources it names, its attested period. */
export interface ChangeBasis {
  basis: FactBasis;
  sources: string[];
  /** For an attested change: the period its source shows it (null: the day it takes effect). */
  period: { from: string; to: string } | null;
  /** dayKey of the day after `period.to`: where the change's own attestation ends (null without a period). */
  periodEndDay: number | null;
}

/** A source's statement of an attribute's value over [from, to] (inclusive). */
export interface Claim<T> {
  value: T;
  sourceId: string;
  from: string;
  to: string;
  fromDay: number;
  /** dayKey(to). */
  toDay: number;
  /** dayKey of the day after `to`: where an attested fact becomes carried forward. */
  endDay: number;
  position: number;
}

export function claimOf<T>(value: T, sourceId: string, period: { from: string; to: string }, position: number): Claim<T> {
  return { value, sourceId, from: period.from, to: period.to, fromDay: dayKey(period.from), toDay: dayKey(period.to), endDay: dayKey(nextDay(period.to)), position };
}

/** The evidence of a v1 event (no `evidence` in its metadata): an act enacts, anything else was shown by its source. */
export function evidenceOfMetadata(metadata: Pick<EventMetadata, 'evidence' | 'act'>): EventEvidence {
  if (metadata.evidence) return metadata.evidence;
  return { basis: metadata.act ? 'enacted' : 'attested', sourceId: null, inferredFrom: [], period: null, reason: null };
}

/** The basis the read models keep for a change, from its metadata. */
export function changeBasisOf(metadata: Pick<EventMetadata, 'evidence' | 'act'>): ChangeBasis {
  const evidence = evidenceOfMetadata(metadata);
  const own = evidence.sourceId ?? metadata.act?.id ?? null;
  const sources = [...new Set([...(own === null ? [] : [own]), ...evidence.inferredFrom])];
  const period = evidence.basis === 'attested' ? evidence.period : null;
  return { basis: evidence.basis, sources, period, periodEndDay: period ? dayKey(nextDay(period.to)) : null };
}

/**
 * The evidence of the value `version` holds on `day`, as known at maxPosition. `claims`: the
 * attribute's claims in any order; `same`: equality of values.
 */
/** The first day an attested change is no longer shown by its own source (undefined for other bases). */
export function ownAttestationEnd(basis: ChangeBasis, validFrom: string): number | undefined {
  if (basis.basis !== 'attested') return undefined;
  return basis.periodEndDay ?? dayKey(nextDay(validFrom));
}

export function attributeEvidence<T>(
  field: string,
  version: Version<T>,
  basis: ChangeBasis,
  claims: readonly Claim<T>[],
  day: number,
  maxPosition: number,
  same: (a: T, b: T) => boolean = Object.is,
): Evidence {
  const sources = [...basis.sources];
  let first: string | null = null;
  let last: string | null = null;
  let covering = false;
  let conflicts: EvidenceConflict[] | undefined;
  const count = (from: string, to: string, toDay: number, sourceId: string | null) => {
    if (first === null || from < first) first = from;
    if (last === null || to > last) last = to;
    if (toDay >= day) covering = true;
    if (sourceId !== null && !sources.includes(sourceId)) sources.push(sourceId);
  };
  if (basis.basis === 'attested') {
    const from = basis.period?.from ?? version.validFrom;
    const to = basis.period?.to ?? version.validFrom;
    count(from, to, dayKey(to), null);
  }
  for (const claim of claims) {
    if (claim.position > maxPosition || claim.fromDay > day || claim.toDay < version.day) continue;
    if (same(claim.value, version.value)) count(claim.from, claim.to, claim.toDay, claim.sourceId);
    else (conflicts ??= []).push({ field, value: claim.value, sourceId: claim.sourceId, from: claim.from, to: claim.to });
  }
  const status: EvidenceStatus =
    basis.basis === 'enacted' ? 'enacted' : covering ? 'attested' : first !== null ? 'carried-forward' : basis.basis === 'announced' ? 'announced' : 'inferred';
  return conflicts ? { status, firstAttestedOn: first, lastAttestedOn: last, sources, conflicts } : { status, firstAttestedOn: first, lastAttestedOn: last, sources };
}

/**
 * The evidence of a whole made of parts (a unit: its name, parent and kind): the weakest status;
 * sources and conflicts of every part; first attested the earliest part's, last attested the
 * earliest last (the last day every attested part was shown).
 */
export function weakestOf(parts: readonly Evidence[]): Evidence {
  let status: EvidenceStatus = 'enacted';
  let first: string | null = null;
  let last: string | null = null;
  const sources: string[] = [];
  let conflicts: EvidenceConflict[] | undefined;
  for (const part of parts) {
    if (RANK[part.status] > RANK[status]) status = part.status;
    if (part.firstAttestedOn !== null && (first === null || part.firstAttestedOn < first)) first = part.firstAttestedOn;
    if (part.lastAttestedOn !== null && (last === null || part.lastAttestedOn < last)) last = part.lastAttestedOn;
    for (const s of part.sources) if (!sources.includes(s)) sources.push(s);
    if (part.conflicts) (conflicts ??= []).push(...part.conflicts);
  }
  return conflicts ? { status, firstAttestedOn: first, lastAttestedOn: last, sources, conflicts } : { status, firstAttestedOn: first, lastAttestedOn: last, sources };
}

/** Whether two evidence objects say the same (the org-chart rows merge equal neighbouring views). */
export function sameEvidence(a: Evidence, b: Evidence): boolean {
  if (a === b) return true;
  return (
    a.status === b.status &&
    a.firstAttestedOn === b.firstAttestedOn &&
    a.lastAttestedOn === b.lastAttestedOn &&
    a.sources.length === b.sources.length &&
    a.sources.every((s, i) => s === b.sources[i]) &&
    JSON.stringify(a.conflicts ?? null) === JSON.stringify(b.conflicts ?? null)
  );
}

/**
 * The evidence of a measurement on `at` (at or after measuredAt): attested over its period (default
 * measuredAt alone) by its source, carried forward after; announced or inferred as recorded.
 * `basis` undefined: attested on measuredAt by no source (the bulk of measurements).
 */
export function measurementEvidence(measuredAt: string, at: string, basis: ChangeBasis | undefined): Evidence {
  const sources = basis ? [...basis.sources] : [];
  if (basis && basis.basis !== 'attested') return { status: basis.basis, firstAttestedOn: null, lastAttestedOn: null, sources };
  const from = basis?.period?.from ?? measuredAt;
  const to = basis?.period?.to ?? measuredAt;
  return { status: at <= to ? 'attested' : 'carried-forward', firstAttestedOn: from, lastAttestedOn: to, sources };
}
