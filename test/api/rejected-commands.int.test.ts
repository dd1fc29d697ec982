/**
 * Scenario 3: every rejected command leaves the store byte-for-byte unchanged, and answers
 * application/problem+json with the right status and the offending fields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient, type ApiResponse } from './api-client.ts';

interface Case {
  name: string;
  request: (api: ApiClient) => Promise<ApiResponse>;
  status: number;
  /** Exactly these problem fields, in this order. */
  fields?: string[];
  /** Substrings of the problem messages, in the same order as fields. */
  messages?: string[];
  code?: string;
}

const reorg = (changes: unknown[], extra: Record<string, unknown> = {}) => ({ act: { id: 'A9' }, effectiveFrom: '2021-01-01', changes, ...extra });
const objective = (extra: Record<string, unknown> = {}) => ({
  objectiveId: 'ob2',
  unitId: 'dg',
  title: 'Digitalizzare i servizi',
  effectiveFrom: '2024-01-01',
  ...extra,
});

const cases: Case[] = [
  { name: 'malformed JSON', request: (api) => api.send('POST', '/api/v1/orgs/milano/reorganizations', { raw: '{"act": {"id": "A9"},' }), status: 400, fields: [''], code: 'bad_request' },
  { name: 'JSON that is not an object', request: (api) => api.send('POST', '/api/v1/orgs', { raw: '"milano"' }), status: 400, fields: [''] },
  { name: 'a body that is not JSON', request: (api) => api.send('POST', '/api/v1/orgs', { raw: 'orgId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 415, fields: ['Content-Type'], code: 'unsupported_media_type' },
  { name: 'no body at all', request: (api) => api.send('POST', '/api/v1/orgs'), status: 400, fields: [''] },
  { name: 'unknown top-level field', request: (api) => api.post('/api/v1/orgs', { orgId: 'roma', name: 'Roma Capitale', colour: 'red' }), status: 400, fields: ['colour'], messages: ['unknown field'] },
  { name: 'recordedBy is never taken from the body', request: (api) => api.post('/api/v1/orgs', { orgId: 'roma', name: 'Roma Capitale', recordedBy: 'mallory' }), status: 400, fields: ['recordedBy'] },
  { name: 'org id with a dot', request: (api) => api.post('/api/v1/orgs', { orgId: 'comune.roma', name: 'Roma' }), status: 400, fields: ['orgId'] },
  { name: 'org id in capitals', request: (api) => api.post('/api/v1/orgs', { orgId: 'Roma', name: 'Roma' }), status: 400, fields: ['orgId'] },
  { name: 'org exists', request: (api) => api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }), status: 409, fields: [], code: 'conflict' },
  { name: 'unknown field inside a change', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'rename', unitId: 'dg', name: 'DG', colour: 'red' }])), status: 400, fields: ['changes/0/colour'] },
  { name: 'unknown op', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'merge', unitId: 'dg' }])), status: 400, fields: ['changes/0/op'] },
  { name: 'missing field of a change', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'rename', unitId: 'dg' }])), status: 400, fields: ['changes/0/name'] },
  { name: 'impossible effective date', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'rename', unitId: 'dg', name: 'DG' }], { effectiveFrom: '2023-02-30' })), status: 400, fields: ['effectiveFrom'], messages: ['calendar date'] },
  { name: 'impossible act date', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'rename', unitId: 'dg', name: 'DG' }], { act: { id: 'A9', date: '2023-02-29' } })), status: 400, fields: ['act/date'] },
  { name: 'no changes', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([])), status: 400, fields: ['changes'] },
  // More than ORGTRAIL_MAX_REORGANIZATION_CHANGES (500 by default) is a command's limit: 422 naming it (issue 14 point 1; it was a 400 of the schema).
  { name: 'too many changes', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg(Array.from({ length: 501 }, (_, i) => ({ op: 'establish', unitId: `u${i}`, name: 'U', kind: 'k', parentId: 'dg' })))), status: 422, fields: ['changes'] },
  { name: 'id too long', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'establish', unitId: 'x'.repeat(129), name: 'U', kind: 'k' }])), status: 400, fields: ['changes/0/unitId'] },
  { name: 'body larger than 256kb', request: (api) => api.post('/api/v1/orgs', { orgId: 'roma', name: 'x'.repeat(1_100_000) }), status: 413, fields: [''], code: 'payload_too_large' },
  { name: 'unknown org', request: (api) => api.post('/api/v1/orgs/roma/reorganizations', reorg([{ op: 'rename', unitId: 'dg', name: 'DG' }])), status: 404, fields: [], code: 'not_found' },
  {
    name: 'every invalid change by index: inactive parent and unknown unit',
    request: (api) =>
      api.post('/api/v1/orgs/milano/reorganizations', reorg([
        { op: 'rename', unitId: 'dg', name: 'Direzione Generale e Risorse' },
        { op: 'establish', unitId: 'x', name: 'X', kind: 'servizio', parentId: 'old' },
        { op: 'establish', unitId: 'y', name: 'Y', kind: 'servizio', parentId: 'dg' },
        { op: 'rename', unitId: 'ghost', name: 'Ghost' },
      ])),
    status: 422,
    fields: ['changes/1/parentId', 'changes/3/unitId'],
    messages: ['unit old is not active on the effective date', 'unknown unit ghost'],
    code: 'unprocessable',
  },
  { name: 'parent cycle', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'move', unitId: 'dg', parentId: 'musei' }])), status: 422, fields: ['changes/0/parentId'], messages: ['parent cycle'] },
  { name: 'duplicate unit id', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'establish', unitId: 'cultura', name: 'Cultura 2', kind: 'area' }])), status: 422, fields: ['changes/0/unitId'], messages: ['duplicate id'] },
  { name: 'stale If-Match on a reorganisation', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'rename', unitId: 'dg', name: 'DG' }]), { 'If-Match': '"1"' }), status: 412, fields: [], code: 'precondition_failed' },
  { name: 'malformed If-Match', request: (api) => api.post('/api/v1/orgs/milano/reorganizations', reorg([{ op: 'rename', unitId: 'dg', name: 'DG' }]), { 'If-Match': 'W/"abc"' }), status: 400, fields: ['If-Match'] },
  { name: 'objective for a dissolved unit', request: (api) => api.post('/api/v1/orgs/milano/objectives', objective({ unitId: 'old' })), status: 422, fields: ['unitId'], messages: ['unit old is not active on 2024-01-01'] },
  { name: 'objective id taken', request: (api) => api.post('/api/v1/orgs/milano/objectives', objective({ objectiveId: 'ob1' })), status: 409, fields: [] },
  { name: 'indicator id owned by another objective', request: (api) => api.post('/api/v1/orgs/milano/objectives', objective({ indicators: [{ indicatorId: 'ind1', description: 'd', target: 1 }] })), status: 422, fields: ['indicators/0/indicatorId'] },
  { name: 'year key not a year', request: (api) => api.post('/api/v1/orgs/milano/objectives', objective({ years: { '24': 'statement' } })), status: 400, fields: ['years/24'] },
  { name: 'target not a number', request: (api) => api.post('/api/v1/orgs/milano/objectives', objective({ indicators: [{ indicatorId: 'ind9', description: 'd', target: '80%' }] })), status: 400, fields: ['indicators/0/target'] },
  { name: 'stale If-Match on an objective revision', request: (api) => api.patch('/api/v1/orgs/milano/objectives/ob1', { title: 'Nuovo', effectiveFrom: '2024-06-01' }, { 'If-Match': '"0"' }), status: 412, fields: [] },
  { name: 'revision changing nothing', request: (api) => api.patch('/api/v1/orgs/milano/objectives/ob1', { effectiveFrom: '2024-06-01', reason: 'none' }), status: 400, fields: [''] },
  { name: 'revision before the objective holds', request: (api) => api.patch('/api/v1/orgs/milano/objectives/ob1', { title: 'Nuovo', effectiveFrom: '2023-06-01' }), status: 422, fields: ['effectiveFrom'] },
  { name: 'revision of an unknown objective', request: (api) => api.patch('/api/v1/orgs/milano/objectives/ob9', { title: 'Nuovo', effectiveFrom: '2024-06-01' }), status: 404, fields: [] },
  { name: 'withdrawal without a reason', request: (api) => api.post('/api/v1/orgs/milano/objectives/ob1/withdraw', { effectiveFrom: '2024-06-01' }), status: 400, fields: ['reason'] },
  { name: 'measurement for an unknown indicator', request: (api) => api.post('/api/v1/orgs/milano/indicators/ind9/measurements', { value: 1, measuredAt: '2024-03-01' }), status: 404, fields: [] },
  { name: 'measurement value as a string', request: (api) => api.post('/api/v1/orgs/milano/indicators/ind1/measurements', { value: '1', measuredAt: '2024-03-01' }), status: 400, fields: ['value'] },
  { name: 'measurement value out of range (1e400)', request: (api) => api.send('POST', '/api/v1/orgs/milano/indicators/ind1/measurements', { raw: '{"value": 1e400, "measuredAt": "2024-03-01"}' }), status: 400, fields: ['value'] },
  { name: 'malformed path id', request: (api) => api.post('/api/v1/orgs/milano/indicators/-x/measurements', { value: 1, measuredAt: '2024-03-01' }), status: 400, fields: ['indicatorId'] },
  { name: 'unknown route', request: (api) => api.post('/api/v1/orgs/milano/mergers', {}), status: 404, fields: [] },
];

describe('rejected commands (scenario 3)', () => {
  let app: TestApp;
  let api: ApiClient;
  let before: string;

  const snapshot = async () => JSON.stringify({ head: await app.store.headPosition(), events: await app.store.readAll() });

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(
      api.post('/api/v1/orgs/milano/reorganizations', {
        act: { id: 'A1' },
        effectiveFrom: '2019-01-01',
        changes: [
          { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
          { op: 'establish', unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg' },
          { op: 'establish', unitId: 'musei', name: 'Unità Musei', kind: 'unita', parentId: 'cultura' },
          { op: 'establish', unitId: 'old', name: 'Ufficio Soppresso', kind: 'ufficio', parentId: 'dg' },
        ],
      }),
    );
    await accepted(api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'A2' }, effectiveFrom: '2020-01-01', changes: [{ op: 'dissolve', unitId: 'old' }] }));
    await accepted(
      api.post('/api/v1/orgs/milano/objectives', {
        objectiveId: 'ob1',
        unitId: 'dg',
        title: 'Ridurre i tempi di pagamento',
        effectiveFrom: '2024-01-01',
        indicators: [{ indicatorId: 'ind1', description: 'Giorni medi di pagamento', unit: 'giorni', target: 30 }],
      }),
    );
    before = await snapshot();
  });

  afterAll(() => app.close());

  it.each(cases)('$name → $status', async ({ request, status, fields, messages, code }) => {
    const r = await request(api);
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.contentType).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ type: 'about:blank', status });
    expect(typeof r.body.title).toBe('string');
    expect(typeof r.body.detail).toBe('string');
    if (code) expect(r.body.code).toBe(code);
    if (fields) expect(r.body.problems.map((p: { field: string }) => p.field)).toEqual(fields);
    messages?.forEach((message, i) => expect(r.body.problems[i].message).toContain(message));
    expect(await snapshot()).toBe(before);
  });

  it('left the store exactly as it was', async () => {
    expect(await snapshot()).toBe(before);
    expect(await app.store.headPosition()).toBe(8);
  });
});
