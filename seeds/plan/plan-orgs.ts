/** The two orgs of the seed data, registered before anything else of theirs. */
import { orgStream } from '../../src/commands/streams.ts';
import type { SeedData } from '../load-seed-data.ts';
import { documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export const COMUNE = 'comune-milano';
export const CITTA_METROPOLITANA = 'citta-metropolitana-milano';

export function planOrgs(data: SeedData): SeedCommand[] {
  const pdo = documentByKey(data.documents.documents, '004');
  const cm = documentByKey(data.documents.documents, '003');
  return [
    {
      kind: 'createOrg',
      key: `seed:org:${COMUNE}`,
      stream: orgStream(COMUNE),
      input: { orgId: COMUNE, name: 'Comune di Milano' },
      ctx: seedContext(`seed:org:${COMUNE}`, pdo.file, 'lines 5-6 ("Comune di / Milano", cover of the PDO 2024-2026)'),
    },
    {
      kind: 'createOrg',
      key: `seed:org:${CITTA_METROPOLITANA}`,
      stream: orgStream(CITTA_METROPOLITANA),
      input: { orgId: CITTA_METROPOLITANA, name: 'Città Metropolitana di Milano' },
      ctx: seedContext(`seed:org:${CITTA_METROPOLITANA}`, cm.file, 'line 86 ("Città Metropolitana di Milano")'),
    },
  ];
}
