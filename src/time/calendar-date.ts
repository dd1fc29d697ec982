/**
 * Calendar dates (valid time) are plain `YYYY-MM-DD` strings in the Europe/Rome calendar.
 * Lexical order equals chronological order, so they are compared as strings everywhere.
 */
import { formatInTimeZone } from './rome.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date: 2024-02-29 yes, 2023-02-29 and 2024-13-01 no. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** The Europe/Rome calendar date of an instant: what "today" means for `at`. */
export function romeDateOf(instant: Date): string {
  return formatInTimeZone(instant);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Whole days from `from` to `to` (calendar dates), positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar date after `date`. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
