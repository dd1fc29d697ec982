// A source document, read-only (GET /api/v1/sources/:id/text), one numbered line per row:
// each line has an anchor (id "L<n>"), and the lines named in `?lines=12-14,20` are
// highlighted and scrolled into view. One request, cached (documents do not change).
import { ApiError, apiFetch, apiUrl } from './api.js';
import { h } from './dom.js';

const texts = new Map();

function parseLines(spec) {
  const wanted = new Set();
  for (const part of String(spec ?? '').split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) continue;
    const from = Number(range[1]);
    const to = Math.min(Number(range[2] ?? range[1]), from + 2000);
    for (let n = from; n <= to; n++) wanted.add(n);
  }
  return wanted;
}

export async function renderSource(route, context) {
  const { sourceId, params } = route;
  const url = apiUrl(`/sources/${encodeURIComponent(sourceId)}/text`);
  if (!texts.has(url)) texts.set(url, apiFetch(url, { headers: { accept: 'text/plain' } }).then((r) => r.text()));
  let text;
  try {
    text = await texts.get(url);
  } catch (error) {
    texts.delete(url);
    if (error instanceof ApiError && error.status === 404) return h('section', { class: 'view' }, h('h2', { id: 'view-title', tabindex: '-1' }, `Fonte ${sourceId}`), h('p', { class: 'notice-box' }, 'Il testo di questa fonte non è disponibile in questo servizio.'));
    throw error;
  }
  const wanted = parseLines(params.lines);
  const first = Math.min(...wanted);
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  context.onMounted(() => document.getElementById(`L${first}`)?.scrollIntoView({ block: 'center' }));
  return h(
    'section',
    { class: 'view source-view', 'aria-labelledby': 'view-title' },
    h('p', { class: 'back' }, h('a', { href: 'javascript:history.back()', onclick: (e) => (e.preventDefault(), history.back()) }, '← Indietro')),
    h('h2', { id: 'view-title', tabindex: '-1' }, `Fonte ${sourceId.split('_')[0]}`),
    h('p', { class: 'basis' }, `Documento ${sourceId}.txt, sola lettura · ${lines.length} righe${wanted.size ? ` · evidenziate le righe ${params.lines}` : ''}`),
    h(
      'ol',
      { class: 'source-text' },
      lines.map((line, i) => h('li', { id: `L${i + 1}`, class: wanted.has(i + 1) ? 'highlight' : undefined, value: i + 1 }, h('a', { href: `#L${i + 1}`, class: 'line-number', tabindex: -1, 'aria-hidden': 'true', onclick: (e) => e.preventDefault() }, String(i + 1)), h('span', { class: 'line-text' }, line || ' '))),
    ),
  );
}
