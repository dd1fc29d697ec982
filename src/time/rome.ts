/** Europe/Rome calendar of an instant, via Intl (handles CET/CEST transitions). */
const romeFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function formatInTimeZone(instant: Date): string {
  return romeFormatter.format(instant);
}

const romeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds Rome's wall clock is ahead of UTC at an instant (+1 h in winter, +2 h in summer). */
function romeOffsetMs(instant: Date): number {
  const part = Object.fromEntries(romeParts.formatToParts(instant).map(({ type, value }) => [type, Number(value)]));
  const wall = Date.UTC(part['year']!, part['month']! - 1, part['day']!, part['hour']!, part['minute']!, part['second']!);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The last millisecond of a Europe/Rome calendar date (YYYY-MM-DD), as an instant: what "as
 * known on that day" means. Rome changes its clocks at 02:00/03:00, never at midnight, so the
 * offset at 00:00 UTC of the next day is the offset of Rome's next midnight.
 */
export function endOfRomeDay(date: string): Date {
  const nextMidnightUtc = Date.parse(`${date}T00:00:00Z`) + 86_400_000;
  return new Date(nextMidnightUtc - romeOffsetMs(new Date(nextMidnightUtc)) - 1);
}
