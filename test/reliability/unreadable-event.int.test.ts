/**
 * A stored event that does not parse (its data is not JSON) or does not match its schema stops
 * the start-up with its position and the reason, instead of the projector subscribing again
 * forever; verification reports the same position.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogReadOnly } from '../../src/audit/open-log-read-only.ts';
import { verifyLog } from '../../src/audit/verify-log.ts';
import { UnreadableEventError } from '../../src/store/event-store.ts';
import { accepted, apiClient } from '../api/api-client.ts';
import { startTestApp } from '../support/start-test-app.ts';

/** A data directory holding an org and a reorganisation; returns the reorganisation's position. */
async function seededDataDir(dataDir: string): Promise<number> {
  const app = await startTestApp({ dataDir });
  const api = apiClient(app.url, { token: app.adminToken });
  await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
  const reorg = await accepted(api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'D1' }, effectiveFrom: '2024-01-01', changes: [{ op: 'establish', unitId: 'dg', name: 'Direzione Generale', kind: 'direzione' }] }));
  await app.close();
  return reorg.body.position;
}

function overwriteData(dataDir: string, position: number, data: string): void {
  const db = new Database(join(dataDir, 'orgtrail.sqlite'));
  db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, position);
  db.close();
}

describe('an unreadable stored event', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orgtrail-unreadable-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  for (const [what, data, reason] of [
    ['not JSON', '{"unitId": "dg", "name": ', /its data is not valid JSON/],
    ['not its schema', JSON.stringify({ unitId: 5, name: 'Direzione Generale', kind: 'direzione', parentId: null }), /UnitEstablished is invalid: data\/unitId must be string/],
  ] as const) {
    it(`given an event whose data is ${what}, then start-up stops naming its position and reason, and verify reports it`, async () => {
      const position = await seededDataDir(dataDir);
      overwriteData(dataDir, position, data);

      const refusal = await startTestApp({ dataDir }).then(
        async (app) => {
          await app.close();
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(UnreadableEventError);
      expect((refusal as UnreadableEventError).position).toBe(position);
      expect((refusal as Error).message).toMatch(reason);

      const log = openLogReadOnly(dataDir);
      try {
        const verdict = await verifyLog(log);
        expect(verdict.intact).toBe(false);
        expect(verdict).toMatchObject({ position, reason: expect.stringMatching(reason) });
      } finally {
        log.close();
      }
      // The store was closed on the way out: the data directory is free again.
      const again = await startTestApp({ dataDir }).catch((error: unknown) => error);
      expect(again).toBeInstanceOf(UnreadableEventError);
    });
  }

  it('given an unreadable event written while the service runs, then health answers 503 naming it and commands 503, while reads go on', async () => {
    await seededDataDir(dataDir);
    const app = await startTestApp({ dataDir });
    try {
      const api = apiClient(app.url, { token: app.adminToken });
      const raw = new Database(join(dataDir, 'orgtrail.sqlite'));
      const { position } = raw
        .prepare("INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES ('stray', 0, 'e-stray', 'UnitRenamed', '{oops', '{}', '2030-01-01T00:00:00.000Z') RETURNING position")
        .get() as { position: number };
      raw.close();
      let health = await api.get('/api/v1/health');
      for (let attempt = 0; attempt < 100 && health.status === 200; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        health = await api.get('/api/v1/health');
      }
      expect([health.status, health.body.status]).toEqual([503, 'failed']);
      expect(health.body.reason).toContain(`position ${position}`);
      const command = await api.post('/api/v1/orgs/milano/reorganizations', { act: { id: 'D2' }, effectiveFrom: '2024-02-01', changes: [{ op: 'rename', unitId: 'dg', name: 'DG' }] });
      expect([command.status, command.body.code]).toEqual([503, 'unavailable']);
      expect((await api.get('/api/v1/orgs/milano/org-chart?at=2024-01-15')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
