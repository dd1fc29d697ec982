// Italian formats, whatever the browser's locale. Calendar dates (valid time, YYYY-MM-DD) are
// days, not instants: formatted in UTC so that no time zone shifts them. Instants (system time)
// are shown in Europe/Rome, the time zone of the data. Dates are entered as gg/mm/aaaa and
// instants as gg/mm/aaaa hh:mm[:ss] (Europe/Rome), parsed here.
export { eventLabel } from './catalogue.js';
import { actKindLabel } from './catalogue.js';

const longDate = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const romeParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const number = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
const pad = (n) => String(n).padStart(2, '0');

const asUtcDay = (date) => new Date(`${date}T00:00:00Z`);

/** 2020-06-01 → "1 giugno 2020". */
export const formatDate = (date) => (date ? longDate.format(asUtcDay(date)) : '—');
/** 2020-06-01 → "01/06/2020". */
export function formatShortDate(date) {
  if (!date) return '—';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function romeFields(iso) {
  const parts = Object.fromEntries(romeParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return parts;
}

/** An ISO instant → "25/11/2026 18:30:43" in Europe/Rome. */
export function formatInstant(iso) {
  if (!iso) return '—';
  const p = romeFields(iso);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}
export const formatNumber = (value) => number.format(value);

/** "gg/mm/aaaa" → "aaaa-mm-gg", or null if it is not a real date. */
export function parseItalianDate(text) {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text ?? '');
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const check = asUtcDay(iso);
  return !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The UTC offset of Europe/Rome at an instant, in minutes. */
function romeOffsetMinutes(utcMs) {
  const p = romeFields(new Date(utcMs).toISOString());
  return (Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(utcMs / 1000) * 1000) / 60_000;
}

/** "gg/mm/aaaa hh:mm[:ss]" (Europe/Rome; a date alone is the end of that day) → ISO instant, or null. */
export function parseItalianInstant(text) {
  const match = /^\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(?:[ ,T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?\s*$/.exec(text ?? '');
  if (!match) return null;
  const date = parseItalianDate(match[1]);
  if (!date) return null;
  const [hh, mm, ss] = match[2] === undefined ? [23, 59, 59] : [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  const [y, mo, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, mo - 1, d, hh, mm, ss);
  const offset = romeOffsetMinutes(wall - romeOffsetMinutes(wall) * 60_000);
  return new Date(wall - offset * 60_000).toISOString();
}

/** Today's calendar date in Europe/Rome, YYYY-MM-DD. */
export function todayDate(now = new Date()) {
  const p = romeFields(now.toISOString());
  return `${p.year}-${p.month}-${p.day}`;
}

/** The act behind a change, in one line: "Piano degli obiettivi – PDO 2024 (Piano degli obiettivi, 1 gennaio 2024)". */
export function actLabel(act) {
  if (!act) return 'nessun atto';
  const details = [actKindLabel(act.kind), act.date ? formatDate(act.date) : null].filter(Boolean).join(', ');
  return `${act.title ?? act.id}${details ? ` (${details})` : ''}`;
}
