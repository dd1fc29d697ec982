/**
 * Date flags of the CLI. Valid-time flags (--at, --from, --to) take a calendar date, or an
 * instant standing for its Europe/Rome date. --as-known-at (system time) takes an instant, or a
 * date standing for the end of that day in Europe/Rome (23:59:59.999 local time), so that
 * `--as-known-at 2026-12-03` means "as known on 3 December 2026". A value that is neither is a
 * usage error naming the flag, before anything is asked of the API.
 */
import { isCalendarDate, romeDateOf } from '../time/calendar-date.ts';
import { endOfRomeDay } from '../time/rome.ts';
import { UsageError } from './cli-errors.ts';
import type { Messages } from './messages.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function instantOf(value: string): Date | undefined {
  if (!INSTANT.test(value) || !isCalendarDate(value.slice(0, 10))) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

/** A valid-time flag's value as a calendar date. */
export function dateFlag(m: Messages, flag: string, value: string | undefined, command?: string): string | undefined {
  if (value === undefined) return undefined;
  if (isCalendarDate(value)) return value;
  const instant = instantOf(value);
  if (instant) return romeDateOf(instant);
  throw new UsageError(m.badDate(flag), command);
}

/** A system-time flag's value as an ISO-8601 instant. */
export function knownAtFlag(m: Messages, flag: string, value: string | undefined, command?: string): string | undefined {
  if (value === undefined) return undefined;
  if (isCalendarDate(value)) return endOfRomeDay(value).toISOString();
  const instant = instantOf(value);
  if (instant) return value;
  throw new UsageError(m.badDateOrInstant(flag), command);
}
