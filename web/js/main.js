// Bootstrap: the org picker, hash routing to the three views, and the live feed, which makes
// the open view re-fetch (debounced) whenever a change is appended.
import { getJson, invalidate } from './api.js';
import { h } from './dom.js';
import { connectLiveFeed } from './live-feed.js';
import { renderOrgChart } from './org-chart-view.js';
import { renderPdo } from './pdo-view.js';
import { renderUnit } from './unit-view.js';
import { navigate, parseRoute, routeHash } from './router.js';

const VIEWS = { chart: renderOrgChart, unit: renderUnit, pdo: renderPdo };
const REFRESH_DELAY_MS = 300;

const main = document.getElementById('main');
const orgPicker = document.getElementById('org-picker');
const nav = document.getElementById('view-nav');
const feedList = document.getElementById('feed-list');
const feedStatus = document.getElementById('feed-status');

let orgs = [];
let renderCount = 0;
let lastView = null;
let live = { org: null, close: () => {} };
let refreshTimer;

async function render({ fromLive = false } = {}) {
  const route = parseRoute(location.hash);
  if (route.view === 'home') {
    if (orgs[0]) location.replace(routeHash({ view: 'chart', org: orgs[0].orgId }));
    else main.replaceChildren(h('p', { class: 'empty' }, 'Nessun ente registrato.'));
    return;
  }
  const ticket = ++renderCount;
  const focusedId = document.activeElement?.id;
  const viewChanged = lastView !== `${route.view}/${route.org}/${route.unitId ?? ''}`;
  lastView = `${route.view}/${route.org}/${route.unitId ?? ''}`;
  syncChrome(route);
  main.setAttribute('aria-busy', 'true');
  try {
    const node = await VIEWS[route.view](route);
    if (ticket !== renderCount) return;
    const scroll = window.scrollY;
    main.replaceChildren(node);
    if (fromLive) window.scrollTo(0, scroll);
    const heading = node.querySelector('h2');
    document.title = `${heading?.textContent ?? 'orgtrail'} · ${orgName(route.org)} · orgtrail`;
    if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
    else if (viewChanged && !fromLive) heading?.focus();
  } catch (error) {
    if (ticket !== renderCount) return;
    main.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('h2', {}, 'Impossibile caricare la vista'), h('p', {}, error.message)));
  } finally {
    if (ticket === renderCount) {
      main.setAttribute('aria-busy', 'false');
      main.dataset.rendered = String(ticket);
    }
  }
}

const orgName = (orgId) => orgs.find((org) => org.orgId === orgId)?.name ?? orgId;

function syncChrome(route) {
  orgPicker.value = route.org;
  const link = (view, label) => h('a', { href: routeHash({ view, org: route.org, params: route.params.asKnownAt ? { asKnownAt: route.params.asKnownAt } : {} }), 'aria-current': route.view === view ? 'page' : false }, label);
  nav.replaceChildren(h('ul', {}, h('li', {}, link('chart', 'Organigramma')), h('li', {}, link('pdo', 'Piano degli Obiettivi'))));
  if (live.org !== route.org) {
    live.close();
    feedList.replaceChildren();
    live = { org: route.org, close: connectLiveFeed(route.org, { list: feedList, status: feedStatus, onChange: scheduleRefresh }) };
  }
}

function scheduleRefresh() {
  invalidate();
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => render({ fromLive: true }), REFRESH_DELAY_MS);
}

async function start() {
  try {
    orgs = (await getJson('/orgs')).orgs;
  } catch (error) {
    main.replaceChildren(h('div', { class: 'error', role: 'alert' }, h('h2', {}, 'Servizio non raggiungibile'), h('p', {}, error.message)));
    return;
  }
  orgPicker.replaceChildren(...orgs.map((org) => h('option', { value: org.orgId }, org.name)));
  orgPicker.addEventListener('change', () => {
    const route = parseRoute(location.hash);
    navigate({ view: route.view === 'pdo' ? 'pdo' : 'chart', org: orgPicker.value });
  });
  window.addEventListener('hashchange', () => render());
  await render();
}

start();
