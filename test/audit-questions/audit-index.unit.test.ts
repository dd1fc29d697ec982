/** The AuditIndex fold: late records by the Europe/Rome date of recordedAt, and events per competency. */
import { describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { recorder } from '../support/recorded-events.ts';

function givenEvents() {
  const record = recorder();
  const models = new ReadModels();
  for (const event of [
    record('org-milano', 'OrgRegistered', { orgId: 'milano', name: 'Milano' }, { effectiveFrom: '2024-01-01', recordedAt: '2024-01-01T08:00:00.000Z' }), // 0: on time
    // 23:30 UTC on 30 June is 1 July in Rome (CEST): 31 days late, although the UTC date says 30.
    record('org-milano', 'UnitEstablished', { unitId: 'a', name: 'A', kind: 'area', parentId: null }, { effectiveFrom: '2024-05-31', recordedAt: '2024-06-30T22:30:00.000Z', act: 'L' }), // 1
    record('org-milano', 'CompetencyAssigned', { competencyId: 'c', unitId: 'a', text: 'Testo' }, { effectiveFrom: '2024-06-20', recordedAt: '2024-06-30T22:30:00.000Z', act: 'L' }), // 2: 11 days
    record('org-milano', 'UnitEstablished', { unitId: 'b', name: 'B', kind: 'area', parentId: null }, { effectiveFrom: '2024-07-01', recordedAt: '2024-06-30T22:30:00.000Z', act: 'SAME-DAY' }), // 3: 1 July in Rome too: 0 days
    record('org-milano', 'CompetencyTransferred', { competencyId: 'c', fromUnitId: 'a', toUnitId: 'b' }, { effectiveFrom: '2024-07-01', recordedAt: '2024-07-01T08:00:00.000Z', act: 'T' }), // 4
  ]) {
    models.apply(event);
  }
  return models;
}

describe('AuditIndex', () => {
  it('keeps the events recorded more than minDays after their effective date, by Rome calendar date', () => {
    const models = givenEvents();
    const late = (minDays: number, maxPosition = models.position) => models.audit.lateRecords({ minDays, maxPosition }).map((r) => [r.ref.position, r.daysLate]);
    expect(late(0)).toEqual([[1, 31], [2, 11]]);
    expect(late(30)).toEqual([[1, 31]]);
    expect(late(31)).toEqual([]);
    expect(late(0, 1)).toEqual([[1, 31]]);
    expect(models.audit.lateRecords({ minDays: 0, orgId: 'roma', maxPosition: models.position })).toEqual([]);
  });

  it('keeps every event about a competency, as known at a position', () => {
    const models = givenEvents();
    expect(models.audit.competencyHistory('milano', 'c', models.position).map((e) => e.type)).toEqual(['CompetencyAssigned', 'CompetencyTransferred']);
    expect(models.audit.competencyHistory('milano', 'c', 3).map((e) => e.type)).toEqual(['CompetencyAssigned']);
    expect([...models.audit.competencyTexts('milano')]).toEqual([{ competencyId: 'c', texts: ['Testo'] }]);
  });
});
