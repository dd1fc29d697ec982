/**
 * diffOrgChart and diffPdo as pure functions of the read models: given hand-recorded events
 * (including ones the command side cannot produce, such as a competency re-assigned with a
 * new text), the diff of two cuts is exactly the attributes that differ, each with the events
 * of the window that set it.
 */
import { describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { diffOrgChart } from '../../src/read/diff/org-chart-diff.ts';
import { diffPdo } from '../../src/read/diff/pdo-diff.ts';
import { systemTimeWindow, validTimeWindow } from '../../src/read/diff/diff-window.ts';
import { recorder } from '../support/recorded-events.ts';

const ORG = 'org-milano';

function givenHistory() {
  const record = recorder();
  const models = new ReadModels();
  const at = (effectiveFrom: string, recordedAt: string, act: string) => ({ effectiveFrom, recordedAt, act });
  for (const event of [
    record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Milano' }, at('2019-01-01', '2019-01-01T08:00:00.000Z', 'R')), // 0
    record(ORG, 'UnitEstablished', { unitId: 'gab', name: 'Gabinetto', kind: 'area', parentId: null }, at('2019-01-01', '2019-01-02T08:00:00.000Z', 'A1')), // 1
    record(ORG, 'CompetencyAssigned', { competencyId: 'c1', unitId: 'gab', text: 'Patrocini' }, at('2019-01-01', '2019-01-02T08:00:00.000Z', 'A1')), // 2
    record(ORG, 'CompetencyAssigned', { competencyId: 'c1', unitId: 'gab', text: 'Patrocini e contributi' }, at('2020-01-01', '2020-01-02T08:00:00.000Z', 'A2')), // 3
    record(ORG, 'HeadAppointed', { unitId: 'gab', person: 'Rossi', title: null }, at('2020-01-01', '2020-01-02T08:00:00.000Z', 'A2')), // 4
    record(ORG, 'HeadVacated', { unitId: 'gab' }, at('2020-06-01', '2020-06-02T08:00:00.000Z', 'A3')), // 5
    // Learned in 2022: the text changed already in 2019.
    record(ORG, 'CompetencyAssigned', { competencyId: 'c1', unitId: 'gab', text: 'Patrocini (rettifica)' }, at('2019-06-01', '2022-01-10T08:00:00.000Z', 'ERRATA')), // 6
  ]) {
    models.apply(event);
  }
  return { models, sources: sourcesOf(models) };
}

function sourcesOf(models: ReadModels) {
  const org = models.org('milano')!;
  return {
    chart: org.chart,
    competencyHistory: (id: string, max: number) => models.audit.competencyHistory('milano', id, max),
    retractions: { retraction: (p: number) => org.acts.retraction(p), eventAt: (p: number) => models.refs.at(p) },
  };
}
const rows = (changes: ReturnType<typeof diffOrgChart>) => changes.map((c) => [c.change, c.from, c.to, c.events.map((e) => [e.act?.id, e.position])]);

describe('diffOrgChart', () => {
  it('reports a competency re-assigned with a new text as a text change, with its event', () => {
    const { sources } = givenHistory();
    const window = validTimeWindow('2019-12-31', '2020-03-01', { asKnownAt: '2021-01-01T00:00:00.000Z', position: 5 });
    expect(rows(diffOrgChart(sources, window))).toEqual([
      ['competency-text-changed', 'Patrocini', 'Patrocini e contributi', [['A2', 3]]],
      ['head-changed', null, 'Rossi', [['A2', 4]]],
    ]);
  });

  it('sees no net change of a head appointed and vacated inside the window', () => {
    const { sources } = givenHistory();
    const window = validTimeWindow('2019-12-31', '2020-12-31', { asKnownAt: '2021-01-01T00:00:00.000Z', position: 5 });
    expect(rows(diffOrgChart(sources, window)).map(([change]) => change)).toEqual(['competency-text-changed']);
  });

  it('uses the knowledge cut for both dates: a later correction changes the "before" side', () => {
    const { sources } = givenHistory();
    const window = validTimeWindow('2019-12-31', '2020-03-01', { asKnownAt: '2022-02-01T00:00:00.000Z', position: 6 });
    expect(rows(diffOrgChart(sources, window))[0]).toEqual(['competency-text-changed', 'Patrocini (rettifica)', 'Patrocini e contributi', [['A2', 3]]]);
  });

  it('between two instants on one date, attributes the difference to what was recorded in between', () => {
    const { sources } = givenHistory();
    const window = systemTimeWindow('2019-09-01', { asKnownAt: '2021-01-01T00:00:00.000Z', position: 5 }, { asKnownAt: '2022-02-01T00:00:00.000Z', position: 6 });
    expect(rows(diffOrgChart(sources, window))).toEqual([['competency-text-changed', 'Patrocini', 'Patrocini (rettifica)', [['ERRATA', 6]]]]);
  });

  it('is empty when the window is empty', () => {
    const { sources } = givenHistory();
    expect(diffOrgChart(sources, systemTimeWindow('2020-03-01', { asKnownAt: 'x', position: 6 }, { asKnownAt: 'x', position: 6 }))).toEqual([]);
  });

  describe('with an annulled act', () => {
    function givenAnnulment() {
      const record = recorder();
      const models = new ReadModels();
      for (const event of [
        record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Milano' }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-01T08:00:00.000Z' }), // 0
        record(ORG, 'UnitEstablished', { unitId: 'gab', name: 'Gabinetto', kind: 'area', parentId: null }, { effectiveFrom: '2019-01-01', recordedAt: '2019-01-02T08:00:00.000Z', act: 'A1' }), // 1
        record(ORG, 'UnitRenamed', { unitId: 'gab', name: 'Nuovo nome' }, { effectiveFrom: '2020-01-01', recordedAt: '2020-01-02T08:00:00.000Z', act: 'R' }), // 2
        record(ORG, 'ActAnnulled', { actId: 'R', reason: 'illegittimo' }, { effectiveFrom: '2021-01-01', recordedAt: '2021-01-02T08:00:00.000Z', act: 'ANN' }), // 3
      ]) {
        models.apply(event);
      }
      return sourcesOf(models);
    }
    const known = (position: number) => ({ asKnownAt: 'x', position });

    it('between two instants, attributes what the annulment undid to the annulment', () => {
      const changes = diffOrgChart(givenAnnulment(), systemTimeWindow('2020-06-01', known(2), known(3)));
      expect(changes.map((c) => [c.change, c.from, c.to, c.events.map((e) => [e.type, e.act?.id, e.position])])).toEqual([
        ['unit-renamed', 'Nuovo nome', 'Gabinetto', [['ActAnnulled', 'ANN', 3]]],
      ]);
    });

    it('between two instants, lists every unit, competency and head the annulment removed altogether, attributed to it', () => {
      const record = recorder();
      const models = new ReadModels();
      const on = (effectiveFrom: string, act: string) => ({ effectiveFrom, recordedAt: `${effectiveFrom}T08:00:00.000Z`, act });
      for (const event of [
        record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Milano' }, on('2019-01-01', 'R0')), // 0
        record(ORG, 'UnitEstablished', { unitId: 'gab', name: 'Gabinetto', kind: 'area', parentId: null }, on('2019-01-01', 'A1')), // 1
        record(ORG, 'UnitEstablished', { unitId: 'tur', name: 'Turismo', kind: 'area', parentId: 'gab' }, on('2020-01-01', 'X')), // 2: annulled
        record(ORG, 'HeadAppointed', { unitId: 'tur', person: 'Neri', title: null }, on('2020-02-01', 'B')), // 3: invalidated
        record(ORG, 'CompetencyAssigned', { competencyId: 'c-tur', unitId: 'tur', text: 'Accoglienza' }, on('2020-02-01', 'B')), // 4: invalidated
        record(ORG, 'CompetencyAssigned', { competencyId: 'c-gab', unitId: 'gab', text: 'Cerimoniale' }, on('2020-02-01', 'X')), // 5: annulled
        record(ORG, 'ActAnnulled', { actId: 'X', reason: 'illegittimo' }, on('2021-01-01', 'TAR')), // 6
      ]) {
        models.apply(event);
      }
      const changes = diffOrgChart(sourcesOf(models), systemTimeWindow('2020-06-01', known(5), known(6)));
      expect(changes.map((c) => [c.change, c.unitId, c.competencyId, c.from, c.to, c.events.map((e) => [e.type, e.position])])).toEqual([
        ['unit-annulled', 'tur', null, 'Turismo', null, [['ActAnnulled', 6]]],
        ['head-changed', 'tur', null, 'Neri', null, [['ActAnnulled', 6]]],
        ['competency-withdrawn', 'tur', 'c-tur', 'tur', null, [['ActAnnulled', 6]]],
        ['competency-withdrawn', 'gab', 'c-gab', 'gab', null, [['ActAnnulled', 6]]],
      ]);
    });

    it('between two dates, sees the annulled act only as known before the annulment', () => {
      const sources = givenAnnulment();
      expect(diffOrgChart(sources, validTimeWindow('2019-12-31', '2020-06-01', known(3)))).toEqual([]);
      expect(rows(diffOrgChart(sources, validTimeWindow('2019-12-31', '2020-06-01', known(2))))).toEqual([['unit-renamed', 'Gabinetto', 'Nuovo nome', [['R', 2]]]]);
    });
  });
});

describe('diffPdo', () => {
  it('between two instants, lists an objective and an indicator an annulment removed altogether, attributed to it', () => {
    const record = recorder();
    const models = new ReadModels();
    const OB1 = 'objective-milano.ob1';
    const OB2 = 'objective-milano.ob2';
    const on = (effectiveFrom: string, act: string) => ({ effectiveFrom, recordedAt: `${effectiveFrom}T08:00:00.000Z`, act });
    for (const event of [
      record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Milano' }, on('2019-01-01', 'R0')), // 0
      record(ORG, 'UnitEstablished', { unitId: 'gab', name: 'Gabinetto', kind: 'area', parentId: null }, on('2019-01-01', 'A1')), // 1
      record(OB1, 'ObjectiveDefined', { objectiveId: 'ob1', unitId: 'gab', title: 'Kept', plan: null, years: null, links: [] }, on('2024-01-01', 'P')), // 2
      record(OB1, 'IndicatorDefined', { indicatorId: 'ob1.i1', objectiveId: 'ob1', description: 'Added by X', kind: null, unit: null, target: 3 }, on('2024-01-01', 'X')), // 3
      record(OB2, 'ObjectiveDefined', { objectiveId: 'ob2', unitId: 'gab', title: 'Annulled', plan: null, years: null, links: [] }, on('2024-01-01', 'X')), // 4
      record(ORG, 'ActAnnulled', { actId: 'X', reason: 'illegittimo' }, on('2024-06-01', 'TAR')), // 5
    ]) {
      models.apply(event);
    }
    const org = models.org('milano')!;
    const retractions = { retraction: (p: number) => org.acts.retraction(p), eventAt: (p: number) => models.refs.at(p) };
    const window = systemTimeWindow('2024-03-01', { asKnownAt: 'x', position: 4 }, { asKnownAt: 'x', position: 5 });
    expect(diffPdo(org.pdo, retractions, 2024, window).map((c) => [c.change, c.objectiveId, c.indicatorId, c.from, c.to, c.events.map((e) => [e.type, e.position])])).toEqual([
      ['indicator-annulled', 'ob1', 'ob1.i1', 'Added by X', null, [['ActAnnulled', 5]]],
      ['objective-annulled', 'ob2', null, 'Annulled', null, [['ActAnnulled', 5]]],
    ]);
  });
});
