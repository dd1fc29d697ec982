/**
 * The bench's write targets (issue 20, targets 4 and 5), met or missed from the figures of one
 * run: hash-chained batched appends through the port at least 0.9x the raw SQLite floor of the
 * same rows (bench/append-floor.ts), and at least 2,000 HTTP commands a second with 50 clients.
 * A comparison whose rows were not all checked identical is never met.
 */
import type { AppendFloorComparison } from './append-floor.ts';

export const FLOOR_RATIO_TARGET = 0.9;
export const COMMANDS_PER_SECOND_TARGET = 2_000;

export interface CommandFigures {
  perSecond: number;
  cores?: { server: number; client: number };
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

export function writeChecks(floor: AppendFloorComparison | undefined, http: CommandFigures | undefined): { name: string; target: string; value: string; met: boolean | null; note?: string }[] {
  const sameRows = floor !== undefined && floor.rowsCompared === floor.events;
  return [
    floor
      ? {
          name: 'appends vs raw SQLite floor (5)',
          target: `>= ${FLOOR_RATIO_TARGET}x`,
          value: `${floor.ratio.toFixed(2)}x (${fmt(floor.port.eventsPerSecond)} / ${fmt(floor.floor.eventsPerSecond)} events/s)`,
          met: sameRows && floor.ratio >= FLOOR_RATIO_TARGET,
          note: sameRows ? `same ${fmt(floor.rowsCompared)} rows, ${fmt(floor.events / floor.transactions)} per transaction, alternating batches` : `only ${fmt(floor.rowsCompared)} of ${fmt(floor.events)} rows checked identical`,
        }
      : { name: 'appends vs raw SQLite floor (5)', target: `>= ${FLOOR_RATIO_TARGET}x`, value: 'not run', met: null },
    http
      ? {
          name: 'HTTP commands, 50 clients (4)',
          target: `>= ${fmt(COMMANDS_PER_SECOND_TARGET)}/s`,
          value: `${fmt(http.perSecond)}/s`,
          met: http.perSecond >= COMMANDS_PER_SECOND_TARGET,
          ...(http.cores ? { note: `CPU: server ${http.cores.server.toFixed(2)} cores, load generator on the same machine ${http.cores.client.toFixed(2)}` } : {}),
        }
      : { name: 'HTTP commands, 50 clients (4)', target: `>= ${fmt(COMMANDS_PER_SECOND_TARGET)}/s`, value: 'not run', met: null },
  ];
}
