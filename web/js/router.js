// Hash routes, so that every view is a link:
//   #/org/<org>/chart?at=YYYY-MM-DD&compare=YYYY-MM-DD&compareKnownAt=<ISO>&asKnownAt=<ISO instant>
//   #/org/<org>/unit/<unitId>?at=…&asKnownAt=…
//   #/org/<org>/pdo?year=YYYY&unit=<directorate>&asKnownAt=…
//   #/org/<org>/search?q=…&at=…&asKnownAt=…
//   #/org/<org>/source/<sourceId>?lines=12-14
export function parseRoute(hash) {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = Object.fromEntries(new URLSearchParams(query));
  if (parts[0] !== 'org' || !parts[1]) return { view: 'home', params };
  const org = parts[1];
  if (parts[2] === 'unit' && parts[3]) return { view: 'unit', org, unitId: parts[3], params };
  if (parts[2] === 'source' && parts[3]) return { view: 'source', org, sourceId: parts[3], params };
  if (parts[2] === 'pdo') return { view: 'pdo', org, params };
  if (parts[2] === 'search') return { view: 'search', org, params };
  return { view: 'chart', org, params };
}

export function routeHash({ view, org, unitId, sourceId, params = {} }) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  const qs = query.toString() ? `?${query}` : '';
  const enc = encodeURIComponent;
  if (view === 'unit') return `#/org/${enc(org)}/unit/${enc(unitId)}${qs}`;
  if (view === 'source') return `#/org/${enc(org)}/source/${enc(sourceId)}${qs}`;
  if (view === 'pdo') return `#/org/${enc(org)}/pdo${qs}`;
  if (view === 'search') return `#/org/${enc(org)}/search${qs}`;
  return `#/org/${enc(org)}/chart${qs}`;
}

export function navigate(route, { replace = false } = {}) {
  const hash = routeHash(route);
  if (location.hash === hash) return;
  if (replace) location.replace(hash);
  else location.hash = hash;
}
