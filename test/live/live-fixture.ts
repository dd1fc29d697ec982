/**
 * The org every live test starts from (today is 2025-03-10 in Rome, so the current PDO year is 2025):
 *
 *   dg ─ cultura ─ musei      gab          (established 2019-01-01)
 *   objective ob-musei (unit musei, statement for 2025) with indicator ind-visite
 *   objective ob-gab   (unit gab, open-ended from 2024-01-01)
 *
 * Commands go through the real API with the admin token; the live stream is read with the
 * tiny SSE client of test/support.
 */
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';
import { openSse, type SseConnection } from '../support/sse-client.ts';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';

export const NOW = '2025-03-10T09:00:00.000Z';
export const ORG = '/api/v1/orgs/milano';

export interface LiveTestApp {
  app: TestApp;
  api: ApiClient;
  /** The app's clock ("now", and recordedAt of appends). */
  time: ReturnType<typeof manualClock>;
  /** Position of the last event of the seed. */
  seededPosition: number;
  live(query: string, headers?: Record<string, string>): Promise<SseConnection>;
  /** Runs one reorganisation (effective 2025-01-01 unless given) and returns its last position. */
  reorganize(changes: object[], effectiveFrom?: string): Promise<number>;
  close(): Promise<void>;
}

export async function startLiveTestApp(env: Record<string, string> = {}): Promise<LiveTestApp> {
  const time = manualClock(NOW);
  const app = await startTestApp({ clock: time.clock, env: { ORGTRAIL_RATE_LIMIT: '0', ...env } });
  const api = apiClient(app.url, { token: app.adminToken });
  const reorganize = async (changes: object[], effectiveFrom = '2025-01-01') =>
    (await accepted(api.post(`${ORG}/reorganizations`, { act: { id: `A-${Math.random()}` }, effectiveFrom, changes }))).body.position as number;
  await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
  await reorganize(
    [
      { op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' },
      { op: 'establish', unitId: 'cultura', name: 'Area Cultura', kind: 'area', parentId: 'dg' },
      { op: 'establish', unitId: 'musei', name: 'Unità Musei', kind: 'unita', parentId: 'cultura' },
      { op: 'establish', unitId: 'gab', name: 'Gabinetto del Sindaco', kind: 'area', parentId: null },
    ],
    '2019-01-01',
  );
  await accepted(
    api.post(`${ORG}/objectives`, {
      objectiveId: 'ob-musei',
      unitId: 'musei',
      title: 'Musei aperti',
      years: { '2025': 'Aprire i musei la sera' },
      indicators: [{ indicatorId: 'ind-visite', description: 'Visite serali', unit: 'n', target: 1000 }],
      effectiveFrom: '2025-01-01',
    }),
  );
  const last = await accepted(api.post(`${ORG}/objectives`, { objectiveId: 'ob-gab', unitId: 'gab', title: 'Trasparenza degli atti', effectiveFrom: '2024-01-01' }));
  return {
    app,
    api,
    time,
    seededPosition: last.body.position,
    live: (query, headers = {}) => openSse(`${app.url}${ORG}/live?${query}`, { authorization: `Bearer ${app.adminToken}`, ...headers }),
    reorganize,
    close: () => app.close(),
  };
}

/** Records a measurement of ind-visite and returns its position. */
export async function measure(api: ApiClient, value: number): Promise<number> {
  return (await accepted(api.post(`${ORG}/indicators/ind-visite/measurements`, { value, measuredAt: '2025-03-01' }))).body.position;
}
