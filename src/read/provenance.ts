/**
 * Provenance of the facts in an answer (`provenance=true`): for each attribute value, the event
 * that produced it — the timeline version in force at the cut, resolved by position through
 * ReadModels.refs (timelines keep positions, never copies) — with its act, recorder, both times,
 * source document and the qualifiers that mark it approximate or inferred.
 *
 * Which qualifiers apply to a fact. A command's qualifiers name a field of the command:
 *   - `changes`, `changes/<k>`, `changes/<k>/<field>` (reorganisations): apply to the event that
 *     change <k> produced (the k-th event of the command; `changes` to all of them), and, when
 *     a field is named, only to the facts derived from that data field (`parentId`, `person`...);
 *   - any other field (`effectiveFrom`, `indicators/0/target`...): to every fact of the command,
 *     the field is shown so that the reader sees which part is qualified.
 */
import type { ReadModels } from '../../projections/read-models.ts';
import type { EventRef } from '../../projections/views.ts';
import type { Qualifier } from '../commands/command-types.ts';

/** The event behind a fact, with its source and the qualifiers that apply to the fact. */
export interface FactProvenance extends Pick<EventRef, 'eventId' | 'streamId' | 'position' | 'type' | 'effectiveFrom' | 'recordedAt' | 'recordedBy' | 'act'> {
  source: { document: string; location?: string } | null;
  approximate: boolean;
  inferred: boolean;
  /** The qualifiers that apply to this fact, with their reasons. */
  qualifiers: Qualifier[];
}

const CHANGE_PATH = /^changes(?:\/(\d+)(?:\/([^/]+))?)?/;

/** The qualifiers of the event that apply to facts derived from `dataFields` (all of the event's facts when omitted). */
export function applicableQualifiers(ref: EventRef, commandIndex: number, dataFields?: readonly string[]): Qualifier[] {
  return (ref.provenance?.qualifiers ?? []).filter((q) => {
    const match = CHANGE_PATH.exec(q.field);
    if (!match) return true;
    if (match[1] !== undefined && Number(match[1]) !== commandIndex) return false;
    return match[2] === undefined || dataFields === undefined || dataFields.includes(match[2]);
  });
}

export function qualifierFlags(qualifiers: Qualifier[]): { approximate: boolean; inferred: boolean } {
  return { approximate: qualifiers.some((q) => q.kind === 'approximate'), inferred: qualifiers.some((q) => q.kind === 'inferred') };
}

/** The provenance of the fact set by the event at `position`; null when no event set it. */
export function factProvenance(models: ReadModels, position: number | undefined, dataFields?: readonly string[]): FactProvenance | null {
  if (position === undefined) return null;
  const ref = models.refs.at(position);
  if (!ref) return null;
  const qualifiers = applicableQualifiers(ref, models.refs.commandIndexOf(position), dataFields);
  return {
    eventId: ref.eventId,
    streamId: ref.streamId,
    position: ref.position,
    type: ref.type,
    effectiveFrom: ref.effectiveFrom,
    recordedAt: ref.recordedAt,
    recordedBy: ref.recordedBy,
    act: ref.act,
    source: ref.provenance?.source ?? null,
    ...qualifierFlags(qualifiers),
    qualifiers,
  };
}
