/**
 * GET /orgs/:org/live: the snapshot of each view as of now, then one `change` per event that
 * touches the view, in position order, with the affected items as they stand after the event.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accepted } from '../api/api-client.ts';
import { json, type SseConnection, type SseMessage } from '../support/sse-client.ts';
import { measure, ORG, startLiveTestApp, type LiveTestApp } from './live-fixture.ts';

const changes = (messages: SseMessage[]) => messages.filter((m) => m.event === 'change');
const hasChange = (position: number) => (messages: SseMessage[]) => messages.some((m) => m.id === String(position));

describe('live views', () => {
  let t: LiveTestApp;
  const open: SseConnection[] = [];
  const live = async (query: string) => {
    const connection = await t.live(query);
    open.push(connection);
    return connection;
  };

  beforeEach(async () => {
    t = await startLiveTestApp();
  });

  afterEach(async () => {
    for (const connection of open.splice(0)) connection.close();
    await t.close();
  });

  it('org-chart: sends today\'s chart as known now, then each change with the units as they now stand', async () => {
    const stream = await live('view=org-chart');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    const [snapshot] = await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    expect(snapshot).toMatchObject({ event: 'snapshot', id: String(t.seededPosition) });
    const data = json(snapshot!);
    expect(data).toMatchObject({ position: t.seededPosition, at: '2025-03-10' });
    expect(data.units.map((u: { unitId: string }) => u.unitId)).toEqual(['dg', 'cultura', 'musei', 'gab']);

    const renamed = await t.reorganize([{ op: 'rename', unitId: 'musei', name: 'Musei Civici' }]);
    const future = await t.reorganize([{ op: 'establish', unitId: 'nuova', name: 'Nuova Area', kind: 'area' }], '2026-01-01');
    const head = await t.reorganize([{ op: 'appoint-head', unitId: 'dg', person: 'Maria Bianchi' }]);
    await stream.waitFor(hasChange(head), 'the head appointment');

    // The unit established only from 2026 does not change today's chart: no message for it.
    expect(changes(stream.messages).map((m) => Number(m.id))).toEqual([renamed, head]);
    expect(future).toBe(renamed + 1);
    const rename = json(changes(stream.messages)[0]!);
    expect(rename).toMatchObject({
      position: renamed,
      type: 'UnitRenamed',
      streamId: 'org-milano',
      orgId: 'milano',
      effectiveFrom: '2025-01-01',
      recordedBy: expect.any(String),
      act: { id: expect.any(String) },
      data: { unitId: 'musei', name: 'Musei Civici' },
      at: '2025-03-10',
      units: [{ unitId: 'musei', name: 'Musei Civici', kind: 'unita', parentId: 'cultura', competencies: [], head: null }],
      removedUnitIds: [],
    });
    expect(rename.recordedAt).toBe('2025-03-10T09:00:00.000Z');
    expect(json(changes(stream.messages)[1]!).units).toMatchObject([
      { unitId: 'dg', name: 'Direzione Generale', kind: 'direzione', parentId: null, competencies: [], head: { person: 'Maria Bianchi', title: null, evidence: { status: 'enacted' } } },
    ]);
  });

  it('org-chart: an annulled act re-sends the whole snapshot, without the act\'s effects', async () => {
    const stream = await live('view=org-chart');
    await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    await accepted(t.api.post(`${ORG}/reorganizations`, { act: { id: 'DG-2025-9' }, effectiveFrom: '2025-01-01', changes: [{ op: 'rename', unitId: 'gab', name: 'Gabinetto' }] }));
    const annulled = (await accepted(t.api.post(`${ORG}/acts/DG-2025-9/annul`, { reason: 'annullato dal TAR', act: { id: 'TAR-1' } }))).body.position;
    await stream.waitFor(hasChange(annulled), 'the annulment');
    const last = stream.messages.at(-1)!;
    expect([last.event, Number(last.id)]).toEqual(['snapshot', annulled]);
    expect(json(last).units.find((u: { unitId: string }) => u.unitId === 'gab').name).toBe('Gabinetto del Sindaco');
  });

  it('org-chart with unitId: the subtree today; a unit moved out is removed, moved back in is upserted', async () => {
    const stream = await live('view=org-chart&unitId=cultura');
    const [snapshot] = await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    expect(json(snapshot!).units.map((u: { unitId: string }) => u.unitId)).toEqual(['cultura', 'musei']);

    await t.reorganize([{ op: 'rename', unitId: 'gab', name: 'Gabinetto' }]);
    const out = await t.reorganize([{ op: 'move', unitId: 'musei', parentId: 'gab' }]);
    const back = await t.reorganize([{ op: 'move', unitId: 'musei', parentId: 'cultura' }]);
    const established = await t.reorganize([{ op: 'establish', unitId: 'biblioteche', name: 'Biblioteche', kind: 'unita', parentId: 'musei' }]);
    const carried = await t.reorganize([{ op: 'move', unitId: 'musei', parentId: 'gab' }]);
    await stream.waitFor(hasChange(carried), 'the last move');

    const received = changes(stream.messages).map(json);
    expect(received.map((c) => [c.position, c.type, c.units.map((u: { unitId: string }) => u.unitId), c.removedUnitIds])).toEqual([
      [out, 'UnitMoved', [], ['musei']],
      [back, 'UnitMoved', ['musei'], []],
      [established, 'UnitEstablished', ['biblioteche'], []],
      // Moving musei out takes its sub-unit with it.
      [carried, 'UnitMoved', [], ['musei', 'biblioteche']],
    ]);
    expect(received[1].units[0]).toMatchObject({ unitId: 'musei', parentId: 'cultura' });
  });

  it('pdo: the current year\'s objectives, then the touched objective as it now stands', async () => {
    const stream = await live('view=pdo');
    const [snapshot] = await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    const data = json(snapshot!);
    expect(data).toMatchObject({ position: t.seededPosition, at: '2025-03-10', year: 2025 });
    expect(data.objectives.map((o: { objectiveId: string; title: string }) => [o.objectiveId, o.title])).toEqual([
      ['ob-musei', 'Aprire i musei la sera'],
      ['ob-gab', 'Trasparenza degli atti'],
    ]);

    const measured = await measure(t.api, 420);
    const withdrawn = (await accepted(t.api.post(`${ORG}/objectives/ob-gab/withdraw`, { effectiveFrom: '2025-02-01', reason: 'assorbito' }))).body.position;
    await stream.waitFor(hasChange(withdrawn), 'the withdrawal');

    const [measurement, withdrawal] = changes(stream.messages).map(json);
    expect(measurement).toMatchObject({ position: measured, type: 'MeasurementRecorded', streamId: 'indicator-milano.ind-visite', year: 2025, removedObjectiveIds: [] });
    expect(measurement.objectives).toHaveLength(1);
    expect(measurement.objectives[0]).toMatchObject({ objectiveId: 'ob-musei', indicators: [{ indicatorId: 'ind-visite', latest: { value: 420, measuredAt: '2025-03-01' } }] });
    expect(withdrawal).toMatchObject({ position: withdrawn, type: 'ObjectiveWithdrawn', objectives: [], removedObjectiveIds: ['ob-gab'] });
  });

  it('pdo filters: objectiveId keeps that objective; indicatorId keeps only that indicator\'s events', async () => {
    const byObjective = await live('view=pdo&objectiveId=ob-gab');
    const byIndicator = await live('view=pdo&indicatorId=ind-visite');
    const [gabSnapshot] = await byObjective.waitFor((m) => m.length >= 1, 'the snapshot');
    const [indicatorSnapshot] = await byIndicator.waitFor((m) => m.length >= 1, 'the snapshot');
    expect(json(gabSnapshot!).objectives.map((o: { objectiveId: string }) => o.objectiveId)).toEqual(['ob-gab']);
    expect(json(indicatorSnapshot!).objectives.map((o: { objectiveId: string }) => o.objectiveId)).toEqual(['ob-musei']);

    const measured = await measure(t.api, 7);
    const revisedMusei = (await accepted(t.api.patch(`${ORG}/objectives/ob-musei`, { title: 'Musei aperti di sera', effectiveFrom: '2025-02-01' }), 200)).body.position;
    const revisedGab = (await accepted(t.api.patch(`${ORG}/objectives/ob-gab`, { title: 'Atti trasparenti', effectiveFrom: '2025-02-01' }), 200)).body.position;
    const measuredAgain = await measure(t.api, 8);
    await byObjective.waitFor(hasChange(revisedGab), 'the revision of ob-gab');
    await byIndicator.waitFor(hasChange(measuredAgain), 'the second measurement');

    expect(changes(byObjective.messages).map((m) => Number(m.id))).toEqual([revisedGab]);
    expect(changes(byIndicator.messages).map((m) => Number(m.id))).toEqual([measured, measuredAgain]);
    expect(revisedMusei).toBeGreaterThan(measured);
  });

  it('pdo with unitId: an objective handed to a unit outside the subtree is removed', async () => {
    const stream = await live('view=pdo&unitId=cultura');
    const [snapshot] = await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    expect(json(snapshot!).objectives.map((o: { objectiveId: string }) => o.objectiveId)).toEqual(['ob-musei']);
    const moved = (await accepted(t.api.patch(`${ORG}/objectives/ob-musei`, { unitId: 'gab', effectiveFrom: '2025-02-01' }), 200)).body.position;
    await stream.waitFor(hasChange(moved), 'the revision');
    expect(json(changes(stream.messages)[0]!)).toMatchObject({ position: moved, type: 'ObjectiveRevised', objectives: [], removedObjectiveIds: ['ob-musei'] });
  });

  it('pdo with unitId: a unit moved out of the subtree takes its objectives with it, and back', async () => {
    const stream = await live('view=pdo&unitId=cultura');
    await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    const out = await t.reorganize([{ op: 'move', unitId: 'musei', parentId: 'gab' }]);
    const renamed = await t.reorganize([{ op: 'rename', unitId: 'musei', name: 'Musei Civici' }]);
    const back = await t.reorganize([{ op: 'move', unitId: 'musei', parentId: 'cultura' }]);
    await stream.waitFor(hasChange(back), 'the move back');
    const received = changes(stream.messages).map(json);
    expect(received.map((c) => [c.position, c.type, c.objectives.map((o: { objectiveId: string }) => o.objectiveId), c.removedObjectiveIds])).toEqual([
      [out, 'UnitMoved', [], ['ob-musei']],
      [back, 'UnitMoved', ['ob-musei'], []],
    ]);
    expect(renamed).toBe(out + 1);
  });

  it('events with unitId: the org-chart events of the subtree and the events of objectives it owns', async () => {
    const stream = await live('view=events&unitId=cultura');
    await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    const renamed = await t.reorganize([{ op: 'rename', unitId: 'musei', name: 'Musei Civici' }]);
    await t.reorganize([{ op: 'rename', unitId: 'gab', name: 'Gabinetto' }]);
    const measured = await measure(t.api, 3);
    await accepted(t.api.patch(`${ORG}/objectives/ob-gab`, { title: 'Atti trasparenti', effectiveFrom: '2025-02-01' }), 200);
    const movedOut = await t.reorganize([{ op: 'move', unitId: 'musei', parentId: 'gab' }]);
    await t.reorganize([{ op: 'rename', unitId: 'musei', name: 'Musei' }]);
    const closing = await t.reorganize([{ op: 'rename', unitId: 'cultura', name: 'Cultura' }]);
    await stream.waitFor(hasChange(closing), 'the last rename');
    expect(changes(stream.messages).map((m) => Number(m.id))).toEqual([renamed, measured, movedOut, closing]);
  });

  it('events: an empty snapshot with the position, then every event of the org with its fields', async () => {
    const stream = await live('view=events');
    const [snapshot] = await stream.waitFor((m) => m.length >= 1, 'the snapshot');
    expect(snapshot).toMatchObject({ event: 'snapshot', id: String(t.seededPosition) });
    expect(json(snapshot!)).toMatchObject({ position: t.seededPosition, at: null });

    const future = await t.reorganize([{ op: 'establish', unitId: 'nuova', name: 'Nuova Area', kind: 'area' }], '2026-01-01');
    const measured = await measure(t.api, 1);
    await stream.waitFor(hasChange(measured), 'the measurement');
    expect(changes(stream.messages).map((m) => Number(m.id))).toEqual([future, measured]);
    expect(json(changes(stream.messages)[0]!)).toEqual({
      position: future,
      eventId: expect.any(String),
      type: 'UnitEstablished',
      streamId: 'org-milano',
      orgId: 'milano',
      effectiveFrom: '2026-01-01',
      recordedAt: '2025-03-10T09:00:00.000Z',
      recordedBy: expect.any(String),
      act: expect.objectContaining({ id: expect.any(String) }),
      data: { unitId: 'nuova', name: 'Nuova Area', kind: 'area', parentId: null },
    });
  });
});
