/**
 * `orgtrail import snapshot <files…> --org ORG [--dry-run] [--date YYYY-MM-DD] [--ipa CODE]`
 * (docs/import.md, "Snapshots"). Local mode reads the files in this process, streamed, with a
 * progress bar on stderr over their bytes; with --url they are sent as multipart to
 * POST /orgs/:org/snapshots. Either way the answer is the same report: an Italian (or English)
 * table, or the API's JSON with --json. A malformed file is exit 1 with every problem as
 * file:line:column.
 */
import { createReadStream, openAsBlob, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import { AppError } from '../errors.ts';
import type { ImportSnapshotsReport, SnapshotFileReport } from '../import/snapshot/import-snapshots.ts';
import type { SnapshotProblem } from '../import/snapshot/parse-snapshot.ts';
import type { Session } from './connect.ts';
import { CliFailure } from './cli-errors.ts';
import type { Lang } from './messages.ts';
import { createProgress } from './progress.ts';
import { renderTable } from './table.ts';

export interface SnapshotImportArgs {
  files: string[];
  orgId: string;
  date?: string;
  ipa?: string;
  dryRun: boolean;
}

export type SnapshotImportOutcome = { ok: true; report: ImportSnapshotsReport } | { ok: false; problems: SnapshotProblem[]; detail: string };

export async function runSnapshotImport(session: Session, args: SnapshotImportArgs, lang: Lang): Promise<SnapshotImportOutcome> {
  const sizes = args.files.map((file) => {
    try {
      return statSync(file).size;
    } catch {
      throw new CliFailure(words[lang].fileMissing(file));
    }
  });
  if (session.local) return importLocally(session.local, args, sizes);
  const form = new FormData();
  for (const file of args.files) form.append('file', await openAsBlob(file), basename(file));
  const query = { dryRun: args.dryRun ? 'true' : undefined, date: args.date, ipa: args.ipa };
  // A refusal (a malformed file included) is a CliFailure listing each problem as file:line:column.
  const report = await session.api.postForm<ImportSnapshotsReport>(`/orgs/${encodeURIComponent(args.orgId)}/snapshots`, { query, flags: { date: '--date', ipa: '--ipa', dryRun: '--dry-run' } }, form);
  return { ok: true, report };
}

async function importLocally(local: NonNullable<Session['local']>, args: SnapshotImportArgs, sizes: number[]): Promise<SnapshotImportOutcome> {
  const { importSnapshots } = await import('../import/snapshot/import-snapshots.ts');
  const progress = createProgress('snapshot', sizes.reduce((a, b) => a + b, 0));
  let read = 0;
  const counting = () =>
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        read += chunk.length;
        progress.update(read);
        done(null, chunk);
      },
    });
  try {
    const report = await importSnapshots(
      { store: local.store, projector: local.projector, limits: local.config.structure },
      {
        orgId: args.orgId,
        files: args.files.map((file) => ({
          name: basename(file),
          open: () => createReadStream(file).pipe(counting()),
          fileDate: statSync(file).mtime.toISOString().slice(0, 10),
        })),
        date: args.date,
        ipa: args.ipa,
        dryRun: args.dryRun,
        recordedBy: 'cli-import',
      },
    );
    progress.finish(read);
    return { ok: true, report };
  } catch (error) {
    progress.finish(read);
    if (error instanceof AppError && error.code === 'malformed_snapshot') return { ok: false, problems: error.problems as SnapshotProblem[], detail: error.message };
    if (error instanceof AppError) throw new CliFailure(error.message);
    throw error;
  }
}

const words = {
  it: {
    fileMissing: (file: string) => `file non trovato o illeggibile: ${file}`,
    dryRun: 'Prova (--dry-run): nulla è stato registrato.',
    file: (f: SnapshotFileReport) =>
      `${f.file}: istantanea ${f.layout === 'indicepa' ? 'IndicePA' : 'organigramma'} (${f.format.toUpperCase()}) al ${f.snapshotDate}${dateOrigin.it[f.dateOrigin]}, ${f.units} unità su ${f.rows} righe, fonte ${f.sourceId}`,
    status: { planned: 'da registrare', appended: 'registrata', 'already-imported': 'già importata: nulla da registrare' },
    neighbours: (f: SnapshotFileReport) => `Istantanea precedente: ${f.previousSourceId ?? '(nessuna)'}; successiva: ${f.nextSourceId ?? '(nessuna)'}`,
    changes: 'Cambiamenti',
    change: 'cambiamento',
    unit: 'unità',
    from: 'prima',
    to: 'dopo',
    basis: 'base',
    at: 'dal',
    kinds: { established: 'istituita', renamed: 'rinominata', moved: 'spostata', reclassified: 'riclassificata', 'head-appointed': 'responsabile nominato', 'head-changed': 'responsabile cambiato' },
    bases: { attested: 'attestata', inferred: 'dedotta' },
    notAttested: 'Non più elencate (non attestate dopo la fonte indicata; non soppresse)',
    lastSource: 'ultima fonte',
    conflicts: 'Diverse dallo stato, non applicate (restano la versione della fonte)',
    superseded: (n: number) => `Deduzioni precedenti superate e ricalcolate: ${n}`,
    events: (n: number, dryRun: boolean) => (dryRun ? `Eventi che l'importazione registrerebbe: ${n}` : `Eventi registrati: ${n}`),
    none: '(nessuno)',
    problems: 'Il file non è valido: nulla è stato registrato.',
    name: 'nome',
  },
  en: {
    fileMissing: (file: string) => `file not found or unreadable: ${file}`,
    dryRun: 'Dry run (--dry-run): nothing was appended.',
    file: (f: SnapshotFileReport) => `${f.file}: ${f.layout} snapshot (${f.format.toUpperCase()}) of ${f.snapshotDate}${dateOrigin.en[f.dateOrigin]}, ${f.units} units in ${f.rows} rows, source ${f.sourceId}`,
    status: { planned: 'to append', appended: 'appended', 'already-imported': 'already imported: nothing to append' },
    neighbours: (f: SnapshotFileReport) => `Previous snapshot: ${f.previousSourceId ?? '(none)'}; next: ${f.nextSourceId ?? '(none)'}`,
    changes: 'Changes',
    change: 'change',
    unit: 'unit',
    from: 'before',
    to: 'after',
    basis: 'basis',
    at: 'from',
    kinds: { established: 'established', renamed: 'renamed', moved: 'moved', reclassified: 'reclassified', 'head-appointed': 'head appointed', 'head-changed': 'head changed' },
    bases: { attested: 'attested', inferred: 'inferred' },
    notAttested: 'No longer listed (not attested after the source named; not dissolved)',
    lastSource: 'last source',
    conflicts: 'Different from the state, not applied (kept as the source\'s view)',
    superseded: (n: number) => `Earlier inferences superseded and derived again: ${n}`,
    events: (n: number, dryRun: boolean) => (dryRun ? `Events the import would append: ${n}` : `Events appended: ${n}`),
    none: '(none)',
    problems: 'The file is not valid: nothing was appended.',
    name: 'name',
  },
};

const dateOrigin = {
  it: { given: ' (data indicata)', 'file-column': ' (dalla colonna della data nel file)', 'file-date': ' (data del file stesso: il file non ne indica una)' },
  en: { given: ' (given date)', 'file-column': ' (from the file\'s date column)', 'file-date': ' (the file\'s own date: it states none)' },
};

export function renderSnapshotImport(outcome: SnapshotImportOutcome, lang: Lang, width: number): string {
  const w = words[lang];
  if (!outcome.ok) {
    return [w.problems, ...outcome.problems.map((p) => `  ${p.file}${p.line !== null ? `:${p.line}` : ''}${p.column !== null ? `:${p.column}` : ''}${p.columnName ? ` (${p.columnName})` : ''} [${p.code}] ${p.message}`)].join('\n');
  }
  const out: string[] = [];
  const { report } = outcome;
  if (report.dryRun) out.push(w.dryRun);
  for (const f of report.files) {
    out.push('', `${w.file(f)} — ${w.status[f.status]}`);
    if (f.status === 'already-imported') continue;
    out.push(w.neighbours(f));
    out.push(`${w.changes}:`);
    out.push(
      f.changes.length === 0
        ? `  ${w.none}`
        : renderTable(
            [{ header: w.change }, { header: w.unit }, { header: w.from, wrap: true }, { header: w.to, wrap: true }, { header: w.at }, { header: w.basis, wrap: true }],
            f.changes.map((c) => [w.kinds[c.change], c.unitId, c.from ?? '', c.to, c.effectiveFrom, c.basis === 'inferred' ? `${w.bases.inferred} (${c.inferredFrom.join(', ')})` : `${w.bases.attested} (${c.sourceId})`]),
            width,
          ),
    );
    if (f.notAttestedAfter.length > 0) {
      out.push(`${w.notAttested}:`, renderTable([{ header: w.unit }, { header: w.name, wrap: true }, { header: w.lastSource }], f.notAttestedAfter.map((u) => [u.unitId, u.name, u.lastSourceId]), width));
    }
    if (f.conflicts.length > 0) {
      out.push(`${w.conflicts}:`, renderTable([{ header: w.unit }, { header: '' }, { header: w.from, wrap: true }, { header: w.to, wrap: true }], f.conflicts.map((c) => [c.unitId, c.field, c.chart ?? '', c.snapshot]), width));
    }
    if (f.superseded > 0) out.push(w.superseded(f.superseded));
    out.push(w.events(f.events, report.dryRun));
  }
  return out.join('\n').trimStart();
}
