/** The bench's write targets (issue 20, targets 4 and 5) say met or missed from one run's figures. */
import { describe, expect, it } from 'vitest';
import type { AppendFloorComparison } from '../../bench/append-floor.ts';
import { writeChecks } from '../../bench/write-targets.ts';

const comparison = (portPerSecond: number, floorPerSecond: number, rowsCompared = 1_000): AppendFloorComparison => ({
  batchEvents: 1_000,
  events: 1_000,
  transactions: 1,
  port: { storeEventsBefore: 10_000, events: 1_000, appends: 900, transactions: 1, batchEvents: 1_000, callerIds: true, seconds: 1_000 / portPerSecond, eventsPerSecond: portPerSecond, slowestTransactionMs: 1 },
  floor: { seconds: 1_000 / floorPerSecond, eventsPerSecond: floorPerSecond },
  ratio: portPerSecond / floorPerSecond,
  rowsCompared,
});

const metOf = (checks: ReturnType<typeof writeChecks>) => checks.map((c) => c.met);

describe('write targets', () => {
  it('given the port at 0.95x its floor and 2,100 commands/s, then both are met', () => {
    expect(metOf(writeChecks(comparison(9_500, 10_000), { perSecond: 2_100 }))).toEqual([true, true]);
  });

  it('given the port at 0.74x its floor and 1,256 commands/s, then both are missed, the ratio shown', () => {
    const checks = writeChecks(comparison(4_848, 6_577), { perSecond: 1_256, cores: { server: 1.02, client: 0.26 } });

    expect(metOf(checks)).toEqual([false, false]);
    expect(checks[0]?.value).toMatch(/^0\.74x/);
    expect(checks[1]?.note).toContain('server 1.02 cores');
  });

  it('given a floor whose rows were not all checked identical, then the ratio is never met', () => {
    const [floor] = writeChecks(comparison(10_000, 10_000, 999), undefined);

    expect(floor?.met).toBe(false);
    expect(floor?.note).toMatch(/only 999 of 1,000 rows/);
  });

  it('given neither figure (no HTTP, an old result), then both say not run', () => {
    expect(writeChecks(undefined, undefined).map((c) => [c.value, c.met])).toEqual([['not run', null], ['not run', null]]);
  });
});
