/**
 * The seed import gives the same read models on EventStoreDB as on the embedded store: org
 * charts at several dates, the PDO of every plan year and the histories of a few objectives
 * (event ids included; positions and recordedAt are the stores' own). Runs against
 * ESDB_CONNECTION_STRING or a testcontainers EventStoreDB; registered as skipped, with the
 * reason, when neither is available.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { importSeeds } from '../../seeds/import.ts';
import { createCommandService } from '../../src/commands/create-command-service.ts';
import { Projector } from '../../src/read/projector.ts';
import { createQueryService } from '../../src/read/queries.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { createEsdbEventStore } from '../../src/store/eventstoredb/esdb-event-store.ts';
import { describeWithEsdb, detectEsdb, type EsdbServer } from '../support/esdb-availability.ts';

const DATES = ['2016-07-01', '2020-06-01', '2022-06-01', '2024-06-01', '2026-06-01'];
const OBJECTIVES = ['2020_Z101', 'pdo2024.dir-generale.4', 'pdo2024.dir-organizzazione-risorse-umane.5', 'pdo2024.dir-cultura.7'];

/** Imports the seeds into `store` and returns what the API would serve, minus the store's own positions and instants. */
async function seededView(store: EventStore): Promise<unknown> {
  const clock = () => new Date();
  const projector = new Projector(store, new ReadModels());
  await projector.start();
  try {
    await importSeeds({ commands: createCommandService({ store, projector, clock }), store });
    const queries = createQueryService({ projector, clock });
    const view: Record<string, unknown> = {};
    for (const orgId of ['comune-milano', 'citta-metropolitana-milano']) {
      for (const at of DATES) view[`${orgId}@${at}`] = (await queries.orgChart(orgId, { at })).answer.units;
    }
    for (const year of [2020, 2024, 2025, 2026]) view[`pdo@${year}`] = (await queries.pdo('comune-milano', { at: `${year}-06-01`, year })).objectives;
    for (const objectiveId of OBJECTIVES) {
      const { history } = await queries.objectiveHistory('comune-milano', objectiveId, {});
      view[`history@${objectiveId}`] = history.map(({ position: _p, recordedAt: _r, ...entry }) => entry);
    }
    return view;
  } finally {
    await projector.stop();
    await store.close();
  }
}

const availability = await detectEsdb();

describeWithEsdb('seed import parity with EventStoreDB', availability, (esdb) => {
  let server: EsdbServer | undefined;

  beforeAll(async () => {
    server = await esdb.start();
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('gives the same read models as the embedded store', async () => {
    if (server === undefined) throw new Error('EventStoreDB did not start (see the beforeAll error)');
    const embedded = await seededView(await createSqliteEventStore({ file: ':memory:' }));
    const esdb = await seededView(createEsdbEventStore(server.connectionString));
    expect(esdb).toEqual(embedded);
  }, 120_000);
});
