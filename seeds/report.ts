/**
 * `npm run seed:report` prints the anomaly report: every irregularity of the source
 * documents and what the importer did about it, grouped by document and kind.
 * `npm run seed:report -- --json` prints the same list as JSON, for machines.
 */
import { collectAnomalies } from './anomalies.ts';
import { loadSeedData } from './load-seed-data.ts';
import { ANOMALY_KINDS, type Anomaly } from './parse/anomaly.ts';

const anomalies = collectAnomalies(loadSeedData());

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(anomalies, null, 2)}\n`);
} else {
  process.stdout.write(formatReport(anomalies));
}

function formatReport(list: readonly Anomaly[]): string {
  const out: string[] = [`Seed anomaly report: ${list.length} irregularities in seeds/sources/`, ''];
  const documents = [...new Set(list.map((a) => a.document))];
  for (const document of documents) {
    const ofDocument = list.filter((a) => a.document === document);
    out.push(`== ${document} (${ofDocument.length})`);
    for (const kind of [...new Set(ofDocument.map((a) => a.kind))]) {
      out.push('', `  -- ${kind}`);
      for (const a of ofDocument.filter((x) => x.kind === kind)) {
        out.push(`  * ${a.location}`, `      found: ${a.description}`, `      done:  ${a.action}`);
      }
    }
    out.push('');
  }
  const count = (kind: string) => list.filter((a) => a.kind === kind).length;
  out.push('== totals by kind (0: looked for, none found)', ...ANOMALY_KINDS.map((kind) => `  ${kind}: ${count(kind)}`), '');
  return out.join('\n');
}
