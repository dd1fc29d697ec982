// The page's time controls, shared by the views: a date field in gg/mm/aaaa (whatever the
// browser's locale; the change dates as suggestions), and "come noto al" (system time): the
// real recording instants of the org (from GET /orgs/:org/timeline) as a list, plus free entry
// of gg/mm/aaaa hh:mm in Europe/Rome. Values are applied on change/Enter; rapid changes are
// coalesced by the router's debounce (main.js), so a view is fetched once for the last one.
import { h } from './dom.js';
import { actLabel, formatInstant, formatShortDate, parseItalianDate, parseItalianInstant } from './format.js';

let listCount = 0;

/** A gg/mm/aaaa input; `onPick(iso)` on a valid date, an Italian message beside it otherwise. */
export function dateField({ id, label, value, suggestions = [], onPick, placeholder = 'gg/mm/aaaa' }) {
  const listId = `${id}-dates-${++listCount}`;
  const error = h('span', { class: 'field-error', id: `${id}-error`, role: 'status' });
  const input = h('input', {
    id,
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    size: 11,
    placeholder,
    value: value ? formatShortDate(value) : '',
    list: suggestions.length ? listId : undefined,
    'aria-describedby': `${id}-error`,
    onchange: (event) => apply(event.target.value),
    onkeydown: (event) => event.key === 'Enter' && (event.preventDefault(), apply(event.target.value)),
  });
  function apply(text) {
    if (text.trim() === '') return onPick(undefined);
    const iso = parseItalianDate(text);
    if (!iso) {
      error.textContent = 'Data non valida: scrivila come gg/mm/aaaa';
      input.setAttribute('aria-invalid', 'true');
      return undefined;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    return onPick(iso);
  }
  return h(
    'span',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    suggestions.length ? h('datalist', { id: listId }, suggestions.map((date) => h('option', { value: formatShortDate(date) }))) : null,
    error,
  );
}

/** Index of the recording run known at `asKnownAt` (-1: before any), and the position known then. */
export function knownPositionAt(recordings, asKnownAt) {
  if (!asKnownAt) return Infinity;
  let position = -1;
  for (const run of recordings) if (run.asKnownAt <= asKnownAt) position = Math.max(position, run.toPosition);
  return position;
}

export function recordingLabel(run) {
  const sources = run.sourceIds ?? [];
  const basis = run.act ? actLabel(run.act) : sources.length ? `${sources.length === 1 ? 'fonte' : 'fonti'} ${sources.join(', ')}` : 'modifiche senza atto né fonte';
  return `${formatInstant(run.asKnownAt)} — ${basis} (${run.eventCount} ${run.eventCount === 1 ? 'evento' : 'eventi'}${run.daysLate > 0 ? `, registrate ${run.daysLate} giorni dopo la data di validità` : ''})`;
}

/** "Come noto al": the recording instants, "adesso", and free entry. */
export function knownAtField({ id = 'as-known-at', label = 'Come noto al', asKnownAt, recordings, onPick, noneLabel = 'adesso (ultime informazioni)', free: withFree = true }) {
  const listed = recordings.some((run) => run.asKnownAt === asKnownAt);
  const error = h('span', { class: 'field-error', id: `${id}-error`, role: 'status' });
  const select = h(
    'select',
    { id, onchange: (event) => onPick(event.target.value === 'other' ? asKnownAt : event.target.value || undefined) },
    h('option', { value: '' }, noneLabel),
    [...recordings].reverse().map((run) => h('option', { value: run.asKnownAt, selected: run.asKnownAt === asKnownAt }, recordingLabel(run))),
    asKnownAt && !listed ? h('option', { value: 'other', selected: true }, `${formatInstant(asKnownAt)} (istante scelto)`) : null,
  );
  const free = h('input', {
    id: `${id}-free`,
    type: 'text',
    size: 16,
    autocomplete: 'off',
    placeholder: 'gg/mm/aaaa hh:mm',
    'aria-label': `${label}: un altro istante (gg/mm/aaaa hh:mm, ora di Roma)`,
    'aria-describedby': `${id}-error`,
    onkeydown: (event) => event.key === 'Enter' && (event.preventDefault(), applyFree()),
  });
  function applyFree() {
    const iso = parseItalianInstant(free.value);
    if (!iso) {
      error.textContent = 'Istante non valido: gg/mm/aaaa hh:mm';
      return;
    }
    error.textContent = '';
    onPick(iso);
  }
  return h(
    'span',
    { class: 'field known-at' },
    h('label', { for: id }, label),
    select,
    withFree ? [free, h('button', { type: 'button', onclick: applyFree }, 'Applica')] : null,
    asKnownAt && withFree ? h('button', { type: 'button', onclick: () => onPick(undefined) }, 'Adesso') : null,
    error,
  );
}
