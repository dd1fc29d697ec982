import { describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { recorder } from '../support/recorded-events.ts';

const ORG = 'org-milano';

/** Given a structure built in 2019, renamed in 2020 and corrected retroactively in 2021. */
function givenHistory() {
  const record = recorder();
  const models = new ReadModels();
  const events = [
    record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Comune di Milano' }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-01T08:00:00.000Z' }),
    record(ORG, 'UnitEstablished', { unitId: 'dg', name: 'Direzione Generale', kind: 'direzione', parentId: null }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-02T08:00:00.000Z', act: 'A1' }),
    record(ORG, 'UnitEstablished', { unitId: 'gab', name: 'Gabinetto', kind: 'area', parentId: null }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-02T08:00:00.000Z', act: 'A1' }),
    record(ORG, 'CompetencyAssigned', { competencyId: 'c1', unitId: 'gab', text: 'Patrocini' }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-02T08:00:00.000Z', act: 'A1' }),
    record(ORG, 'UnitRenamed', { unitId: 'gab', name: 'Gabinetto del Sindaco' }, { effectiveFrom: '2020-03-01', recordedAt: '2020-03-01T09:00:00.000Z', act: 'A2' }),
    // Recorded in 2021, effective in 2019: a backdated move.
    record(ORG, 'UnitMoved', { unitId: 'gab', parentId: 'dg' }, { effectiveFrom: '2019-06-01', recordedAt: '2021-05-10T10:00:00.000Z', act: 'A3' }),
    record(ORG, 'CompetencyTransferred', { competencyId: 'c1', fromUnitId: 'gab', toUnitId: 'dg' }, { effectiveFrom: '2021-01-01', recordedAt: '2021-05-10T10:00:00.000Z', act: 'A3' }),
  ];
  for (const event of events) models.apply(event);
  return Object.assign(models, { record });
}

describe('read models', () => {
  it('answers the org chart on a date as known now', () => {
    const models = givenHistory();
    const chart = models.org('milano')!.chart;
    // Every fact was enacted by act A1 (v1 events with an act read as enacted, docs/evidence.md).
    const byA1 = { status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: ['A1'] };
    expect(chart.orgChart({ at: '2019-03-01', maxPosition: models.position })).toEqual([
      { unitId: 'dg', name: 'Direzione Generale', kind: 'direzione', parentId: null, competencies: [], head: null, evidence: byA1 },
      { unitId: 'gab', name: 'Gabinetto', kind: 'area', parentId: null, competencies: [{ competencyId: 'c1', text: 'Patrocini', evidence: byA1 }], head: null, evidence: byA1 },
    ]);
    const gab2020 = chart.unit('gab', { at: '2020-06-01', maxPosition: models.position });
    expect(gab2020).toMatchObject({ name: 'Gabinetto del Sindaco', parentId: 'dg' });
    expect(chart.unit('dg', { at: '2021-02-01', maxPosition: models.position })?.competencies).toEqual([
      { competencyId: 'c1', text: 'Patrocini', evidence: { status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: ['A3'] } },
    ]);
    expect(chart.unit('gab', { at: '2021-02-01', maxPosition: models.position })?.competencies).toEqual([]);
  });

  it('answers a backdated change only when asked as known after it was recorded', () => {
    const models = givenHistory();
    const chart = models.org('milano')!.chart;
    const before = models.positionKnownAt('2021-01-01T00:00:00.000Z');
    const after = models.positionKnownAt('2021-05-10T10:00:00.000Z');
    expect(before).toBe(4);
    expect(after).toBe(6);
    expect(chart.unit('gab', { at: '2019-12-31', maxPosition: before })?.parentId).toBeNull();
    expect(chart.unit('gab', { at: '2019-12-31', maxPosition: after })?.parentId).toBe('dg');
    expect(chart.unit('gab', { at: '2019-05-31', maxPosition: after })?.parentId).toBeNull();
  });

  it('knows nothing before the first event was recorded', () => {
    const models = givenHistory();
    expect(models.positionKnownAt('2018-12-31T23:59:59.999Z')).toBe(-1);
    expect(models.org('milano', -1)).toBeUndefined();
    expect(models.orgList().map((o) => o.orgId)).toEqual(['milano']);
  });

  it('orders a unit history by effective date, then position', () => {
    const models = givenHistory();
    const history = models.org('milano')!.chart.unitHistory('gab', models.position);
    expect(history.map((e) => [e.type, e.effectiveFrom, e.position])).toEqual([
      ['UnitEstablished', '2019-01-01', 2],
      ['CompetencyAssigned', '2019-01-01', 3],
      ['UnitMoved', '2019-06-01', 5],
      ['UnitRenamed', '2020-03-01', 4],
      ['CompetencyTransferred', '2021-01-01', 6],
    ]);
  });

  it('drops a dissolved unit from the chart from its dissolution date', () => {
    const models = givenHistory();
    models.apply(models.record(ORG, 'UnitDissolved', { unitId: 'dg', successorIds: [] }, { effectiveFrom: '2022-01-01', recordedAt: '2022-01-01T00:00:00.000Z' }));
    const chart = models.org('milano')!.chart;
    expect(chart.unit('dg', { at: '2021-12-31', maxPosition: models.position })).toBeDefined();
    expect(chart.unit('dg', { at: '2022-01-01', maxPosition: models.position })).toBeUndefined();
  });
});

describe('PDO read model', () => {
  function givenPlan() {
    const record = recorder();
    const models = new ReadModels();
    const OBJ = 'objective-milano.o1';
    const rec = (effectiveFrom: string, recordedAt: string) => ({ effectiveFrom, recordedAt });
    models.apply(record('org-milano', 'OrgRegistered', { orgId: 'milano', name: 'Comune di Milano' }, rec('2024-01-01', '2024-01-01T00:00:00.000Z')));
    models.apply(record(OBJ, 'ObjectiveDefined', { objectiveId: 'o1', unitId: 'dir-a', title: 'Digitalizzare', plan: 'PDO 2024-2026', years: { '2024': 'Statement 24', '2026': 'Statement 26' }, links: [] }, rec('2024-01-01', '2024-02-01T00:00:00.000Z')));
    models.apply(record(OBJ, 'IndicatorDefined', { indicatorId: 'i1', objectiveId: 'o1', description: 'Pratiche', kind: 'RISULTATO', unit: '%', target: 80 }, rec('2024-01-01', '2024-02-01T00:00:00.000Z')));
    models.apply(record('indicator-milano.i1', 'MeasurementRecorded', { indicatorId: 'i1', objectiveId: 'o1', value: 40, measuredAt: '2024-06-30', note: null, source: null }, rec('2024-06-30', '2024-07-02T00:00:00.000Z')));
    models.apply(record('indicator-milano.i1', 'MeasurementRecorded', { indicatorId: 'i1', objectiveId: 'o1', value: 70, measuredAt: '2024-12-31', note: null, source: null }, rec('2024-12-31', '2025-01-05T00:00:00.000Z')));
    models.apply(record(OBJ, 'ObjectiveRevised', { objectiveId: 'o1', years: { '2025': 'Statement 25' }, reason: null }, rec('2025-01-01', '2025-01-10T00:00:00.000Z')));
    models.apply(record(OBJ, 'ObjectiveWithdrawn', { objectiveId: 'o1', reason: 'merged' }, rec('2026-03-01', '2026-03-02T00:00:00.000Z')));
    return models;
  }

  it('gives each year its statement, skips a gap year, and drops a withdrawn objective after its withdrawal', () => {
    const models = givenPlan();
    const pdo = models.org('milano')!.pdo;
    const now = models.position;
    expect(pdo.pdo(2024, { at: '2024-12-31', maxPosition: now }).map((o) => o.title)).toEqual(['Statement 24']);
    expect(pdo.pdo(2025, { at: '2024-12-31', maxPosition: now })).toEqual([]);
    expect(pdo.pdo(2025, { at: '2025-06-01', maxPosition: now }).map((o) => o.title)).toEqual(['Statement 25']);
    expect(pdo.pdo(2026, { at: '2026-02-28', maxPosition: now }).map((o) => o.title)).toEqual(['Statement 26']);
    expect(pdo.pdo(2026, { at: '2026-03-01', maxPosition: now })).toEqual([]);
  });

  it('shows the latest measurement taken on or before the date, as known then', () => {
    const models = givenPlan();
    const pdo = models.org('milano')!.pdo;
    const latest = (at: string, maxPosition: number) => pdo.pdo(2024, { at, maxPosition })[0]!.indicators[0]!.latest;
    expect(latest('2024-06-29', models.position)).toBeNull();
    const shown = (on: string, status: string) => ({ status, firstAttestedOn: on, lastAttestedOn: on, sources: [] });
    expect(latest('2024-09-01', models.position)).toEqual({ value: 40, measuredAt: '2024-06-30', evidence: shown('2024-06-30', 'carried-forward') });
    expect(latest('2024-12-31', models.position)).toEqual({ value: 70, measuredAt: '2024-12-31', evidence: shown('2024-12-31', 'attested') });
    expect(latest('2024-12-31', models.positionKnownAt('2025-01-01T00:00:00.000Z'))).toEqual({ value: 40, measuredAt: '2024-06-30', evidence: shown('2024-06-30', 'carried-forward') });
  });

  it('given a year already asked for, when objectives join it (a yearly one and an open-ended one), then the next answer lists them', () => {
    const record = recorder();
    const models = new ReadModels();
    const rec = (effectiveFrom: string, recordedAt: string) => ({ effectiveFrom, recordedAt });
    models.apply(record('org-milano', 'OrgRegistered', { orgId: 'milano', name: 'Comune di Milano' }, rec('2024-01-01', '2024-01-01T00:00:00.000Z')));
    models.apply(record('objective-milano.o1', 'ObjectiveDefined', { objectiveId: 'o1', unitId: 'dir-a', title: 'Uno', plan: null, years: { '2024': 'Uno 24' }, links: [] }, rec('2024-01-01', '2024-01-02T00:00:00.000Z')));
    const pdo = models.org('milano')!.pdo;
    const titles = () => pdo.pdo(2024, { at: '2024-06-30', maxPosition: models.position }).map((o) => o.title);
    expect(titles()).toEqual(['Uno 24']);

    models.apply(record('objective-milano.o2', 'ObjectiveDefined', { objectiveId: 'o2', unitId: 'dir-a', title: 'Due', plan: null, years: { '2024': 'Due 24' }, links: [] }, rec('2024-01-01', '2024-01-03T00:00:00.000Z')));
    expect(titles()).toEqual(['Uno 24', 'Due 24']);

    models.apply(record('objective-milano.o3', 'ObjectiveDefined', { objectiveId: 'o3', unitId: 'dir-a', title: 'Sempre', plan: null, years: null, links: [] }, rec('2024-01-01', '2024-01-04T00:00:00.000Z')));
    expect(titles()).toEqual(['Uno 24', 'Due 24', 'Sempre']);
  });
});
