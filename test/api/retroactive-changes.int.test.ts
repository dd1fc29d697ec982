/**
 * A backdated reorganisation holds from its effective date until a later recorded change
 * overrides it, so it is checked on its effective date AND on every later change date
 * (src/commands/check-later-dates.ts). Given facts recorded with later effective dates:
 *   - a backdated dissolve of a parent that later gets a child → 422, nothing appended;
 *   - a backdated move closing a parent cycle on a later date → 422, nothing appended;
 *   - a backdated move that a later recorded move overrides before the conflict → 201.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from './api-client.ts';

interface Node {
  unitId: string;
  children: Node[];
}
const shape = (nodes: Node[]): unknown => nodes.map((n) => (n.children.length ? { [n.unitId]: shape(n.children) } : n.unitId));

describe('backdated changes against later-dated facts', () => {
  let app: TestApp;
  let api: ApiClient;
  const reorg = (effectiveFrom: string, changes: unknown[]) => api.post('/api/v1/orgs/citta/reorganizations', { act: { id: `A-${effectiveFrom}` }, effectiveFrom, changes });
  const tree = async (at: string) => shape((await api.get(`/api/v1/orgs/citta/org-chart?at=${at}&shape=tree`)).body.units);

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'citta', name: 'Città Metropolitana' }));
    await accepted(reorg('2019-01-01', [
      { op: 'establish', unitId: 'p', name: 'P', kind: 'area' },
      { op: 'establish', unitId: 'a', name: 'A', kind: 'area' },
      { op: 'establish', unitId: 'b', name: 'B', kind: 'area' },
      { op: 'establish', unitId: 'x', name: 'X', kind: 'area' },
    ]));
    await accepted(reorg('2020-01-01', [
      { op: 'establish', unitId: 'c', name: 'C', kind: 'settore', parentId: 'p' },
      { op: 'move', unitId: 'b', parentId: 'a' },
    ]));
  });
  afterAll(() => app.close());

  it('rejects a backdated dissolve of a parent that gets a sub-unit on a later date, appending nothing', async () => {
    const head = await app.store.headPosition();
    const r = await reorg('2019-06-01', [{ op: 'dissolve', unitId: 'p' }]);
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([{ field: 'changes/0', message: expect.stringContaining('on 2020-01-01') }]);
    expect(r.body.problems[0].message).toContain('unit c under p, which is not active');
    expect(await app.store.headPosition()).toBe(head);
    expect(await tree('2020-06-01')).toEqual([{ p: ['c'] }, { a: ['b'] }, 'x']);
  });

  it('rejects a backdated move that closes a parent cycle on a later date', async () => {
    const head = await app.store.headPosition();
    const r = await reorg('2019-06-01', [{ op: 'move', unitId: 'a', parentId: 'b' }]);
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([{ field: 'changes/0', message: expect.stringContaining('a parent cycle a → b → a') }]);
    expect(await app.store.headPosition()).toBe(head);
  });

  it('accepts a backdated move that a later recorded move overrides before the conflicting date', async () => {
    await accepted(reorg('2019-12-01', [{ op: 'move', unitId: 'a', parentId: 'x' }]));
    await accepted(reorg('2019-06-01', [{ op: 'move', unitId: 'a', parentId: 'b' }]));
    expect(await tree('2019-07-01')).toEqual(['p', { b: ['a'] }, 'x']);
    expect(await tree('2020-06-01')).toEqual([{ p: ['c'] }, { x: [{ a: ['b'] }] }]);
  });
});
