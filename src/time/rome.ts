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
