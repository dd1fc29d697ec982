// Italian formats. Calendar dates (valid time, YYYY-MM-DD) are days, not instants: they are
// formatted in UTC so that no time zone shifts them. Instants (system time) are shown in
// Europe/Rome, the time zone of the data.
const longDate = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDate = new Intl.DateTimeFormat('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const instant = new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Rome' });
const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

const asUtcDay = (date) => new Date(`${date}T00:00:00Z`);

/** 2020-06-01 → "1 giugno 2020". */
export const formatDate = (date) => (date ? longDate.format(asUtcDay(date)) : '—');
/** 2020-06-01 → "01/06/2020". */
export const formatShortDate = (date) => (date ? shortDate.format(asUtcDay(date)) : '—');
/** An ISO instant → "25/11/26, 18:30:43" in Europe/Rome. */
export const formatInstant = (iso) => (iso ? instant.format(new Date(iso)) : '—');
export const formatNumber = (value) => number.format(value);
/** 1 → "1 competenza", 3 → "3 competenze". */
export const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

/** The local calendar date of the browser, YYYY-MM-DD. */
export function todayDate(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The calendar date one day before `date`. */
export function dayBefore(date) {
  const d = asUtcDay(date);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Value of a datetime-local input (local time) ↔ ISO instant. */
export const localInputToInstant = (value) => (value ? new Date(value).toISOString() : undefined);
export function instantToLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export { eventLabel } from './catalogue.js';

/** The act behind a change, in one line: "Piano degli obiettivi (piano-degli-obiettivi, 1 gennaio 2024)". */
export function actLabel(act) {
  if (!act) return 'nessun atto';
  const details = [act.kind, act.date ? formatDate(act.date) : null].filter(Boolean).join(', ');
  return `${act.title ?? act.id}${details ? ` (${details})` : ''}`;
}
