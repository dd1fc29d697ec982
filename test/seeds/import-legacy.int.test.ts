/**
 * A store seeded by the earlier importer (the five documents recorded as acts) keeps that
 * expression: given one of that importer's structure commands in the Comune's stream, when the
 * seeds are imported, then nothing is appended and the result and the log say why, instead of
 * recording the same facts a second time with another basis.
 */
import { describe, expect, it } from 'vitest';
import { ReadModels } from '../../projections/read-models.ts';
import { importSeeds } from '../../seeds/import.ts';
import { SEED_PRINCIPAL } from '../../seeds/plan/seed-command.ts';
import { createCommandService } from '../../src/commands/create-command-service.ts';
import { Projector } from '../../src/read/projector.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';

describe('seed import over a store seeded by the earlier importer', () => {
  it('appends nothing and says the store keeps the earlier expression', async () => {
    const clock = () => new Date();
    const store = await createSqliteEventStore({ file: ':memory:', clock });
    const projector = new Projector(store, new ReadModels());
    await projector.start();
    try {
      const commands = createCommandService({ store, projector, clock });
      const legacy = (key: string) => ({ recordedBy: SEED_PRINCIPAL, correlationId: key, idempotencyKey: key });
      await commands.createOrg({ orgId: 'comune-milano', name: 'Comune di Milano' }, legacy('seed:org:comune-milano'));
      await commands.reorganize(
        {
          orgId: 'comune-milano',
          act: { id: 'doc-002-articolo-riorganizzazione-2016', kind: 'articolo-di-stampa', title: 'Milano, palazzo Marino punta su efficienza e attenzione ai bisogni della città' },
          effectiveFrom: '2016-07-01',
          changes: [{ op: 'establish', unitId: 'dir-periferie', name: 'Direzione Periferie', kind: 'direzione', parentId: null }],
        },
        legacy('seed:002:reorganization-2016'),
      );
      const head = await store.headPosition();
      const lines: string[] = [];

      const result = await importSeeds({ commands, store, log: (line) => lines.push(line) });

      expect(result.legacySeed).toEqual({ stream: 'org-comune-milano', correlationId: 'seed:002:reorganization-2016' });
      expect(result.commandsIssued).toBe(0);
      expect(await store.headPosition()).toBe(head);
      expect(lines.join('\n')).toContain('earlier importer');
    } finally {
      await projector.stop();
      await store.close();
    }
  });
});
