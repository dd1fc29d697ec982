import { describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import type { EventRef } from '../../projections/views.ts';
import type { RecordedEvent } from '../../src/store/event-store.ts';
import { recorder } from '../support/recorded-events.ts';

const ORG = 'org-milano';
const IND = 'indicator-milano.i1';

/** Given an org, an objective with an indicator, measurements of several shapes, and events with unusual ids. */
function givenEvents(): RecordedEvent[] {
  const record = recorder();
  const at = (effectiveFrom: string, recordedAt: string, act?: string) => ({ effectiveFrom, recordedAt, act });
  const events = [
    record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Comune di Milano' }, at('2019-01-01', '2019-01-01T08:00:00.000Z')),
    record(ORG, 'UnitEstablished', { unitId: 'dg', name: 'Direzione Generale', kind: 'direzione', parentId: null }, at('2019-01-01', '2019-01-02T08:00:00.000Z', 'A1')),
    record('objective-milano.o1', 'ObjectiveDefined', { objectiveId: 'o1', unitId: 'dg', title: 'Servizi', plan: null, years: null, links: [] }, at('2019-01-01', '2019-01-02T08:00:00.000Z', 'A1')),
    record('objective-milano.o1', 'IndicatorDefined', { indicatorId: 'i1', objectiveId: 'o1', description: 'Pratiche', kind: null, unit: null, target: 10 }, at('2019-01-01', '2019-01-02T08:00:00.000Z', 'A1')),
    record(IND, 'MeasurementRecorded', { indicatorId: 'i1', objectiveId: 'o1', value: 4.5, measuredAt: '2019-02-01', note: null, source: null }, at('2019-02-01', '2019-02-03T08:00:00.000Z')),
    record(IND, 'MeasurementRecorded', { indicatorId: 'i1', objectiveId: 'o1', value: -0.25, measuredAt: '2019-01-15', note: 'rettifica', source: 'Sistema' }, at('2019-01-15', '2019-02-03T08:00:00.000Z')),
    // The same fields in another key order: read back as recorded.
    record(IND, 'MeasurementRecorded', { value: 7, measuredAt: '2019-03-01', indicatorId: 'i1', objectiveId: 'o1', source: 'Sistema', note: null } as never, at('2019-03-01', '2019-03-02T08:00:00.000Z')),
  ];
  events[1] = { ...events[1]!, id: 'NOT-A-UUID' };
  events[2] = { ...events[2]!, id: events[2]!.id.toUpperCase(), metadata: { ...(events[2]!.metadata as object), provenance: { source: { document: 'PDO 2019', location: 'p. 3' } } } };
  return events;
}

describe('event log (refs by position)', () => {
  it('given events applied, reads each one back equal to the ref the fold made, keys in the same order', () => {
    const models = new ReadModels();
    const applied = givenEvents().map((event) => models.apply(event)!);
    for (const ref of applied) {
      const read = models.refs.at(ref.position)!;
      expect(read).toEqual(ref);
      expect(Object.keys(read)).toEqual(Object.keys(ref));
      expect(Object.keys(read.data)).toEqual(Object.keys(ref.data));
    }
    expect(models.refs.at(applied.length + 5)).toBeUndefined();
  });

  it('given events applied, lists a range of positions in order and numbers the events of one command', () => {
    const models = new ReadModels();
    const events = givenEvents().map((event) => ({ ...event, metadata: { ...(event.metadata as object), causationId: event.position < 4 ? 'cmd-1' : null } }));
    for (const event of events) models.apply(event);
    expect([...models.refs.between(2, 5)].map((ref: EventRef) => ref.position)).toEqual([2, 3, 4]);
    // One command appended 0-1 to the org stream, then 2-3 to the objective stream; 4 has no causation.
    expect([0, 1, 2, 3, 4].map((position) => models.refs.commandIndexOf(position))).toEqual([0, 1, 0, 1, 0]);
  });

  it('given measurements recorded out of date order, answers them by measuredAt with note and source', () => {
    const models = new ReadModels();
    for (const event of givenEvents()) models.apply(event);
    const pdo = models.org('milano')!.pdo;
    expect(pdo.measurements('i1', { maxPosition: models.position })).toEqual([
      { value: -0.25, measuredAt: '2019-01-15', note: 'rettifica', source: 'Sistema', recordedAt: '2019-02-03T08:00:00.000Z', position: 5, evidence: { status: 'attested', firstAttestedOn: '2019-01-15', lastAttestedOn: '2019-01-15', sources: [] } },
      { value: 4.5, measuredAt: '2019-02-01', note: null, source: null, recordedAt: '2019-02-03T08:00:00.000Z', position: 4, evidence: { status: 'attested', firstAttestedOn: '2019-02-01', lastAttestedOn: '2019-02-01', sources: [] } },
      { value: 7, measuredAt: '2019-03-01', note: null, source: 'Sistema', recordedAt: '2019-03-02T08:00:00.000Z', position: 6, evidence: { status: 'attested', firstAttestedOn: '2019-03-01', lastAttestedOn: '2019-03-01', sources: [] } },
    ]);
    expect(pdo.indicatorHistory('i1', 5).map((ref) => ref.position)).toEqual([3, 5, 4]);
  });

  it('given corrections of one measuredAt among others, lists exactly that date\'s measurements in position order', () => {
    const models = new ReadModels();
    const record = recorder();
    const events = givenEvents();
    const correction = (value: number, measuredAt: string, recordedAt: string) =>
      record(IND, 'MeasurementRecorded', { indicatorId: 'i1', objectiveId: 'o1', value, measuredAt, note: 'rettifica', source: null }, { effectiveFrom: measuredAt, recordedAt });
    // Two corrections of 2019-02-01 arriving after later dates (the insertion path), and one of 2019-03-01.
    events.push(correction(5, '2019-02-01', '2019-04-01T08:00:00.000Z'), correction(8, '2019-03-01', '2019-04-02T08:00:00.000Z'), correction(5.5, '2019-02-01', '2019-04-03T08:00:00.000Z'));
    events.forEach((event, position) => models.apply({ ...event, position }));
    const pdo = models.org('milano')!.pdo;

    expect(pdo.measurementsOn('i1', '2019-02-01').map((m) => [m.position, m.value])).toEqual([[4, 4.5], [7, 5], [9, 5.5]]);
    expect(pdo.measurementsOn('i1', '2019-03-01').map((m) => [m.position, m.value])).toEqual([[6, 7], [8, 8]]);
    expect(pdo.measurementsOn('i1', '2019-01-15').map((m) => m.position)).toEqual([5]);
    expect(pdo.measurementsOn('i1', '2019-02-02')).toEqual([]);
    expect(pdo.measurementsOn('nope', '2019-02-01')).toEqual([]);
  });

  it('given a store clock that stepped back, keeps recording times non-decreasing for asKnownAt', () => {
    const record = recorder();
    const models = new ReadModels();
    models.apply(record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Milano' }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-02T00:00:00.000Z' }));
    models.apply(record(ORG, 'UnitEstablished', { unitId: 'dg', name: 'DG', kind: 'direzione', parentId: null }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-01T00:00:00.000Z' }));
    models.apply(record(ORG, 'UnitRenamed', { unitId: 'dg', name: 'DG 2' }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-03T00:00:00.000Z' }));
    expect(models.positionKnownAt('2019-01-02T00:00:00.000Z')).toBe(1);
    expect(models.positionKnownAt('2019-01-01T12:00:00.000Z')).toBe(-1);
    expect(models.recordedAtOf(1)).toBe('2019-01-02T00:00:00.000Z');
    expect(models.recordedAtOf(2)).toBe('2019-01-03T00:00:00.000Z');
    expect(models.recordedAtOf(3)).toBeUndefined();
    // The ref keeps the instant the store gave it.
    expect(models.refs.at(1)!.recordedAt).toBe('2019-01-01T00:00:00.000Z');
  });
});
