/**
 * The objective's data v2 (issue 16, seed fidelity): a public-value matrix row is one object,
 * a DUP link keeps its parts, the description is stored and shown, and objectives link to
 * items of their plan with the link's basis. Given hand-written commands, then the answers
 * (JSON and CSV) and the refusals. The seeds' own rows are checked in test/seeds/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from '../support/start-test-app.ts';
import { accepted, apiClient, type ApiClient } from './api-client.ts';

const base = '/api/v1/orgs/milano';
const rowA = { programmaOperativo: 'Polizia locale e sicurezza urbana', dimension: 'Ambientale', driver: 'Digitalizzazione', year: 2024, line: 632 };
const rowB = { programmaOperativo: 'Sviluppo e regolazione del sistema commerciale', dimension: 'Ambientale', driver: 'Pari opportunità', year: 2024, line: 633 };
const dup = {
  kind: 'indirizzo-strategico-dup',
  title: "CITTA' INTERNAZIONALE",
  year: 2020,
  line: 19,
  parts: [{ kind: 'obiettivo-operativo-dup', code: '12.1.06', title: 'Sviluppare e rafforzare la rete dei gemellaggi', year: 2020, line: 19 }],
};

describe('objective shape: matrix rows, structured links, description, plan items', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp({ clock: manualClock('2025-03-10T09:00:00.000Z').clock });
    api = apiClient(app.url, { token: app.adminToken });
    await accepted(api.post('/api/v1/orgs', { orgId: 'milano', name: 'Comune di Milano' }));
    await accepted(api.post(`${base}/reorganizations`, { act: { id: 'A1' }, effectiveFrom: '2019-01-01', changes: [{ op: 'establish', unitId: 'su', name: 'Direzione Sicurezza Urbana', kind: 'direzione' }] }));
  });

  afterAll(() => app.close());

  it('defines plan items once; a second definition of the same id is 409', async () => {
    const item = { itemId: 'pdo.trasv.1', plan: 'PDO 2024-2026', kind: 'obiettivo-trasversale', code: '1', title: 'Milano a 15 minuti', effectiveFrom: '2024-01-01', act: { id: 'G-1' } };
    expect((await api.post(`${base}/plan-items`, item)).status).toBe(201);
    expect((await api.post(`${base}/plan-items`, item)).status).toBe(409);
    await accepted(api.post(`${base}/plan-items`, { itemId: 'pdo.dim.1', plan: 'PDO 2024-2026', kind: 'dimensione-strategica', title: 'Milano sempre più semplice', description: 'Città a 15 minuti', effectiveFrom: '2024-01-01', act: { id: 'G-1' } }));
  });

  it('keeps two matrix rows of one objective apart, each with its programma, dimension and driver', async () => {
    await accepted(
      api.post(`${base}/objectives`, {
        objectiveId: 'su.6',
        unitId: 'su',
        title: 'Interventi di contrasto alla mala-movida',
        plan: 'PDO 2024-2026',
        years: { '2024': 'Interventi di contrasto alla mala-movida' },
        description: 'Una descrizione',
        links: [dup],
        matrix: [rowA, rowB],
        planItems: [
          { itemId: 'pdo.trasv.1', basis: 'attested' },
          { itemId: 'pdo.dim.1', basis: 'inferred', reason: 'the dimension names the Città a 15 minuti' },
        ],
        effectiveFrom: '2024-01-01',
        act: { id: 'G-1' },
      }),
    );
    const { objective } = (await api.get(`${base}/objectives/su.6?at=2024-06-01`)).body;
    expect(objective.matrix).toEqual([rowA, rowB]);
    expect(objective.links).toEqual([dup]);
    expect(objective.description).toBe('Una descrizione');
    expect(objective.planItems).toEqual([
      { itemId: 'pdo.trasv.1', basis: 'attested', reason: null },
      { itemId: 'pdo.dim.1', basis: 'inferred', reason: 'the dimension names the Città a 15 minuti' },
    ]);
  });

  it('lists the plan items of the year\'s plans in the PDO answer', async () => {
    const answer = (await api.get(`${base}/pdo?year=2024&at=2024-06-01`)).body;
    expect(answer.planItems.map((i: { itemId: string; kind: string }) => [i.itemId, i.kind])).toEqual([
      ['pdo.trasv.1', 'obiettivo-trasversale'],
      ['pdo.dim.1', 'dimensione-strategica'],
    ]);
    expect(answer.planItems[0].evidence.status).toBe('enacted');
    expect((await api.get(`${base}/pdo?year=2024&at=2023-06-01`)).body.planItems).toEqual([]);
  });

  it('shows description, matrix rows and plan items as CSV columns', async () => {
    const csv = (await api.get(`${base}/pdo?year=2024&at=2024-06-01&format=csv`)).body as string;
    const [header, row] = csv.trim().split(/\r?\n/);
    expect(header).toContain('links,description,matrix,planItems');
    expect(row).toContain('Polizia locale e sicurezza urbana / Ambientale / Digitalizzazione | Sviluppo e regolazione del sistema commerciale / Ambientale / Pari opportunità');
    expect(row).toContain('[obiettivo-operativo-dup 12.1.06: Sviluppare e rafforzare la rete dei gemellaggi (2020)]');
    expect(row).toContain('pdo.dim.1 (inferred: the dimension names the Città a 15 minuti)');
  });

  it('revises the matrix as a whole list and clears the description with null', async () => {
    await accepted(api.patch(`${base}/objectives/su.6`, { matrix: [rowB], description: null, effectiveFrom: '2025-01-01', act: { id: 'G-2' } }), 200);
    const at = async (date: string) => (await api.get(`${base}/objectives/su.6?at=${date}`)).body.objective;
    expect((await at('2025-06-01')).matrix).toEqual([rowB]);
    expect((await at('2025-06-01')).description).toBeNull();
    expect((await at('2024-06-01')).matrix).toEqual([rowA, rowB]);
    const history = (await api.get(`${base}/objectives/su.6/history`)).body.history;
    expect(history.at(-1).changes.map((c: { field: string }) => c.field).sort()).toEqual(['description', 'matrix']);
  });

  it('refuses an unknown plan item, an inferred link without its reason and an empty matrix row, appending nothing', async () => {
    const before = (await api.get(`${base}/pdo?year=2024&at=2024-06-01`)).body.position;
    const define = (extra: object) => api.post(`${base}/objectives`, { objectiveId: 'su.7', unitId: 'su', title: 'T', effectiveFrom: '2024-01-01', act: { id: 'G-1' }, ...extra });
    const unknown = await define({ planItems: [{ itemId: 'nope', basis: 'attested' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.problems).toEqual([{ field: 'planItems/0/itemId', message: 'unknown plan item nope: define it first' }]);
    const noReason = await define({ planItems: [{ itemId: 'pdo.dim.1', basis: 'inferred' }] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.problems[0].field).toBe('planItems/0/reason');
    const emptyRow = await define({ matrix: [{ year: 2024 }] });
    expect(emptyRow.status).toBe(400);
    expect(emptyRow.body.problems[0].field).toBe('matrix/0');
    expect((await api.get(`${base}/pdo?year=2024&at=2024-06-01`)).body.position).toBe(before);
  });
});
