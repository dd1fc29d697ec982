/**
 * `orgtrail import pdo`: sends the plan table to POST /orgs/:org/plans (the server of --url, or
 * the in-process app of local mode) and shows its report for people: the plan, the directorates
 * matched or not, the revisions as before → after, the objectives the plan omits, what was (or,
 * in a dry run, would be) appended. Italian by default, English with --lang en.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PlanImportResult } from '../import/plan/import-plan-table.ts';
import { CliFailure } from './cli-errors.ts';
import type { CliApi } from './http-client.ts';
import type { Lang } from './messages.ts';
import { renderTable } from './table.ts';

export interface PlanImportArgs {
  file: string;
  orgId: string;
  plan?: string;
  dryRun: boolean;
  createUnits: boolean;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function sendPlanTable(api: CliApi, args: PlanImportArgs, notFound: (file: string) => string): Promise<PlanImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(args.file);
  } catch {
    throw new CliFailure(notFound(args.file));
  }
  const query = {
    file: basename(args.file),
    ...(args.plan !== undefined ? { plan: args.plan } : {}),
    ...(args.dryRun ? { dryRun: 'true' } : {}),
    ...(args.createUnits ? { createUnits: 'true' } : {}),
  };
  const contentType = /\.xlsx$/i.test(args.file) ? XLSX_TYPE : 'text/csv';
  return api.postFile(`/orgs/${encodeURIComponent(args.orgId)}/plans`, { query, flags: { plan: '--plan', createUnits: '--create-units', dryRun: '--dry-run' } }, bytes, contentType);
}

const words = {
  it: {
    fileMissing: (file: string) => `file non trovato o illeggibile: ${file}`,
    plan: (r: PlanImportResult) => `Piano ${r.plan.name} (fonte ${r.plan.sourceId}${r.plan.registered ? ', già registrata' : ''}), anni ${r.plan.years.join(', ')}, da ${r.file}, ente ${r.orgId}`,
    dryRun: 'Prova (--dry-run): nulla è stato registrato.',
    directorates: 'Direzioni',
    directorate: 'direzione nel file',
    unit: 'unità',
    status: { matched: 'trovata', unmatched: 'non trovata: --create-units per istituirla', created: 'istituita come attestata dal piano' },
    lines: 'righe',
    defined: (n: number) => `Obiettivi nuovi: ${n}`,
    revisions: 'Revisioni rispetto al piano precedente (prima → dopo)',
    objective: 'obiettivo',
    year: 'anno',
    change: 'prima → dopo',
    none: '(nessuno)',
    punctuation: ' [solo punteggiatura]',
    other: (id: string, fields: string[]) => `${id}: cambiano ${fields.join(', ')}`,
    notAttested: (plan: string) => `Obiettivi del piano precedente che il piano omette: non attestati da ${plan} (non ritirati)`,
    attestedBy: 'attestato da',
    unchanged: (n: number) => `Obiettivi invariati: ${n}`,
    commands: (n: number, appended: number, dryRun: boolean) => (dryRun ? `Comandi che l'importazione registrerebbe: ${n}` : `Comandi registrati: ${appended} (su ${n})`),
    problems: 'Problemi (l\'importazione è rifiutata finché restano):',
  },
  en: {
    fileMissing: (file: string) => `file not found or unreadable: ${file}`,
    plan: (r: PlanImportResult) => `Plan ${r.plan.name} (source ${r.plan.sourceId}${r.plan.registered ? ', already registered' : ''}), years ${r.plan.years.join(', ')}, from ${r.file}, org ${r.orgId}`,
    dryRun: 'Dry run (--dry-run): nothing was appended.',
    directorates: 'Directorates',
    directorate: 'directorate in the file',
    unit: 'unit',
    status: { matched: 'matched', unmatched: 'no match: --create-units to establish it', created: 'established as attested by the plan' },
    lines: 'lines',
    defined: (n: number) => `New objectives: ${n}`,
    revisions: 'Revisions against the previous plan (before → after)',
    objective: 'objective',
    year: 'year',
    change: 'before → after',
    none: '(none)',
    punctuation: ' [punctuation only]',
    other: (id: string, fields: string[]) => `${id}: ${fields.join(', ')} change`,
    notAttested: (plan: string) => `Objectives of the previous plan this plan omits: not attested by ${plan} (not withdrawn)`,
    attestedBy: 'attested by',
    unchanged: (n: number) => `Unchanged objectives: ${n}`,
    commands: (n: number, appended: number, dryRun: boolean) => (dryRun ? `Commands the import would append: ${n}` : `Commands appended: ${appended} (of ${n})`),
    problems: 'Problems (the import is refused while they remain):',
  },
} as const;

export function planImportMessages(lang: Lang) {
  return words[lang];
}

export function renderPlanImport(r: PlanImportResult, lang: Lang, width: number): string {
  const w = words[lang];
  const out: string[] = [w.plan(r)];
  if (r.dryRun) out.push(w.dryRun);
  out.push('', `${w.directorates}:`, renderTable([{ header: w.directorate, wrap: true }, { header: w.unit }, { header: '', wrap: true }, { header: w.lines, wrap: true }], r.directorates.map((d) => [d.directorate, d.unitId, w.status[d.status], d.lines.join(', ')]), width));
  out.push('', w.defined(r.objectives.defined.length));
  if (r.objectives.revisions.length > 0) {
    out.push('', `${w.revisions}:`);
    out.push(
      renderTable(
        [{ header: w.objective }, { header: w.year }, { header: w.change, wrap: true, minWidth: 30 }],
        r.objectives.revisions.map((c) => [c.objectiveId, c.year, `${c.before ?? w.none} → ${c.after ?? w.none}${c.punctuationOnly ? w.punctuation : ''}`]),
        width,
      ),
    );
  }
  for (const o of r.objectives.otherChanges) out.push(w.other(o.objectiveId, o.fields));
  if (r.objectives.notAttested.length > 0) {
    out.push('', `${w.notAttested(r.plan.sourceId)}:`);
    out.push(renderTable([{ header: w.objective }, { header: w.unit }, { header: w.year }, { header: w.attestedBy }], r.objectives.notAttested.map((o) => [o.objectiveId, o.unitId, o.years.join(', '), o.attestedBy]), width));
  }
  out.push('', w.unchanged(r.objectives.unchanged.length), w.commands(r.commands.length, r.appended, r.dryRun));
  if (r.problems.length > 0) out.push('', w.problems, ...r.problems.map((p) => `  ${p.field}: ${p.message}`));
  return out.join('\n');
}
