/**
 * The CLI's commands: what each accepts (for --help and strict parsing) and what it does.
 * Read commands go through the HTTP API (a server with --url, or the in-process app of local
 * mode); import and rebuild work on the local store; verify does either. The store, the app
 * and the seeds are imported only when a command runs, so --help and usage errors answer fast.
 */
import { writeFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-errors.ts';
import type { ConnectOptions, Session } from './connect.ts';
import type { ExportFormat } from './http-client.ts';
import type { Messages } from './messages.ts';
import { readViews, str, type OptionValues, type ReadView } from './read-views.ts';
import { terminalWidth } from './table.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandRun {
  values: OptionValues;
  positionals: string[];
  /** Text for people or scripts. */
  out(text: string): void;
  /** Bytes as they are (an export: a CSV keeps its byte order mark). */
  outBytes(bytes: Uint8Array): void;
  /** Whether stdout is a terminal (a binary export is refused there). */
  stdoutIsTerminal: boolean;
  m: Messages;
}

export interface CommandSpec {
  name: string;
  usage: string;
  options: Options;
  /** Names of the positional arguments, required ones first; a trailing `?` marks an optional one. */
  positionals: string[];
  /** Resolves to the exit code. */
  run(run: CommandRun): Promise<number>;
}

const connectOptions = (values: OptionValues, m: Messages): ConnectOptions => ({ url: str(values, 'url'), token: str(values, 'token'), dataDir: str(values, 'data-dir'), m });

async function connect(values: OptionValues, m: Messages): Promise<Session> {
  return (await import('./connect.ts')).connect(connectOptions(values, m));
}

const cutOptions: Options = { at: { type: 'string' }, 'as-known-at': { type: 'string' } };

/** `--sep ';'` (or `semicolon`) and `--sep ','` (or `comma`), as the API's sep values. */
function separatorOf(values: OptionValues, m: Messages, command: string): 'comma' | 'semicolon' | undefined {
  const sep = str(values, 'sep');
  if (sep === undefined) return undefined;
  if (sep === ';' || sep === 'semicolon') return 'semicolon';
  if (sep === ',' || sep === 'comma') return 'comma';
  throw new UsageError(m.sepChoice, command);
}

async function showView(view: ReadView, { values, positionals: [org, ...extra], out, outBytes, m }: CommandRun): Promise<number> {
  const request = view.request(org ?? '', values, extra, m);
  if (values['csv'] === true && !view.exportable) throw new UsageError(m.noExport(view.name), view.name);
  const sep = separatorOf(values, m, view.name);
  if (sep !== undefined && values['csv'] !== true) throw new UsageError(m.sepNeedsCsv, view.name);
  return withSession(values, m, async ({ api }) => {
    if (values['csv'] === true) outBytes((await api.getExport(request.path, request, 'csv', sep)).bytes);
    else if (values['json'] === true) out(`${JSON.stringify(await api.getJson(request.path, request), null, 2)}\n`);
    else out(`${view.render(org ?? '', await api.getJson(request.path, request), { m, width: terminalWidth(values['wide'] === true) }, values)}\n`);
    return 0;
  });
}

function viewCommand(view: ReadView, usage: string, options: Options, positionals = ['org']): CommandSpec {
  const exportOptions: Options = view.exportable ? { sep: { type: 'string' } } : {};
  return { name: view.name, usage, options: { ...options, ...exportOptions }, positionals, run: (run) => showView(view, run) };
}

function localOnly(command: string, values: OptionValues, m: Messages): void {
  if (values['url'] !== undefined) throw new UsageError(m.localOnly(command), command);
}

const EXPORT_FORMATS: ExportFormat[] = ['csv', 'xlsx', 'json'];

export const commands: CommandSpec[] = [
  viewCommand(readViews['orgs']!, 'orgs [--as-known-at DATE|INSTANT]', { 'as-known-at': { type: 'string' } }, []),
  viewCommand(readViews['org-chart']!, 'org-chart <org> [--at DATE] [--as-known-at DATE|INSTANT] [--wide]', cutOptions),
  viewCommand(readViews['pdo']!, 'pdo <org> [--year YYYY] [--unit ID] [--at DATE] [--as-known-at DATE|INSTANT]', {
    ...cutOptions,
    year: { type: 'string' },
    unit: { type: 'string' },
  }),
  viewCommand(readViews['diff']!, 'diff <org> --from DATE --to DATE [--pdo [--year YYYY]] [--as-known-at DATE|INSTANT]', {
    from: { type: 'string' },
    to: { type: 'string' },
    pdo: { type: 'boolean' },
    year: { type: 'string' },
    'as-known-at': { type: 'string' },
  }),
  viewCommand(readViews['history']!, 'history <org> (--unit ID | --objective ID) [--as-known-at DATE|INSTANT]', {
    unit: { type: 'string' },
    objective: { type: 'string' },
    'as-known-at': { type: 'string' },
  }),
  viewCommand(readViews['acts']!, 'acts <org> [ACT-ID] [--as-known-at DATE|INSTANT]', { 'as-known-at': { type: 'string' } }, ['org', 'act?']),
  {
    name: 'export',
    usage:
      "export <org> <org-chart|pdo|history|diff> [--format csv|xlsx|json] [--sep ';'] [--out FILE] [view options: --at --as-known-at --year --unit --objective --from --to --pdo]",
    options: {
      ...cutOptions,
      year: { type: 'string' },
      unit: { type: 'string' },
      objective: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      pdo: { type: 'boolean' },
      format: { type: 'string' },
      sep: { type: 'string' },
      out: { type: 'string' },
    },
    positionals: ['org', 'view'],
    async run({ values, positionals: [org, viewName], outBytes, stdoutIsTerminal, m }) {
      const view = readViews[viewName!];
      if (!view?.exportable) throw new UsageError(m.unknownView(viewName ?? ''), 'export');
      const format = EXPORT_FORMATS.find((f) => f === (str(values, 'format') ?? 'csv'));
      if (format === undefined) throw new UsageError(m.formatChoice, 'export');
      const sep = separatorOf(values, m, 'export');
      if (sep !== undefined && format !== 'csv') throw new UsageError(m.sepNeedsCsv, 'export');
      const file = str(values, 'out');
      if (file === undefined && format === 'xlsx' && stdoutIsTerminal) throw new UsageError(m.binaryToTerminal, 'export');
      const request = view.request(org!, values, [], m);
      return withSession(values, m, async ({ api }) => {
        const { bytes, headers } = await api.getExport(request.path, request, format, sep);
        if (file === undefined) outBytes(bytes);
        else {
          writeFileSync(file, bytes);
          process.stderr.write(`${m.wrote(file, headers.get('x-orgtrail-basis') ?? '?')}\n`);
        }
        return 0;
      });
    },
  },
  {
    name: 'verify',
    usage: 'verify',
    options: {},
    positionals: [],
    async run({ values, out, m }) {
      const options = connectOptions(values, m);
      const { describeVerification, verifyLocal, verifyRemote } = await import('./verify-command.ts');
      const result = options.url !== undefined ? await withSession(values, m, (session) => verifyRemote(session.api)) : await verifyLocal(options.dataDir, m);
      out(values['json'] === true ? `${JSON.stringify(result, null, 2)}\n` : `${describeVerification(result, m)}\n`);
      return result.intact ? 0 : 1;
    },
  },
  {
    name: 'import',
    usage: 'import | import pdo <file> --org ORG [--plan ID] [--dry-run] [--create-units] | import snapshot <files…> --org ORG [--dry-run] [--date YYYY-MM-DD] [--ipa CODE]',
    options: { org: { type: 'string' }, plan: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'create-units': { type: 'boolean' }, date: { type: 'string' }, ipa: { type: 'string' } },
    positionals: ['what?', 'file?', 'files...'],
    async run(run) {
      const { values, positionals, out, m } = run;
      if (positionals[0] === 'pdo') return importPdo(run);
      if (positionals[0] === 'snapshot') return importSnapshot(run);
      if (positionals.length > 0) throw new UsageError(m.unexpected(positionals[0]!), 'import');
      localOnly('import', values, m);
      const summary = await (await import('./local-commands.ts')).importLocal(str(values, 'data-dir'), m);
      out(values['json'] === true ? `${JSON.stringify(summary, null, 2)}\n` : `${m.imported(summary.commandsIssued, summary.commandsSkipped, summary.position)}\n`);
      return 0;
    },
  },
  {
    name: 'rebuild',
    usage: 'rebuild',
    options: {},
    positionals: [],
    async run({ values, out, m }) {
      localOnly('rebuild', values, m);
      const s = await (await import('./local-commands.ts')).rebuildLocal(str(values, 'data-dir'), m);
      out(values['json'] === true ? `${JSON.stringify(s, null, 2)}\n` : `${m.rebuilt(s.events, s.seconds.toFixed(2), s.eventsPerSecond, s.orgs, s.position)}\n`);
      return 0;
    },
  },
];

/** `import pdo <file>`: the plan table through POST /orgs/:org/plans (docs/import.md, "Plan tables"). */
async function importPdo({ values, positionals: [, file], out, m }: CommandRun): Promise<number> {
  const orgId = str(values, 'org');
  if (file === undefined) throw new UsageError(m.missing('file'), 'import');
  if (orgId === undefined) throw new UsageError(m.missing('--org'), 'import');
  const { planImportMessages, renderPlanImport, sendPlanTable } = await import('./plan-import-view.ts');
  const args = { file, orgId, plan: str(values, 'plan'), dryRun: values['dry-run'] === true, createUnits: values['create-units'] === true };
  return withSession(values, m, async ({ api }) => {
    const result = await sendPlanTable(api, args, planImportMessages(m.lang).fileMissing);
    out(values['json'] === true ? `${JSON.stringify(result, null, 2)}\n` : `${renderPlanImport(result, m.lang, terminalWidth(values['wide'] === true))}\n`);
    return result.problems.length > 0 ? 1 : 0;
  });
}

/** `import snapshot <files…>`: snapshot files of one org (docs/import.md, "Snapshots"). */
async function importSnapshot({ values, positionals: [, ...files], out, m }: CommandRun): Promise<number> {
  const orgId = str(values, 'org');
  if (files.length === 0) throw new UsageError(m.missing('files'), 'import');
  if (orgId === undefined) throw new UsageError(m.missing('--org'), 'import');
  const date = str(values, 'date');
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(m.badOptions(`--date ${date}: YYYY-MM-DD`), 'import');
  const { renderSnapshotImport, runSnapshotImport } = await import('./snapshot-import-view.ts');
  return withSession(values, m, async (session) => {
    const outcome = await runSnapshotImport(session, { files, orgId, date, ipa: str(values, 'ipa'), dryRun: values['dry-run'] === true }, m.lang);
    const json = outcome.ok ? outcome.report : { code: 'malformed_snapshot', detail: outcome.detail, problems: outcome.problems };
    out(values['json'] === true ? `${JSON.stringify(json, null, 2)}\n` : `${renderSnapshotImport(outcome, m.lang, terminalWidth(values['wide'] === true))}\n`);
    return outcome.ok ? 0 : 1;
  });
}

async function withSession<T>(values: OptionValues, m: Messages, use: (session: Session) => Promise<T>): Promise<T> {
  const session = await connect(values, m);
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}
