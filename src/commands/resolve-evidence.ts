/**
 * The evidence a command's events carry in their metadata (v2), from the command's optional
 * sourceId / basis / basisReason / inferredFrom / attestedPeriod and its act. Rules
 * (docs/evidence.md, "Defaults and rules"): default basis enacted with an act, attested
 * otherwise; enacted needs an act; announced needs a source registered for the org (attested
 * without one is attested by whoever recorded it); inferred needs a reason; an attested period must contain the effective date.
 * Throws UnprocessableError naming every offending field.
 */
import type { EventEvidence, SourceRegistered } from '../../events/types.ts';
import { UnprocessableError, type FieldProblem } from '../errors.ts';
import type { ActRef, DatePeriod, EvidenceInput } from './command-types.ts';

/** The evidence of a record that states no fact of the org (its registration, a source's): shown by itself. */
export const RECORD_EVIDENCE: EventEvidence = { basis: 'attested', sourceId: null, inferredFrom: [], period: null, reason: null };

export function resolveEvidence(
  input: EvidenceInput,
  act: ActRef | null,
  effectiveFrom: string,
  orgId: string,
  sourceOf: (sourceId: string) => SourceRegistered | undefined,
): EventEvidence {
  const problems: FieldProblem[] = [];
  const basis = input.basis ?? (act ? 'enacted' : 'attested');
  const registered = (field: string, sourceId: string): SourceRegistered | undefined => {
    const source = sourceOf(sourceId);
    if (!source) problems.push({ field, message: `unknown source ${sourceId}: register it first (POST /api/v1/sources)` });
    else if (source.orgId !== orgId) problems.push({ field, message: `source ${sourceId} is registered for org ${source.orgId}, not ${orgId}` });
    return source?.orgId === orgId ? source : undefined;
  };
  const source = input.sourceId === undefined ? undefined : registered('sourceId', input.sourceId);
  (input.inferredFrom ?? []).forEach((id, i) => registered(`inferredFrom/${i}`, id));
  if (basis === 'enacted' && !act) problems.push({ field: 'basis', message: 'an enacted change needs the act that enacts it' });
  // Without an act or a source, a change is attested by whoever recorded it (its provenance names them): sources stay empty.
  if (basis === 'announced' && input.sourceId === undefined) problems.push({ field: 'sourceId', message: 'an announced change needs the source that announces it' });
  if (basis === 'inferred' && input.basisReason === undefined) problems.push({ field: 'basisReason', message: 'an inferred change needs the reason of the inference' });
  if (input.attestedPeriod !== undefined) {
    if (basis !== 'attested') problems.push({ field: 'attestedPeriod', message: `only an attested change has an attested period (basis is ${basis})` });
    else if (!(input.attestedPeriod.from <= effectiveFrom && effectiveFrom <= input.attestedPeriod.to)) {
      problems.push({ field: 'attestedPeriod', message: `must contain the effective date ${effectiveFrom}` });
    }
  }
  if (problems.length > 0) throw new UnprocessableError('the evidence of the command is invalid', problems);
  return {
    basis,
    sourceId: input.sourceId ?? null,
    inferredFrom: input.inferredFrom ?? [],
    period: basis === 'attested' ? (input.attestedPeriod ?? defaultPeriod(source, effectiveFrom)) : null,
    reason: input.basisReason ?? null,
  };
}

/** The source's period when it contains the date, else the date alone. */
export function defaultPeriod(source: Pick<SourceRegistered, 'period'> | undefined, date: string): DatePeriod {
  const period = source?.period;
  return period && period.from <= date && date <= period.to ? { ...period } : { from: date, to: date };
}

/** Where a source is silent on dates: its period, else its issue day. */
export function coverageOf(source: Pick<SourceRegistered, 'period' | 'issuedOn'>): DatePeriod {
  return source.period ?? { from: source.issuedOn!, to: source.issuedOn! };
}
