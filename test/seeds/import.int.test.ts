/**
 * End to end: the seed import into a fresh embedded store, through the real CommandService,
 * read back through the query service as the API serves it; then a second import (same
 * process, and after a restart on the same data directory) appends nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { importSeeds } from '../../seeds/import.ts';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { createCommandService } from '../../src/commands/create-command-service.ts';
import type { CommandService } from '../../src/commands/command-types.ts';
import { Projector } from '../../src/read/projector.ts';
import { createQueryService, type QueryService } from '../../src/read/queries.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { EventStore } from '../../src/store/event-store.ts';

interface Running {
  store: EventStore;
  projector: Projector;
  commands: CommandService;
  queries: QueryService;
  close(): Promise<void>;
}

async function start(dataDir: string): Promise<Running> {
  const clock = () => new Date();
  const store = await createSqliteEventStore({ dataDir, clock });
  const projector = new Projector(store, new ReadModels());
  await projector.start();
  return {
    store,
    projector,
    commands: createCommandService({ store, projector, clock }),
    queries: createQueryService({ projector, clock }),
    async close() {
      await projector.stop();
      await store.close();
    },
  };
}

describe('seed import into the embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgtrail-seeds-'));
  const data = loadSeedData();
  let app: Running;
  let first: { commandsIssued: number; commandsSkipped: number };

  beforeAll(async () => {
    app = await start(dataDir);
    first = await importSeeds({ commands: app.commands, store: app.store });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers the two orgs', async () => {
    const { orgs } = await app.queries.orgs({});
    expect(orgs.map((o) => [o.orgId, o.name]).sort()).toEqual([
      ['citta-metropolitana-milano', 'Città Metropolitana di Milano'],
      ['comune-milano', 'Comune di Milano'],
    ]);
    expect(first.commandsIssued).toBeGreaterThan(200);
    expect(first.commandsSkipped).toBe(0);
  });

  it('serves the Gabinetto del Sindaco with its units and competencies', async () => {
    const { answer } = await app.queries.orgChart('comune-milano', { at: '2024-06-01' });
    const units = answer.units;
    const gabinetto = units.filter((u) => u.unitId === 'gabinetto-sindaco' || u.unitId.startsWith('gab-'));
    expect(gabinetto).toHaveLength(13);
    const cerimoniale = units.find((u) => u.unitId === 'gab-ufficio-cerimoniale');
    expect(cerimoniale).toMatchObject({ parentId: 'gab-unita-coordinamento-funzioni-sindaco', name: 'Ufficio Cerimoniale' });
    expect(cerimoniale?.competencies).toHaveLength(18);
    const competencies = gabinetto.reduce((n, u) => n + u.competencies.length, 0);
    expect(competencies).toBe(data.gabinetto.units.reduce((n, u) => n + u.competencies.length, 0));
  });

  it('serves each plan year of the PDO 2024-2026 with as many objectives per directorate as the data', async () => {
    for (const year of [2024, 2025, 2026]) {
      const { objectives } = await app.queries.pdo('comune-milano', { at: `${year}-06-01`, year });
      const expected = data.pdo2024.objectives.filter((o) => o.years[String(year) as '2024'] !== undefined);
      expect(objectives.filter((o) => o.objectiveId.startsWith('pdo2024.')).length, String(year)).toBe(expected.length);
      const welfare = objectives.filter((o) => o.unitId === 'dir-welfare-salute').length;
      expect(welfare, `welfare ${year}`).toBe({ 2024: 6, 2025: 4, 2026: 0 }[year]);
    }
  });

  it('shows the 2016 directorates, and a directorate renamed by 2024 as one unit', async () => {
    const at2016 = await app.queries.orgChart('comune-milano', { at: '2016-07-01' });
    expect(at2016.answer.units.map((u) => u.name)).toContain('Direzione Municipi');
    const unit = await app.queries.unit('comune-milano', 'dir-municipi', { at: '2024-06-01' });
    expect(unit.unit.name).toBe('Direzione Servizi Civici e Municipi');
    const history = await app.queries.unitHistory('comune-milano', 'dir-municipi', {});
    // Since issue 15 the history also lists the attestations that name the unit (FactsAttested), between its changes.
    expect(history.history.map((h) => h.type).filter((t) => t !== 'FactsAttested')).toEqual(['UnitEstablished', 'CompetencyAssigned', 'UnitRenamed', 'UnitRenamed']);
    expect(history.history.some((h) => h.type === 'FactsAttested')).toBe(true);
    expect(history.history[0]!.provenance?.qualifiers).toContainEqual(expect.objectContaining({ kind: 'approximate', field: 'effectiveFrom' }));
  });

  it('serves the 2020 objective with its indicators, and its head in 2020', async () => {
    const { objective } = await app.queries.objective('comune-milano', '2020_Z101', { at: '2020-06-01' });
    expect(objective.indicators.map((i) => [i.kind, i.target, i.unit])).toEqual([
      ['RISULTATO', 100, '%'],
      ['RISULTATO', 100, '%'],
      ['OUTCOME', 10, null],
    ]);
    const { unit } = await app.queries.unit('comune-milano', 'srv-ufficio-sindaco', { at: '2020-06-01' });
    expect(unit.head).toMatchObject({ person: 'Francesca Santoro', title: 'Dirigente' });
  });

  it('shows a statement changed from one year to the next as a revision in the objective history', async () => {
    const { history } = await app.queries.objectiveHistory('comune-milano', 'pdo2024.dir-generale.4', {});
    expect(history.map((h) => [h.type, h.effectiveFrom])).toEqual([
      ['ObjectiveDefined', '2024-01-01'],
      ['ObjectiveRevised', '2025-01-01'],
    ]);
    expect(history[0]!.provenance?.source).toEqual({ document: 'seeds/sources/004_5b26e6e327395384.txt', location: expect.stringContaining('line 122') });
  });

  it('serves the Città Metropolitana structure of 2020', async () => {
    const { answer } = await app.queries.orgChart('citta-metropolitana-milano', { at: '2020-06-01' });
    expect(answer.units.map((u) => [u.unitId, u.parentId, u.competencies.length])).toEqual([
      ['servizio-comunicazione', null, 0],
      // The listed activities, plus what the offices' prose adds (issue 16): 8 + 1, 2 + 1.
      ['urp', 'servizio-comunicazione', 9],
      ['ufficio-stampa', 'servizio-comunicazione', 4],
      ['ufficio-sito-web-social-media', 'servizio-comunicazione', 3],
    ]);
  });

  it('appends nothing on a second import, nor after a restart', async () => {
    const head = await app.store.headPosition();
    const again = await importSeeds({ commands: app.commands, store: app.store });
    expect(again).toEqual({ commandsIssued: 0, commandsSkipped: first.commandsIssued });
    expect(await app.store.headPosition()).toBe(head);

    await app.close();
    app = await start(dataDir);
    const afterRestart = await importSeeds({ commands: app.commands, store: app.store });
    expect(afterRestart.commandsIssued).toBe(0);
    expect(await app.store.headPosition()).toBe(head);
  });
});
