/**
 * provenance=true: every fact of every read names the event that produced it (act, recorder,
 * both times, source, approximate/inferred qualifiers); without it the answers are unchanged;
 * and an answer as of a position is the same, byte for byte, after more appends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACT_2019, ACT_2024, ACT_LATER, ACT_PDO, APPROXIMATE_DATE, BASE, INFERRED_PARENT, rawGet, SOURCE, startScenario, T1, T2, T3, type Scenario } from './audit-scenario.ts';

const enacted = (...acts: string[]) => ({ status: 'enacted', firstAttestedOn: null, lastAttestedOn: null, sources: acts });

describe('provenance on every read', () => {
  let s: Scenario;
  let recorder: string;
  /** The expected provenance of a fact set by the event at `position`. */
  const fact = (position: number, type: string, extra: Record<string, unknown>) => expect.objectContaining({ position, type, recordedBy: recorder, ...extra });
  const fromAct2019 = (position: number, type: string, qualifiers: unknown[]) =>
    fact(position, type, {
      streamId: 'org-milano',
      effectiveFrom: '2019-01-01',
      recordedAt: T1,
      act: ACT_2019,
      source: SOURCE,
      approximate: qualifiers.includes(APPROXIMATE_DATE),
      inferred: qualifiers.includes(INFERRED_PARENT),
      qualifiers,
    });

  beforeAll(async () => {
    s = await startScenario();
    recorder = (await s.api.get(`${BASE}/acts/DG-2019-1`)).body.changes[0].recordedBy;
  });
  afterAll(() => s.app.close());

  it('names, for each unit attribute, head and competency, the event that produced it, with the qualifiers that apply to it', async () => {
    const r = await s.api.get(`${BASE}/org-chart?at=2024-09-01&provenance=true`);
    expect(r.status).toBe(200);
    const [dg, cultura, turismo] = r.body.units;
    expect(dg.provenance).toEqual({
      name: fromAct2019(2, 'UnitEstablished', [APPROXIMATE_DATE]),
      kind: fromAct2019(2, 'UnitEstablished', [APPROXIMATE_DATE]),
      parentId: fromAct2019(2, 'UnitEstablished', [APPROXIMATE_DATE]),
      active: fromAct2019(2, 'UnitEstablished', [APPROXIMATE_DATE]),
      head: fromAct2019(5, 'HeadAppointed', [APPROXIMATE_DATE]),
    });
    // The inferred parent qualifies only cultura's parentId (change 1), not its name or dg's parent.
    expect(cultura.provenance).toEqual({
      name: fact(8, 'UnitRenamed', { act: ACT_2024, recordedAt: T2, effectiveFrom: '2024-06-01', source: null, approximate: false, inferred: false, qualifiers: [] }),
      kind: fromAct2019(3, 'UnitEstablished', [APPROXIMATE_DATE]),
      parentId: fromAct2019(3, 'UnitEstablished', [APPROXIMATE_DATE, INFERRED_PARENT]),
      active: fromAct2019(3, 'UnitEstablished', [APPROXIMATE_DATE]),
      head: fact(12, 'HeadAppointed', { act: { id: 'DG-2024-80', kind: 'determina' }, recordedAt: T3 }),
    });
    expect(cultura.competencies).toEqual([
      { competencyId: 'c-musei', text: 'Gestione dei musei civici', evidence: enacted(ACT_2019.id), provenance: { holder: fromAct2019(4, 'CompetencyAssigned', [APPROXIMATE_DATE]), text: fromAct2019(4, 'CompetencyAssigned', [APPROXIMATE_DATE]) } },
    ]);
    expect(turismo.provenance.active).toEqual(fact(9, 'UnitEstablished', { act: ACT_2024 }));
    expect(typeof dg.provenance.name.eventId).toBe('string');
  });

  it('resolves each fact as it stood on `at`: before the rename the name comes from the establishment', async () => {
    const r = await s.api.get(`${BASE}/units/cultura?at=2024-05-31&provenance=true`);
    expect(r.body.unit.name).toBe('Area Cultura');
    expect(r.body.unit.provenance.name).toEqual(fromAct2019(3, 'UnitEstablished', [APPROXIMATE_DATE]));
    expect(r.body.unit.provenance.head).toBeNull();
  });

  it('nests the same provenance in the tree shape', async () => {
    const r = await s.api.get(`${BASE}/org-chart?at=2024-09-01&shape=tree&provenance=true`);
    expect(r.body.units[0].children[0].provenance.parentId).toEqual(fromAct2019(3, 'UnitEstablished', [APPROXIMATE_DATE, INFERRED_PARENT]));
  });

  it('names the event of each plan-year statement, the target and the latest measurement of the PDO', async () => {
    const r = await s.api.get(`${BASE}/pdo?year=2025&at=2024-09-01&provenance=true`);
    const [objective] = r.body.objectives;
    expect(objective.title).toBe('Aprire 5 musei');
    expect(objective.provenance.years).toEqual({
      '2024': fact(6, 'ObjectiveDefined', { act: ACT_PDO, streamId: 'objective-milano.ob1', recordedAt: T1 }),
      '2025': fact(10, 'ObjectiveRevised', { act: ACT_2024, recordedAt: T2 }),
    });
    expect(objective.provenance.unitId).toEqual(fact(6, 'ObjectiveDefined', { act: ACT_PDO }));
    expect(objective.indicators[0].provenance.target).toEqual(fact(7, 'IndicatorDefined', { act: ACT_PDO }));
    expect(objective.indicators[0].provenance.latest).toEqual(fact(13, 'MeasurementRecorded', { act: null, streamId: 'indicator-milano.ob1.i1', effectiveFrom: '2024-06-30', recordedAt: T3 }));
  });

  it('names the events of one objective and of each measurement', async () => {
    const objective = await s.api.get(`${BASE}/objectives/ob1?at=2024-03-01&provenance=true`);
    expect(objective.body.objective.provenance.years['2025']).toEqual(fact(6, 'ObjectiveDefined', { act: ACT_PDO }));
    const measurements = await s.api.get(`${BASE}/indicators/ob1.i1/measurements?provenance=true`);
    expect(measurements.body.measurements).toEqual([
      { value: 2, measuredAt: '2024-06-30', note: null, source: null, recordedAt: T3, position: 13, evidence: { status: 'attested', firstAttestedOn: '2024-06-30', lastAttestedOn: '2024-06-30', sources: [] }, provenance: fact(13, 'MeasurementRecorded', { act: null }) },
    ]);
  });

  it('marks each history entry approximate or inferred with the qualifiers that apply to it', async () => {
    const r = await s.api.get(`${BASE}/units/cultura/history?provenance=true`);
    const establishment = r.body.history.find((e: { position: number }) => e.position === 3);
    expect(establishment).toMatchObject({ approximate: true, inferred: true, qualifiers: [APPROXIMATE_DATE, INFERRED_PARENT], provenance: { source: SOURCE } });
    const rename = r.body.history.find((e: { position: number }) => e.position === 8);
    expect(rename).toMatchObject({ approximate: false, inferred: false, qualifiers: [] });
  });

  it('leaves answers without provenance=true as they were', async () => {
    const chart = await s.api.get(`${BASE}/org-chart?at=2024-09-01`);
    expect(chart.body.units[1]).toEqual({
      unitId: 'cultura',
      name: 'Area Cultura e Turismo',
      kind: 'area',
      parentId: 'dg',
      competencies: [{ competencyId: 'c-musei', text: 'Gestione dei musei civici', evidence: enacted(ACT_2019.id) }],
      head: { person: 'Luca Verdi', title: null, evidence: enacted(ACT_LATER.id) },
      // Evidence is in every answer, with or without provenance (docs/evidence.md).
      evidence: enacted(ACT_2024.id, ACT_2019.id),
    });
    const pdo = await s.api.get(`${BASE}/pdo?year=2025&at=2024-09-01&provenance=false`);
    expect(pdo.body.objectives[0]).not.toHaveProperty('provenance');
    expect(pdo.body.objectives[0].indicators[0]).not.toHaveProperty('provenance');
    const history = await s.api.get(`${BASE}/units/cultura/history`);
    expect(history.body.history[0]).not.toHaveProperty('qualifiers');
  });

  it('refuses a provenance value that is not a boolean, naming the parameter', async () => {
    const r = await s.api.get(`${BASE}/org-chart?provenance=maybe`);
    expect(r.status).toBe(400);
    expect(r.body.problems).toEqual([expect.objectContaining({ field: 'provenance' })]);
  });

  it('answers as of a position byte for byte the same after more appends', async () => {
    const reads = [
      `${BASE}/org-chart?at=2024-09-01&asOfPosition=12&provenance=true`,
      `${BASE}/pdo?year=2025&at=2024-09-01&asOfPosition=12&provenance=true`,
      `${BASE}/units/cultura/history?asOfPosition=12&provenance=true`,
      `${BASE}/objectives/ob1/history?asOfPosition=12`,
      `${BASE}/acts?asOfPosition=12`,
      `${BASE}/acts/DG-2024-50?asOfPosition=12`,
    ];
    const before = await Promise.all(reads.map((path) => rawGet(s, path)));
    s.time.set('2024-09-01T08:00:00.000Z');
    await s.api.post(`${BASE}/reorganizations`, { act: { id: 'DG-2024-99' }, effectiveFrom: '2019-06-01', changes: [{ op: 'rename', unitId: 'dg', name: 'Direzione Generale e Controlli' }] });
    await s.api.post(`${BASE}/acts/DG-2024-50/annul`, { reason: 'Annullata in autotutela', act: { id: 'DG-2024-100' } });
    const now = await s.api.get(`${BASE}/org-chart?at=2024-09-01`);
    expect(now.body.units.map((u: { name: string }) => u.name)).toEqual(['Direzione Generale e Controlli', 'Area Cultura']);
    const after = await Promise.all(reads.map((path) => rawGet(s, path)));
    expect(after).toEqual(before);
  });
});
