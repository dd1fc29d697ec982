/**
 * An annulment retracts what its act created and what refers to *that* incarnation: once an
 * earlier annulment freed an id and another act used it again, the new unit is another one,
 * and annulling an unrelated act leaves it and its changes alone.
 *   - the exact steps, through the command service;
 *   - random sequences of establishments, renames and annulments, checked against a small
 *     independent model of the documented semantics (references resolve, when recorded, to the
 *     incarnation standing then; an annulment retracts its act's events and, transitively,
 *     every standing event referring to an incarnation whose creation it retracts).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMetadata } from '../../events/types.ts';
import { parseConfig } from '../../src/config.ts';
import { createOrgtrail, type Orgtrail } from '../../src/create-orgtrail.ts';
import { AppError } from '../../src/errors.ts';
import { createSqliteEventStore } from '../../src/store/embedded/sqlite-event-store.ts';
import type { RecordedEvent } from '../../src/store/event-store.ts';
import { manualClock } from '../support/start-test-app.ts';

const ORG = 'o1';
const ctx = { recordedBy: 'test' };
const FAR = '2099-12-31';

async function start(): Promise<Orgtrail> {
  const time = manualClock('2025-01-01T08:00:00.000Z');
  const store = await createSqliteEventStore({ file: ':memory:', clock: time.clock });
  const orgtrail = await createOrgtrail(parseConfig({ ORGTRAIL_SEED: 'none' }), { store, clock: time.clock });
  await orgtrail.commands.createOrg({ orgId: ORG, name: 'Org' }, ctx);
  return orgtrail;
}

let running: Orgtrail | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('annulment of an act, with an id freed by an earlier annulment and used again', () => {
  it("leaves the new unit and its changes alone (the issue's steps)", async () => {
    running = await start();
    const { commands, projector } = running;
    const reorganize = (act: string, effectiveFrom: string, changes: Parameters<typeof commands.reorganize>[0]['changes']) =>
      commands.reorganize({ orgId: ORG, act: { id: act }, effectiveFrom, changes }, ctx);
    const annul = (actId: string, by: string) => commands.annulAct({ orgId: ORG, actId, reason: 'annullato', act: { id: by } }, ctx);

    await reorganize('A0', '2020-01-01', [{ op: 'establish', unitId: 'root', name: 'Root', kind: 'direzione' }]);
    await reorganize('A4', '2020-02-01', [{ op: 'rename', unitId: 'root', name: 'Root renamed' }]);
    await reorganize('A1', '2020-03-01', [{ op: 'establish', unitId: 'x', name: 'X1', kind: 'area', parentId: 'root' }]);
    await annul('A1', 'T1');
    await reorganize('A2', '2020-04-01', [{ op: 'establish', unitId: 'x', name: 'X2', kind: 'area', parentId: 'root' }]);
    await reorganize('A3', '2020-05-01', [{ op: 'rename', unitId: 'x', name: 'X3' }]);
    const last = await annul('A4', 'T4');

    const org = projector.models.org(ORG)!;
    expect(org.acts.get('A4', last.position)!.invalidatedChanges).toEqual([]);
    const chart = org.chart.orgChart({ at: FAR, maxPosition: last.position }).map((u) => [u.unitId, u.name, u.parentId]);
    expect(chart).toEqual([
      ['root', 'Root', null],
      ['x', 'X3', 'root'],
    ]);
  });
});

// ---- The independent model: reads the log only, knows nothing of the read models. ----

interface ModelEvent {
  position: number;
  act: string | null;
  type: string;
  /** Creation positions of the incarnations it refers to, resolved when it was recorded. */
  refersTo: number[];
  creates: string | null;
  data: Record<string, unknown>;
  effectiveFrom: string;
}

interface ModelAnswer {
  /** Per annulled act: positions of other acts' events its annulment invalidated. */
  invalidated: Map<string, number[]>;
  /** Units standing at the far date: [unitId, name, parentId], sorted. */
  chart: [string, string, string | null][];
}

function modelOf(log: RecordedEvent[]): ModelAnswer {
  const incarnation = new Map<string, number>();
  const events: ModelEvent[] = [];
  const retracted = new Set<number>();
  const invalidated = new Map<string, number[]>();
  for (const recorded of log) {
    const data = recorded.data as Record<string, unknown>;
    const metadata = recorded.metadata as EventMetadata;
    const act = metadata.act?.id ?? null;
    if (recorded.type === 'ActAnnulled') {
      const actId = data.actId as string;
      const gone = new Set<number>();
      const listed: number[] = [];
      for (const e of events) {
        if (retracted.has(e.position)) continue;
        const own = e.act === actId;
        if (!own && !e.refersTo.some((p) => gone.has(p))) continue;
        retracted.add(e.position);
        gone.add(e.position);
        if (!own) listed.push(e.position);
        if (e.creates !== null && incarnation.get(e.creates) === e.position) incarnation.delete(e.creates);
      }
      invalidated.set(actId, listed);
      continue;
    }
    const referenced = recorded.type === 'UnitEstablished' ? (data.parentId as string | null) : recorded.type === 'UnitRenamed' ? (data.unitId as string) : null;
    const refersTo = referenced === null ? [] : [incarnation.get(referenced)!];
    const creates = recorded.type === 'UnitEstablished' ? (data.unitId as string) : null;
    if (creates !== null) incarnation.set(creates, recorded.position);
    events.push({ position: recorded.position, act, type: recorded.type, refersTo, creates, data, effectiveFrom: metadata.effectiveFrom });
  }
  const units = new Map<string, { name: string; parentId: string | null }>();
  const standing = events.filter((e) => !retracted.has(e.position)).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.position - b.position));
  for (const e of standing) {
    if (e.type === 'UnitEstablished') units.set(e.data.unitId as string, { name: e.data.name as string, parentId: e.data.parentId as string | null });
    if (e.type === 'UnitRenamed') units.get(e.data.unitId as string)!.name = e.data.name as string;
  }
  const chart = [...units].map(([id, u]): [string, string, string | null] => [id, u.name, u.parentId]).sort((a, b) => a[0].localeCompare(b[0]));
  return { invalidated, chart };
}

// ---- Random sequences ----

/** `act`: an act already cited by an accepted change (by index, if there are that many), else a new one. */
type Step =
  | { op: 'establish'; act: number; unitId: string; parentId: string | null; name: string; effectiveFrom: string }
  | { op: 'rename'; act: number; unitId: string; name: string; effectiveFrom: string }
  | { op: 'annul'; act: number };

const UNITS = ['r', 'x', 'y'];
const act = fc.nat({ max: 4 });
const name = fc.constantFrom('N1', 'N2', 'N3');
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({ op: fc.constant('establish' as const), act, unitId: fc.constantFrom(...UNITS), parentId: fc.option(fc.constantFrom(...UNITS), { nil: null, freq: 3 }), name, effectiveFrom: fc.constant('2020-01-01') }),
    weight: 4,
  },
  { arbitrary: fc.record({ op: fc.constant('rename' as const), act, unitId: fc.constantFrom(...UNITS), name, effectiveFrom: fc.constantFrom('2020-01-01', '2021-01-01') }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('annul' as const), act }), weight: 2 },
);

const FOUND_BEFORE_THE_FIX: Step[] = [
  { op: 'establish', act: 0, unitId: 'y', parentId: null, name: 'N1', effectiveFrom: '2020-01-01' },
  { op: 'establish', act: 1, unitId: 'r', parentId: null, name: 'N1', effectiveFrom: '2020-01-01' },
  { op: 'annul', act: 3 },
  { op: 'establish', act: 1, unitId: 'r', parentId: null, name: 'N1', effectiveFrom: '2020-01-01' },
  { op: 'rename', act: 0, unitId: 'r', name: 'N1', effectiveFrom: '2020-01-01' },
  { op: 'establish', act: 0, unitId: 'r', parentId: null, name: 'N1', effectiveFrom: '2020-01-01' },
  { op: 'rename', act: 1, unitId: 'r', name: 'N2', effectiveFrom: '2020-01-01' },
  { op: 'annul', act: 0 },
];

describe('random sequences of establishments, renames and annulments', () => {
  it('invalidate exactly what the independent model does, and leave the same org chart', async () => {
    let annulled = 0;
    let invalidated = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 24 }), async (steps) => {
        const orgtrail = await start();
        try {
          const { commands, projector, store } = orgtrail;
          /** Acts cited by accepted changes and not annulled. */
          const acts: string[] = [];
          let fresh = 0;
          for (const s of steps) {
            try {
              if (s.op === 'annul') {
                if (acts.length === 0) continue;
                const actId = acts[s.act % acts.length]!;
                await commands.annulAct({ orgId: ORG, actId, reason: 'r', act: { id: `T-${actId}` } }, ctx);
                acts.splice(acts.indexOf(actId), 1);
                annulled += 1;
              } else {
                const actId = acts[s.act] ?? `A${fresh++}`;
                const change = s.op === 'establish' ? { op: s.op, unitId: s.unitId, name: s.name, kind: 'k', parentId: s.parentId } : { op: s.op, unitId: s.unitId, name: s.name };
                await commands.reorganize({ orgId: ORG, act: { id: actId }, effectiveFrom: s.effectiveFrom, changes: [change] }, ctx);
                if (!acts.includes(actId)) acts.push(actId);
              }
            } catch (error) {
              if (!(error instanceof AppError) || error.status >= 500) throw error;
            }
          }
          const log = await store.readAll();
          const head = log.at(-1)!.position;
          await projector.waitForPosition(head);
          const expected = modelOf(log);
          const org = projector.models.org(ORG)!;
          for (const [actId, positions] of expected.invalidated) {
            expect(org.acts.get(actId, head)!.invalidatedChanges.map((c) => c.position), `invalidated by annulling ${actId}`).toEqual(positions);
            invalidated += positions.length;
          }
          const chart = org.chart
            .orgChart({ at: FAR, maxPosition: head })
            .map((u): [string, string, string | null] => [u.unitId, u.name, u.parentId])
            .sort((a, b) => a[0].localeCompare(b[0]));
          expect(chart).toEqual(expected.chart);
        } finally {
          await orgtrail.close();
        }
      }),
      // The example is a sequence a longer run (FC_NUM_RUNS=1500) found against the fold before the fix.
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 300), examples: [[FOUND_BEFORE_THE_FIX]] },
    );
    // The sequences must annul, and cascade, often, or the property says little.
    expect(annulled).toBeGreaterThan(100);
    expect(invalidated).toBeGreaterThan(20);
  }, 120_000);
});
