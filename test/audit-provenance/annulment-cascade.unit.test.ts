/**
 * The annulment fold (projections/annul-act.ts) on hand-built events: what only the annulled
 * act created is gone, later changes referring to it are retracted and listed — transitively,
 * across the org chart and the PDO — and answers as known before the annulment do not move.
 */
import { describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { recorder } from '../support/recorded-events.ts';

const ORG = 'org-milano';
const OB = 'objective-milano.ob-tur';
const IND = 'indicator-milano.ob-tur.i1';
const at = (effectiveFrom: string, act?: string) => ({ effectiveFrom, recordedAt: `${effectiveFrom}T08:00:00.000Z`, ...(act ? { act } : {}) });

function givenAnActAndChangesBuiltOnIt() {
  const record = recorder();
  const models = new ReadModels();
  const events = [
    record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Comune di Milano' }, at('2019-01-01')), // 0
    record(ORG, 'UnitEstablished', { unitId: 'dg', name: 'DG', kind: 'direzione', parentId: null }, at('2019-01-01', 'A1')), // 1
    record(ORG, 'UnitEstablished', { unitId: 'tur', name: 'Turismo', kind: 'area', parentId: 'dg' }, at('2020-01-01', 'X')), // 2: the act to annul
    record(ORG, 'UnitRenamed', { unitId: 'dg', name: 'DG e Turismo' }, at('2020-01-01', 'X')), // 3
    record(ORG, 'UnitEstablished', { unitId: 'info', name: 'Infopoint', kind: 'ufficio', parentId: 'tur' }, at('2020-06-01', 'B')), // 4: under tur
    record(ORG, 'CompetencyAssigned', { competencyId: 'c-info', unitId: 'info', text: 'Accoglienza' }, at('2020-07-01', 'C')), // 5: in info
    record(ORG, 'HeadAppointed', { unitId: 'dg', person: 'Anna Neri', title: null }, at('2020-07-01', 'C')), // 6: unrelated
    record(OB, 'ObjectiveDefined', { objectiveId: 'ob-tur', unitId: 'tur', title: 'Più turisti', plan: null, years: null, links: [] }, at('2021-01-01', 'P')), // 7
    record(OB, 'IndicatorDefined', { indicatorId: 'ob-tur.i1', objectiveId: 'ob-tur', description: 'Presenze', kind: null, unit: null, target: 10 }, at('2021-01-01', 'P')), // 8
    record(IND, 'MeasurementRecorded', { indicatorId: 'ob-tur.i1', objectiveId: 'ob-tur', value: 7, measuredAt: '2021-06-30', note: null, source: null }, at('2021-06-30')), // 9
    record(ORG, 'ActAnnulled', { actId: 'X', reason: 'annullato' }, at('2022-01-01', 'TAR')), // 10
  ];
  for (const event of events) models.apply(event);
  return models;
}

describe('annulment cascade', () => {
  it('retracts the act and, transitively, every later change that refers to what it created', () => {
    const models = givenAnActAndChangesBuiltOnIt();
    const org = models.org('milano')!;
    expect(org.acts.get('X', 10)?.invalidatedChanges).toEqual([
      { position: 4, actId: 'B', reason: 'refers to unit tur, which the annulled act X created' },
      { position: 5, actId: 'C', reason: 'refers to unit info, which a change invalidated by this annulment created' },
      { position: 7, actId: 'P', reason: 'refers to unit tur, which the annulled act X created' },
      { position: 8, actId: 'P', reason: 'refers to objective ob-tur, which a change invalidated by this annulment created' },
      { position: 9, actId: null, reason: 'refers to indicator ob-tur.i1, which a change invalidated by this annulment created' },
    ]);
    const now = { at: '2021-12-31', maxPosition: 10 };
    const by = (act: string) => ({ status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: [act] });
    expect(org.chart.orgChart(now)).toEqual([
      { unitId: 'dg', name: 'DG', kind: 'direzione', parentId: null, competencies: [], head: { person: 'Anna Neri', title: null, evidence: by('C') }, evidence: by('A1') },
    ]);
    expect(org.pdo.objective('ob-tur', now)).toBeUndefined();
    expect(org.pdo.indicatorOwner('ob-tur.i1', 10)).toBeUndefined();
    expect(org.chart.knowsUnit('tur', 10)).toBe(false);
  });

  it('answers as known before the annulment exactly as if it had not happened', () => {
    const models = givenAnActAndChangesBuiltOnIt();
    const org = models.org('milano')!;
    const before = { at: '2021-12-31', maxPosition: 9 };
    expect(org.chart.orgChart(before).map((u) => [u.unitId, u.name, u.competencies.length])).toEqual([
      ['dg', 'DG e Turismo', 0],
      ['tur', 'Turismo', 0],
      ['info', 'Infopoint', 1],
    ]);
    expect(org.pdo.objective('ob-tur', before)?.indicators).toHaveLength(1);
    expect(org.acts.isRetracted(3, 9)).toBe(false);
    expect(org.acts.isRetracted(3, 10)).toBe(true);
  });

  it('ignores an annulment of an unknown act', () => {
    const record = recorder();
    const models = new ReadModels();
    models.apply(record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Comune di Milano' }, at('2019-01-01')));
    models.apply(record(ORG, 'UnitEstablished', { unitId: 'dg', name: 'DG', kind: 'direzione', parentId: null }, at('2019-01-01', 'A1')));
    models.apply(record(ORG, 'ActAnnulled', { actId: 'nope', reason: 'x' }, at('2022-01-01', 'TAR')));
    expect(models.org('milano')!.chart.orgChart({ at: '2022-01-01', maxPosition: 2 })).toHaveLength(1);
  });

  it('invalidates a move that would close a parent cycle once the act is annulled, so every date stays a forest', () => {
    const record = recorder();
    const models = new ReadModels();
    for (const event of [
      record(ORG, 'OrgRegistered', { orgId: 'milano', name: 'Comune di Milano' }, at('2019-01-01')), // 0
      record(ORG, 'UnitEstablished', { unitId: 'b', name: 'B', kind: 'area', parentId: null }, at('2019-01-01', 'A0')), // 1
      record(ORG, 'UnitEstablished', { unitId: 'a', name: 'A', kind: 'area', parentId: 'b' }, at('2019-01-01', 'A0')), // 2: a under b
      record(ORG, 'UnitMoved', { unitId: 'a', parentId: null }, at('2020-01-01', 'X')), // 3: the act to annul takes a out
      record(ORG, 'UnitMoved', { unitId: 'b', parentId: 'a' }, at('2021-01-01', 'Y')), // 4: valid then; a cycle without 3
      record(ORG, 'ActAnnulled', { actId: 'X', reason: 'annullato' }, at('2022-01-01', 'TAR')), // 5
    ]) {
      models.apply(event);
    }
    const org = models.org('milano')!;
    expect(org.acts.get('X', 5)!.invalidatedChanges).toEqual([{ position: 4, actId: 'Y', reason: 'would leave a parent cycle a → b → a on 2021-01-01' }]);
    expect(org.acts.isRetracted(4, 5)).toBe(true);
    const chart = (at: string) => org.chart.orgChart({ at, maxPosition: 5 }).map((u) => [u.unitId, u.parentId]);
    expect(chart('2021-06-01')).toEqual([
      ['b', null],
      ['a', 'b'],
    ]);
    // As known before the annulment nothing moves.
    expect(org.chart.orgChart({ at: '2021-06-01', maxPosition: 4 }).map((u) => [u.unitId, u.parentId])).toEqual([
      ['b', 'a'],
      ['a', null],
    ]);
  });
});
