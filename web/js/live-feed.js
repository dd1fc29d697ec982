// The live feed: GET /api/v1/orgs/:org/live?view=events read with fetch (not EventSource, which
// cannot send the session's token), parsed as Server-Sent Events. Each `change` is listed
// (newest first, in an aria-live region) and handed to `onChange`, which updates the open view
// from the event itself or with at most one request (main.js). On a dropped connection it
// reconnects after a pause, sending Last-Event-ID (the last position seen), so nothing is
// missed or repeated; `resync` (the server is dropping a slow client) does the same.
import { authHeaders } from './token.js';
import { h } from './dom.js';
import { eventLabel, formatDate, formatInstant, formatNumber } from './format.js';

const MAX_ITEMS = 50;
const RETRY_MS = 3000;

export function connectLiveFeed(org, { list, status, counter, onChange }) {
  const controller = new AbortController();
  let lastEventId;
  let closed = false;
  const setStatus = (text, state) => {
    status.textContent = text;
    status.dataset.state = state;
  };

  function dispatch(event, data, id) {
    if (id !== undefined) lastEventId = id;
    if (event === 'snapshot') {
      onChange({ snapshot: JSON.parse(data) });
      return;
    }
    if (event === 'resync') {
      onChange(null);
      return;
    }
    if (event !== 'change') return;
    const change = JSON.parse(data);
    list.prepend(feedItem(change));
    while (list.children.length > MAX_ITEMS) list.lastElementChild.remove();
    counter.textContent = String(list.children.length);
    onChange(change);
  }

  async function run() {
    while (!closed) {
      setStatus('Connessione…', 'connecting');
      try {
        const response = await fetch(`/api/v1/orgs/${encodeURIComponent(org)}/live?view=events`, {
          headers: { accept: 'text/event-stream', ...authHeaders(), ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}) },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          setStatus(response.status === 401 || response.status === 403 ? 'Aggiornamenti in diretta: serve un token' : 'Aggiornamenti in diretta non disponibili', 'closed');
        } else {
          setStatus('In ascolto delle modifiche', 'open');
          await readStream(response.body);
          if (!closed) setStatus('Riconnessione…', 'connecting');
        }
      } catch (error) {
        if (closed) return;
        setStatus('Riconnessione…', 'connecting');
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  async function readStream(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = 'message';
    let data = [];
    let id;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let newline;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
        if (line === '') {
          if (data.length) dispatch(event, data.join('\n'), id);
          event = 'message';
          data = [];
          id = undefined;
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event = text;
          else if (field === 'data') data.push(text);
          else if (field === 'id') id = text;
        }
      }
    }
  }

  run();
  return () => {
    closed = true;
    controller.abort();
  };
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
