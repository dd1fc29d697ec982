/**
 * Issue 20's targets 2 and 3 as report lines: the service against the PostgreSQL peer on the
 * same cuts (p50 of parsed client time: PostgreSQL's rows typed and assembled, the service's
 * body received, decoded and JSON-parsed), and the PDO's in-process cost per objective against
 * the 10k figures. A skipped peer is reported as such, never as met.
 */
import type { SizeResults } from './report.ts';

export interface PeerCheck {
  name: string;
  target: string;
  value: string;
  met: boolean | null;
  note?: string;
}

const x = (n: number) => `${n >= 10 ? n.toFixed(0) : n.toFixed(2)}x`;

export function pgPeerChecks(r: SizeResults, baseline10k?: SizeResults): PeerCheck[] {
  const checks: PeerCheck[] = [];
  const pdo = r.queries.pdo;
  const perObjective = (s: SizeResults) => (s.queries.pdo.readModels.p50 * 1000) / Math.max(1, s.queries.pdo.answerSize.mean);
  if (baseline10k && baseline10k !== r) {
    const ratio = perObjective(r) / perObjective(baseline10k);
    checks.push({ name: 'PDO in-process cost per objective vs 10k (3)', target: '<= 1.5x', value: `${x(ratio)} (${perObjective(r).toFixed(2)} / ${perObjective(baseline10k).toFixed(2)} µs per objective, p50)`, met: ratio <= 1.5 });
  } else {
    checks.push({ name: 'PDO in-process cost per objective vs 10k (3)', target: '<= 1.5x', value: `${perObjective(r).toFixed(2)} µs per objective (p50 ${pdo.readModels.p50.toFixed(2)} ms, ${Math.round(pdo.answerSize.mean)} objectives)`, met: null, note: 'needs a 10k result' });
  }
  const peer = r.pgPeer;
  if (!peer?.views) {
    const why = peer?.skipped ?? 'not run';
    for (const name of ['org chart over HTTP vs PostgreSQL (2)', 'PDO over HTTP vs PostgreSQL (3)', 'PDO in-process vs PostgreSQL (3)']) checks.push({ name, target: name.includes('in-process') ? '>= 10x' : '>= 3x', value: 'skipped', met: null, note: `PostgreSQL peer skipped: ${why}` });
    return checks;
  }
  for (const view of ['orgChart', 'pdo'] as const) {
    const v = peer.views[view];
    if (!v) continue;
    const label = view === 'orgChart' ? 'org chart' : 'PDO';
    const number = view === 'orgChart' ? '2' : '3';
    const pg = v.pg.parsed.p50;
    const agreement = `answers equal on ${v.agreement.compared - v.agreement.disagreements} of ${v.agreement.compared} cuts`;
    if (v.http) {
      const cached = pg / v.http.cached.parsed.p50;
      const cold = pg / v.http.cold.parsed.p50;
      checks.push({
        name: `${label} over HTTP vs PostgreSQL (${number})`, target: '>= 3x (p50, parsed)',
        value: `${x(cached)} answered from the cache (${v.http.cached.parsed.p50.toFixed(2)} vs ${pg.toFixed(2)} ms); first answer at a cut ${x(cold)} (${v.http.cold.parsed.p50.toFixed(2)} ms)`,
        met: cached >= 3 && v.agreement.disagreements === 0,
        note: `${agreement}; unparsed: HTTP ${v.http.cached.unparsed.p50.toFixed(2)} ms cached / ${v.http.cold.unparsed.p50.toFixed(2)} ms cold, PostgreSQL ${v.pg.unparsed.p50.toFixed(2)} ms; met counts the cached answer, the first answer at a new cut is the cold figure`,
      });
    }
    if (view === 'pdo') {
      const inProcess = pg / v.readModels.p50;
      checks.push({ name: 'PDO in-process vs PostgreSQL (3)', target: '>= 10x (p50)', value: `${x(inProcess)} (${v.readModels.p50.toFixed(2)} vs ${pg.toFixed(2)} ms)`, met: inProcess >= 10 && v.agreement.disagreements === 0, note: agreement });
    }
  }
  return checks;
}
