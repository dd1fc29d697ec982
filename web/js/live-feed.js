// The live feed: GET /api/v1/orgs/:org/live?view=events as an EventSource. Each `change`
// message is listed (newest first, in an aria-live region) and reported to `onChange`, which
// re-fetches the open view; `resync` (the server is dropping a slow client) does the same.
// EventSource reconnects by itself, sending the last id (the global position) it saw.
import { h } from './dom.js';
import { eventLabel, formatDate, formatInstant, formatNumber } from './format.js';

const MAX_ITEMS = 50;

export function connectLiveFeed(org, { list, status, onChange }) {
  const source = new EventSource(`/api/v1/orgs/${encodeURIComponent(org)}/live?view=events`);
  const setStatus = (text, state) => {
    status.textContent = text;
    status.dataset.state = state;
  };
  setStatus('Connessione…', 'connecting');
  source.addEventListener('open', () => setStatus('In ascolto delle modifiche', 'open'));
  source.addEventListener('change', (message) => {
    const change = JSON.parse(message.data);
    list.prepend(feedItem(change));
    while (list.children.length > MAX_ITEMS) list.lastElementChild.remove();
    onChange(change);
  });
  source.addEventListener('resync', () => onChange(null));
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) setStatus('Aggiornamenti in diretta non disponibili', 'closed');
    else setStatus('Riconnessione…', 'connecting');
  });
  return () => source.close();
}

function feedItem(change) {
  const data = change.data ?? {};
  const subject = change.type === 'MeasurementRecorded' ? `${data.indicatorId}: ${formatNumber(data.value)}` : (data.name ?? data.person ?? data.text ?? data.title ?? data.unitId ?? data.objectiveId ?? data.indicatorId ?? '');
  return h(
    'li',
    { class: 'feed-item' },
    h('strong', {}, eventLabel(change.type)),
    subject ? ` ${subject}` : '',
    h('br'),
    h('span', { class: 'muted' }, `valida dal ${formatDate(change.effectiveFrom)} · registrata ${formatInstant(change.recordedAt)}${change.recordedBy ? ` da ${change.recordedBy}` : ''}`),
    change.act ? h('span', { class: 'muted' }, ` · ${change.act.title ?? change.act.id}`) : null,
  );
}
