// Bootstrap: the org picker, the search box, hash routing to the views (debounced, so that
// rapid changes of a control fetch only the last view), the skip link, and the live feed. A
// live event updates the open view from the event (the timeline and an indicator's
// measurements are patched in the cache) and re-asks only the view's main answer, once: it
// never clears the cache (api.js).
import { getJson, noteLivePosition, orgPath, patchCached } from './api.js';
import { h } from './dom.js';
import { connectLiveFeed } from './live-feed.js';
import { renderOrgChart } from './org-chart-view.js';
import { renderPdo } from './pdo-view.js';
import { renderSearch } from './search-view.js';
import { renderSource } from './source-view.js';
import { renderUnit } from './unit-view.js';
import { navigate, parseRoute, routeHash } from './router.js';
import { todayDate } from './format.js';

const VIEWS = { chart: renderOrgChart, unit: renderUnit, pdo: renderPdo, source: renderSource, search: renderSearch };
const ROUTE_DEBOUNCE_MS = 250;
const LIVE_DEBOUNCE_MS = 300;

const main = document.getElementById('main');
const orgPicker = document.getElementById('org-picker');
const nav = document.getElementById('view-nav');
const feedList = document.getElementById('feed-list');
const feedStatus = document.getElementById('feed-status');
const feedCount = document.getElementById('feed-count');
const searchForm = document.getElementById('search-form');
const searchInput = document.getElementById('search-q');

let orgs = [];
let renderCount = 0;
let lastView = null;
let live = { org: null, close: () => {} };
let routeTimer;
let liveTimer;
let mounted = [];
let resizeHandler = null;
let resizeTimer;

function contextFor(fromLive) {
  return {
    fromLive,
    orgName,
    onMounted: (callback) => mounted.push(callback),
    onResize: (handler) => (resizeHandler = handler),
    refreshSoon: () => scheduleLiveRender(),
  };
}

async function render({ fromLive = false } = {}) {
  const route = parseRoute(location.hash);
  if (route.view === 'home') {
    if (orgs[0]) location.replace(routeHash({ view: 'chart', org: orgs[0].orgId }));
    else main.replaceChildren(h('p', { class: 'empty' }, 'Nessun ente registrato.'));
    return;
  }
  const ticket = ++renderCount;
  const focusedId = document.activeElement?.id;
  const viewKey = `${route.view}/${route.org}/${route.unitId ?? route.sourceId ?? ''}`;
  const viewChanged = lastView !== viewKey;
  lastView = viewKey;
  syncChrome(route);
  main.setAttribute('aria-busy', 'true');
  mounted = [];
  resizeHandler = null;
  try {
    const node = await VIEWS[route.view](route, contextFor(fromLive));
    if (ticket !== renderCount) return;
    const scroll = window.scrollY;
    main.replaceChildren(node);
    syncNav(route);
    if (fromLive) window.scrollTo(0, scroll);
    const heading = node.querySelector('h2');
    document.title = `${heading?.textContent ?? 'orgtrail'} · ${orgName(route.org)} · orgtrail`;
    if (focusedId && document.getElementById(focusedId) && !fromLive) document.getElementById(focusedId).focus({ preventScroll: true });
    else if (viewChanged && !fromLive) heading?.focus({ preventScroll: true });
    for (const callback of mounted) callback();
  } catch (error) {
    if (ticket !== renderCount) return;
    main.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('h2', { tabindex: '-1' }, 'Impossibile caricare la vista'), h('p', {}, error.message), h('p', {}, h('a', { href: routeHash({ view: 'chart', org: route.org }) }, 'Torna all’organigramma di oggi'))));
  } finally {
    if (ticket === renderCount) {
      main.setAttribute('aria-busy', 'false');
      main.dataset.rendered = String(ticket);
      main.dataset.route = routeHash(route);
    }
  }
}

const orgName = (orgId) => orgs.find((org) => org.orgId === orgId)?.name ?? orgId;

/** The navigation carries the date and the instant, but never an instant the view found before any data. */
function syncNav(route) {
  const { at, asKnownAt } = route.params;
  const keep = asKnownAt && !main.querySelector('.notice-box') ? { asKnownAt } : {};
  const link = (view, label, params) => h('a', { href: routeHash({ view, org: route.org, params: { ...params, ...keep } }), 'aria-current': route.view === view ? 'page' : false }, label);
  nav.replaceChildren(h('ul', {}, h('li', {}, link('chart', 'Organigramma', { at })), h('li', {}, link('pdo', 'Piano degli Obiettivi', { year: at ? at.slice(0, 4) : undefined }))));
}

function syncChrome(route) {
  orgPicker.value = route.org;
  syncNav(route);
  if (route.view === 'search') searchInput.value = route.params.q ?? '';
  if (live.org !== route.org) {
    live.close();
    feedList.replaceChildren();
    live = { org: route.org, close: connectLiveFeed(route.org, { list: feedList, status: feedStatus, counter: feedCount, onChange: onLiveChange }) };
  }
}

/** Patches the cached answers a live event changes in a known way, then re-asks the open view's main answer. */
function onLiveChange(change) {
  if (change?.snapshot) return;
  const route = parseRoute(location.hash);
  if (change === null) {
    noteLivePosition(Number.MAX_SAFE_INTEGER);
  } else {
    noteLivePosition(change.position);
    patchTimeline(route.org, change);
    if (change.type === 'MeasurementRecorded') patchMeasurements(route.org, change);
  }
  // A view pinned to an earlier "come noto al" cannot change; a source never does.
  if (route.params.asKnownAt || route.view === 'source') return;
  scheduleLiveRender();
}

function scheduleLiveRender() {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => render({ fromLive: true }), LIVE_DEBOUNCE_MS);
}

function patchTimeline(org, change) {
  patchCached(`${orgPath(org)}/timeline`, {}, (timeline) => {
    timeline.position = change.position;
    timeline.asKnownAt = change.recordedAt;
    if (change.streamId === `org-${org}` && change.type !== 'OrgRegistered') {
      let stop = timeline.changeDates.find((d) => d.date === change.effectiveFrom);
      if (!stop) {
        stop = { date: change.effectiveFrom, acts: [], eventCount: 0, firstPosition: change.position };
        timeline.changeDates.push(stop);
        timeline.changeDates.sort((a, b) => (a.date < b.date ? -1 : 1));
      }
      stop.eventCount += 1;
      if (change.act && !stop.acts.some((a) => a.id === change.act.id)) stop.acts.push(change.act);
    }
    const last = timeline.recordings.at(-1);
    // Runs as the timeline groups them: one per act, or without an act per sources (a live change names none: its own run after a source's).
    const sourceIds = change.act ? [] : (change.sourceIds ?? []);
    if (last && (last.act?.id ?? null) === (change.act?.id ?? null) && (last.sourceIds ?? []).join('\n') === sourceIds.join('\n')) {
      Object.assign(last, { asKnownAt: change.recordedAt, toPosition: change.position, eventCount: last.eventCount + 1 });
    } else {
      const daysLate = Math.max(0, Math.round((Date.parse(`${todayDate(new Date(change.recordedAt))}T00:00:00Z`) - Date.parse(`${change.effectiveFrom}T00:00:00Z`)) / 86_400_000));
      timeline.recordings.push({ asKnownAt: change.recordedAt, firstRecordedAt: change.recordedAt, fromPosition: change.position, toPosition: change.position, act: change.act ?? null, sourceIds, eventCount: 1, earliestEffectiveFrom: change.effectiveFrom, daysLate });
    }
  });
}

function patchMeasurements(org, change) {
  const { indicatorId, value, measuredAt, note = null, source = null } = change.data;
  patchCached(`${orgPath(org)}/indicators/${encodeURIComponent(indicatorId)}/measurements`, {}, (answer) => {
    answer.position = change.position;
    answer.measurements.push({ value, measuredAt, note, source, recordedAt: change.recordedAt, position: change.position });
    answer.measurements.sort((a, b) => (a.measuredAt < b.measuredAt ? -1 : a.measuredAt > b.measuredAt ? 1 : a.position - b.position));
  });
}

function scheduleRender() {
  clearTimeout(routeTimer);
  routeTimer = setTimeout(() => render(), ROUTE_DEBOUNCE_MS);
}

async function start() {
  document.querySelector('.skip-link').addEventListener('click', (event) => {
    // The address's # part is the route: the skip link moves the focus, not the route.
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  });
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => resizeHandler?.(), 200);
  });
  try {
    orgs = (await getJson('/orgs', {}, { allowStale: true })).orgs;
  } catch (error) {
    main.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('h2', {}, 'Servizio non raggiungibile'), h('p', {}, error.message), h('p', {}, h('button', { type: 'button', onclick: () => location.reload() }, 'Riprova'))));
    return;
  }
  orgPicker.replaceChildren(...orgs.map((org) => h('option', { value: org.orgId }, org.name)));
  orgPicker.addEventListener('change', () => {
    const route = parseRoute(location.hash);
    navigate({ view: route.view === 'pdo' ? 'pdo' : 'chart', org: orgPicker.value });
  });
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const route = parseRoute(location.hash);
    navigate({ view: 'search', org: route.org ?? orgs[0]?.orgId, params: { q: searchInput.value.trim(), at: route.params.at, asKnownAt: route.params.asKnownAt } });
  });
  window.addEventListener('hashchange', (event) => {
    // In-page anchors (#L12 of a source) are not routes.
    if (/^#L\d+$/.test(location.hash)) return history.replaceState(null, '', event.oldURL);
    scheduleRender();
  });
  await render();
}

start();
