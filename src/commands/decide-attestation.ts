/**
 * Decides an attestation (docs/evidence.md, "Attestations"): what a source shows over a period,
 * read against the structure at the period's first day (as known now).
 *
 * - An id the org has never had (unit, competency) is established or assigned as attested;
 *   a head on a unit that has none is appointed as attested. These are the only changes.
 * - Everything else the source states, agreeing or contradicting, goes into one FactsAttested
 *   event as stated: evidence, never a change (a contradiction is shown as a conflict).
 * All-or-nothing; every problem names its field (units/0/name...). Pure.
 */
import type { OrgSnapshot } from '../../projections/org-chart-index.ts';
import type { DatePeriod } from '../../events/types.ts';
import type { FieldProblem } from '../errors.ts';
import type { Attest } from './command-types.ts';
import type { EventDraft } from './decide-reorganization.ts';

export type AttestationDecision = { ok: true; events: EventDraft[]; fields: string[] } | { ok: false; problems: FieldProblem[] };

/** `fields[i]`: the path in the command of the entry that produced `events[i]` (for later-date problems). */
export function decideAttestation(snapshot: OrgSnapshot, cmd: Attest, period: DatePeriod): AttestationDecision {
  const units = new Map([...snapshot.units].map(([id, u]) => [id, { ...u }]));
  const competencies = new Set(snapshot.competencies.keys());
  const problems: FieldProblem[] = [];
  const events: EventDraft[] = [];
  const fields: string[] = [];
  const change = (field: string, draft: EventDraft) => {
    events.push(draft);
    fields.push(field);
  };
  const activeUnit = (field: string, unitId: string): boolean => {
    const unit = units.get(unitId);
    if (unit?.active) return true;
    problems.push({ field, message: unit ? `unit ${unitId} is not active on ${period.from}` : `unknown unit ${unitId}` });
    return false;
  };

  cmd.units.forEach((u, i) => {
    if (units.has(u.unitId)) return;
    if (u.name === undefined) problems.push({ field: `units/${i}/name`, message: `unit ${u.unitId} does not exist yet: its name is needed to establish it as attested` });
    if (u.kind === undefined) problems.push({ field: `units/${i}/kind`, message: `unit ${u.unitId} does not exist yet: its kind is needed to establish it as attested` });
    const parentId = u.parentId ?? null;
    if (parentId !== null && !activeUnit(`units/${i}/parentId`, parentId)) return;
    if (u.name === undefined || u.kind === undefined) return;
    units.set(u.unitId, { name: u.name, kind: u.kind, parentId, active: true, head: null });
    change(`units/${i}`, { type: 'UnitEstablished', data: { unitId: u.unitId, name: u.name, kind: u.kind, parentId } });
  });
  (cmd.competencies ?? []).forEach((c, i) => {
    if (competencies.has(c.competencyId)) return;
    if (!activeUnit(`competencies/${i}/unitId`, c.unitId)) return;
    if (c.text === undefined) {
      problems.push({ field: `competencies/${i}/text`, message: `competency ${c.competencyId} does not exist yet: its text is needed to assign it as attested` });
      return;
    }
    competencies.add(c.competencyId);
    change(`competencies/${i}`, { type: 'CompetencyAssigned', data: { competencyId: c.competencyId, unitId: c.unitId, text: c.text } });
  });
  (cmd.heads ?? []).forEach((h, i) => {
    if (!activeUnit(`heads/${i}/unitId`, h.unitId)) return;
    const unit = units.get(h.unitId)!;
    if (unit.head !== null) return;
    unit.head = { person: h.person, title: h.title ?? null };
    change(`heads/${i}`, { type: 'HeadAppointed', data: { unitId: h.unitId, person: h.person, title: h.title ?? null } });
  });
  if (problems.length > 0) return { ok: false, problems };

  events.push({
    type: 'FactsAttested',
    data: {
      sourceId: cmd.sourceId,
      period,
      units: cmd.units.map((u) => ({ ...u })),
      competencies: (cmd.competencies ?? []).map((c) => ({ ...c })),
      heads: (cmd.heads ?? []).map((h) => ({ unitId: h.unitId, person: h.person, title: h.title ?? null })),
    },
  });
  return { ok: true, events, fields };
}
