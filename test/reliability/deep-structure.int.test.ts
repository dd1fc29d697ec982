/**
 * One editor cannot freeze the service with a deep structure (issue 14, point 1):
 *   - a chain 5,000 levels deep, written directly as events (as data recorded before the depth
 *     limit would be; the commands can no longer build it): the tree, the CSV, a unit's history,
 *     a diff and a backdated reorganisation all answer, none with a 5xx;
 *   - a change that would place a unit deeper than ORGTRAIL_MAX_UNIT_DEPTH is 422 naming the
 *     limit, on its effective date and on a later date a backdated change still holds on;
 *   - a reorganisation of more than ORGTRAIL_MAX_REORGANIZATION_CHANGES changes is 422 naming it.
 * How long the event loop is held meanwhile is measured by `npm run bench -- --only deep`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEvent } from '../../events/catalogue.ts';
import { orgStream } from '../../src/commands/streams.ts';
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const DEPTH = 5_000;
const DEEP = '/api/v1/orgs/deep';

/** Appends UnitEstablished events u1 → u2 → … → u<depth> to the org's stream, 500 per append, bypassing the commands. */
async function appendChain(app: TestApp, orgId: string, depth: number): Promise<void> {
  for (let from = 1; from <= depth; from += 500) {
    const events = [];
    for (let i = from; i < Math.min(from + 500, depth + 1); i++) {
      const data = { unitId: `u${i}`, name: `U${i}`, kind: 'ufficio', parentId: i === 1 ? null : `u${i - 1}` };
      const metadata = { schemaVersion: 1, orgId, recordedBy: 'test', act: { id: `DG-${from}` }, effectiveFrom: '2020-01-01', correlationId: 'deep', causationId: null };
      events.push(validateEvent({ type: 'UnitEstablished', data, metadata }));
    }
    const revision = await app.store.streamRevision(orgStream(orgId));
    await app.store.append(orgStream(orgId), events, { expectedRevision: revision ?? 'no_stream' });
  }
  await app.projector.waitForPosition(await app.store.headPosition());
}

/** Levels of a nested answer, counted without recursion. */
function treeDepth(roots: { children: unknown[] }[]): number {
  let deepest = 0;
  const pending = roots.map((node) => ({ node, level: 1 }));
  while (pending.length > 0) {
    const { node, level } = pending.pop()!;
    deepest = Math.max(deepest, level);
    for (const child of node.children as { children: unknown[] }[]) pending.push({ node: child, level: level + 1 });
  }
  return deepest;
}

describe('a structure 5,000 levels deep, recorded before the depth limit', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'deep', name: 'Deep' }));
    await appendChain(app, 'deep', DEPTH);
  }, 60_000);
  afterAll(() => app.close());

  it('nests in the tree answer', async () => {
    const r = await api.get(`${DEEP}/org-chart?at=2024-01-01&shape=tree`);
    expect(r.status).toBe(200);
    expect(r.body.units).toHaveLength(1);
    expect(treeDepth(r.body.units)).toBe(DEPTH);
    expect(r.body.units[0]).toMatchObject({ unitId: 'u1', name: 'U1', parentId: null });
  });

  it('is one CSV row per unit, parents first, the path of the deepest naming its nearest parents after …', async () => {
    const r = await api.get(`${DEEP}/org-chart?at=2024-01-01&format=csv`);
    expect(r.status).toBe(200);
    const lines = (r.body as string).trim().split(/\r?\n/);
    expect(lines).toHaveLength(DEPTH + 1);
    expect(lines[1]).toContain(',u1,U1,');
    const last = lines.at(-1)!;
    expect(last).toContain(`,u${DEPTH},U${DEPTH},`);
    expect(last).toContain(`… > U${DEPTH - 32} > `);
    expect(last).not.toContain(' U1 >');
  });

  it('answers a unit history and a diff', async () => {
    expect((await api.get(`${DEEP}/units/u${DEPTH}/history`)).status).toBe(200);
    const diff = await api.get(`${DEEP}/org-chart/diff?from=2019-12-31&to=2020-01-01`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toHaveLength(DEPTH);
  });

  it('decides a backdated reorganisation on it, and refuses one that would deepen it, naming the limit', async () => {
    const backdated = await api.post(`${DEEP}/reorganizations`, {
      act: { id: 'DG-backdated' },
      effectiveFrom: '2019-06-01',
      changes: [{ op: 'establish', unitId: 'early', name: 'Early', kind: 'area' }],
    });
    expect(backdated.status).toBe(201);
    const deeper = await api.post(`${DEEP}/reorganizations`, {
      act: { id: 'DG-deeper' },
      effectiveFrom: '2024-01-01',
      changes: [{ op: 'establish', unitId: 'below', name: 'Below', kind: 'area', parentId: `u${DEPTH}` }],
    });
    expect(deeper.status).toBe(422);
    expect(deeper.contentType).toContain('application/problem+json');
    expect(deeper.body.problems).toEqual([
      { field: 'changes/0/parentId', message: `unit below would be at level ${DEPTH + 1}, deeper than the limit of 32 levels (ORGTRAIL_MAX_UNIT_DEPTH)` },
    ]);
  });
});

describe('the configured limits', () => {
  let app: TestApp;
  let api: ApiClient;
  const reorganize = (act: string, effectiveFrom: string, changes: unknown[]) => api.post('/api/v1/orgs/small/reorganizations', { act: { id: act }, effectiveFrom, changes });

  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_MAX_UNIT_DEPTH: '3', ORGTRAIL_MAX_REORGANIZATION_CHANGES: '4' } });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'small', name: 'Small' }));
    await accepted(
      reorganize('DG-1', '2020-01-01', [
        { op: 'establish', unitId: 'a', name: 'A', kind: 'k' },
        { op: 'establish', unitId: 'b', name: 'B', kind: 'k', parentId: 'a' },
        { op: 'establish', unitId: 'c', name: 'C', kind: 'k', parentId: 'b' },
        { op: 'establish', unitId: 'r', name: 'R', kind: 'k' },
      ]),
    );
  });
  afterAll(() => app.close());

  it('refuses a reorganisation with more changes than the limit, naming it, and appends nothing', async () => {
    const head = await app.store.headPosition();
    const changes = ['w', 'x', 'y', 'z', 'v'].map((id) => ({ op: 'establish', unitId: id, name: id, kind: 'k' }));
    const r = await reorganize('DG-2', '2020-01-01', changes);
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([{ field: 'changes', message: '5 changes: at most 4 in one reorganisation (ORGTRAIL_MAX_REORGANIZATION_CHANGES)' }]);
    expect(await app.store.headPosition()).toBe(head);
  });

  it('refuses a unit below the configured depth', async () => {
    const r = await reorganize('DG-3', '2021-01-01', [{ op: 'establish', unitId: 'd', name: 'D', kind: 'k', parentId: 'c' }]);
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([{ field: 'changes/0/parentId', message: 'unit d would be at level 4, deeper than the limit of 3 levels (ORGTRAIL_MAX_UNIT_DEPTH)' }]);
  });

  it('refuses a backdated change that a later change would carry below the limit', async () => {
    // Later: r is moved under b (level 3). A change backdated before that move puts s under r.
    await accepted(reorganize('DG-4', '2022-01-01', [{ op: 'move', unitId: 'r', parentId: 'b' }]));
    const r = await reorganize('DG-5', '2021-06-01', [{ op: 'establish', unitId: 's', name: 'S', kind: 'k', parentId: 'r' }]);
    expect(r.status).toBe(422);
    expect(r.body.problems).toEqual([
      { field: 'changes/0', message: 'on 2022-01-01, when a later recorded change holds, this command would leave unit s at level 4, deeper than the limit of 3 levels (ORGTRAIL_MAX_UNIT_DEPTH)' },
    ]);
  });
});
