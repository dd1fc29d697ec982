/**
 * fast-check generators of random commands over small id pools, so that valid and invalid
 * commands both occur often: unknown orgs and units, duplicate establishments, moves into a
 * cycle, dissolved units, unknown objectives and indicators, backdated effective dates.
 * Every generated command is well-formed (it would pass the HTTP schemas); whether it is
 * valid against the state is for the command service to decide.
 */
import fc from 'fast-check';
import type { CommandContext, CommandResult, CommandService, ReorganizationChange } from '../../src/commands/command-types.ts';

const UNIT_IDS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
const COMPETENCY_IDS = ['c1', 'c2', 'c3'];
export const OBJECTIVE_IDS = ['ob1', 'ob2', 'ob3'];
export const INDICATOR_IDS = ['i1', 'i2', 'i3', 'i4'];
export const PLAN_YEARS = [2019, 2021, 2024];

/** Mostly the registered org, sometimes one that may not exist yet or never will. */
const orgId = fc.oneof({ arbitrary: fc.constant('o1'), weight: 8 }, { arbitrary: fc.constantFrom('o2', 'ghost'), weight: 2 });
const unitId = fc.constantFrom(...UNIT_IDS);
const name = fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta');
const kind = fc.constantFrom('direzione', 'area', 'servizio');
const parentId = fc.option(fc.constantFrom('u1', 'u2', 'u3', 'u4'), { nil: null });
/** Valid time in 2018–2026, so that later commands are often backdated before earlier ones. */
export const calendarDate = fc
  .record({ year: fc.integer({ min: 2018, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
const act = fc.integer({ min: 1, max: 999 }).map((n) => ({ id: `DG-${n}` }));

const change: fc.Arbitrary<ReorganizationChange> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('establish' as const), unitId, name, kind, parentId }), weight: 4 },
  fc.record({ op: fc.constant('rename' as const), unitId, name }),
  fc.record({ op: fc.constant('move' as const), unitId, parentId }),
  fc.record({ op: fc.constant('reclassify' as const), unitId, kind }),
  fc.record({ op: fc.constant('dissolve' as const), unitId, successorIds: fc.uniqueArray(unitId, { maxLength: 2 }) }),
  fc.record({ op: fc.constant('assign-competency' as const), unitId, competencyId: fc.constantFrom(...COMPETENCY_IDS), text: name }),
  fc.record({ op: fc.constant('withdraw-competency' as const), unitId, competencyId: fc.constantFrom(...COMPETENCY_IDS) }),
  fc.record({ op: fc.constant('transfer-competency' as const), competencyId: fc.constantFrom(...COMPETENCY_IDS), fromUnitId: unitId, toUnitId: unitId }),
  fc.record({ op: fc.constant('appoint-head' as const), unitId, person: fc.constantFrom('Rossi', 'Bianchi') }),
  fc.record({ op: fc.constant('vacate-head' as const), unitId }),
);

const indicator = fc.record({
  indicatorId: fc.constantFrom(...INDICATOR_IDS),
  description: name,
  target: fc.integer({ min: 0, max: 100 }),
});
const indicators = fc.uniqueArray(indicator, { maxLength: 2, selector: (i) => i.indicatorId });
const years = fc.option(fc.dictionary(fc.constantFrom(...PLAN_YEARS.map(String)), name, { minKeys: 1, maxKeys: 2 }), { nil: undefined });

/** The commands the sequences use (a subset of CommandService, so other transports can offer just these). */
export type SequenceCommands = Pick<CommandService, 'createOrg' | 'reorganize' | 'defineObjective' | 'reviseObjective' | 'withdrawObjective' | 'recordMeasurement'>;

/** A command with its target service method; `run` issues it. */
export type RandomCommand = { label: string; setup?: true; run(commands: SequenceCommands, ctx: CommandContext): Promise<CommandResult> };

const command = <T>(label: string, arbitrary: fc.Arbitrary<T>, run: (commands: SequenceCommands, cmd: T, ctx: CommandContext) => Promise<CommandResult>) =>
  arbitrary.map((cmd) => printable({ label: `${label} ${JSON.stringify(cmd)}`, run: (commands, ctx) => run(commands, cmd, ctx) }));

/** Counterexamples print as their labels, not as functions. */
const printable = (command: RandomCommand): RandomCommand => Object.assign(command, { [fc.toStringMethod]: () => command.label });

export const randomCommand: fc.Arbitrary<RandomCommand> = fc.oneof(
  { arbitrary: command('createOrg', fc.record({ orgId, name }), (c, cmd, ctx) => c.createOrg(cmd, ctx)), weight: 1 },
  {
    arbitrary: command('reorganize', fc.record({ orgId, act, effectiveFrom: calendarDate, changes: fc.oneof({ arbitrary: fc.tuple(change), weight: 3 }, { arbitrary: fc.tuple(change, change), weight: 1 }) }), (c, cmd, ctx) => c.reorganize(cmd, ctx)),
    weight: 6,
  },
  {
    arbitrary: command(
      'defineObjective',
      fc.record({ orgId, objectiveId: fc.constantFrom(...OBJECTIVE_IDS), unitId, title: name, years, indicators, effectiveFrom: calendarDate }, { requiredKeys: ['orgId', 'objectiveId', 'unitId', 'title', 'effectiveFrom', 'indicators'] }),
      (c, cmd, ctx) => c.defineObjective(cmd, ctx),
    ),
    weight: 2,
  },
  {
    arbitrary: command(
      'reviseObjective',
      fc.record(
        { orgId, objectiveId: fc.constantFrom(...OBJECTIVE_IDS), title: name, unitId, years, indicators, effectiveFrom: calendarDate },
        { requiredKeys: ['orgId', 'objectiveId', 'effectiveFrom'] },
      ),
      (c, cmd, ctx) => c.reviseObjective(cmd, ctx),
    ),
    weight: 2,
  },
  {
    arbitrary: command('withdrawObjective', fc.record({ orgId, objectiveId: fc.constantFrom(...OBJECTIVE_IDS), effectiveFrom: calendarDate, reason: name }), (c, cmd, ctx) =>
      c.withdrawObjective(cmd, ctx),
    ),
    weight: 1,
  },
  {
    arbitrary: command(
      'recordMeasurement',
      fc.record({ orgId, indicatorId: fc.constantFrom(...INDICATOR_IDS), value: fc.integer({ min: 0, max: 100 }), measuredAt: calendarDate }),
      (c, cmd, ctx) => c.recordMeasurement(cmd, ctx),
    ),
    weight: 2,
  },
);

const fixed = (label: string, run: RandomCommand['run']): RandomCommand => printable({ label, setup: true, run });

/**
 * Every sequence starts from a small org (o1 with units u1 > u2, u3, objective ob1 of u2 with
 * indicator i1, all from 2018-01-01), so that random commands often find their targets; the
 * pools also hold ids that do not exist yet (u4..u8, ob2, i2...) or never will (org ghost).
 */
export const commandSequence = (maxLength: number) =>
  fc.array(randomCommand, { minLength: 1, maxLength }).map((rest): RandomCommand[] => [
    fixed('createOrg o1', (c, ctx) => c.createOrg({ orgId: 'o1', name: 'Org one' }, ctx)),
    fixed('establish u1 u2 u3', (c, ctx) =>
      c.reorganize(
        {
          orgId: 'o1',
          act: { id: 'A0' },
          effectiveFrom: '2018-01-01',
          changes: [
            { op: 'establish', unitId: 'u1', name: 'Root', kind: 'direzione' },
            { op: 'establish', unitId: 'u2', name: 'Two', kind: 'area', parentId: 'u1' },
            { op: 'establish', unitId: 'u3', name: 'Three', kind: 'area', parentId: 'u1' },
          ],
        },
        ctx,
      ),
    ),
    fixed('define ob1', (c, ctx) =>
      c.defineObjective({ orgId: 'o1', objectiveId: 'ob1', unitId: 'u2', title: 'One', effectiveFrom: '2018-01-01', indicators: [{ indicatorId: 'i1', description: 'One', target: 10 }] }, ctx),
    ),
    ...rest,
  ]);
