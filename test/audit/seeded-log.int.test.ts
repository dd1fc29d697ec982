/**
 * A fresh store as `npm start` builds it — the seed documents imported through the command
 * service, checkpoints on — verifies intact, checkpoints included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

describe('seeded log', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { ORGTRAIL_SEED: 'auto', ORGTRAIL_CHECKPOINT_EVERY: '100' } });
  });
  afterAll(() => app.close());

  it('given the seeds imported on start with a checkpoint every 100 events, when verified, then it is intact and the checkpoints match the log', async () => {
    const verdict = await apiClient(app.url, { token: app.adminToken }).get('/api/v1/audit/verify');

    expect(verdict.body).toMatchObject({ intact: true, upToPosition: await app.store.headPosition() });
    expect(verdict.body.eventsChecked).toBeGreaterThan(300);
    expect(verdict.body.checkpointsChecked).toBeGreaterThanOrEqual(3);
  });
});
