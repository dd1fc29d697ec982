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
import { readViews, str, type OptionValues, type ReadView } from './read-views.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandRun {
  values: OptionValues;
  positionals: string[];
  out(text: string): void;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  /** Names of the positional arguments, required ones first; a trailing `?` marks an optional one. */
  positionals: string[];
  /** Resolves to the exit code. */
  run(run: CommandRun): Promise<number>;
}

const connectOptions = (values: OptionValues): ConnectOptions => ({ url: str(values, 'url'), token: str(values, 'token'), dataDir: str(values, 'data-dir') });

async function connect(values: OptionValues): Promise<Session> {
  return (await import('./connect.ts')).connect(connectOptions(values));
}

const cutOptions: Options = { at: { type: 'string' }, 'as-known-at': { type: 'string' } };

async function showView(view: ReadView, { values, positionals: [org, ...extra], out }: CommandRun): Promise<number> {
  const { path, query } = view.request(org!, values, extra);
  if (values['csv'] === true && !view.exportable) throw new UsageError(`${view.name} has no CSV export`, view.name);
  return withSession(values, async ({ api }) => {
    if (values['csv'] === true) out((await api.getExport(path, query, 'csv')).text);
    else if (values['json'] === true) out(`${JSON.stringify(await api.getJson(path, query), null, 2)}\n`);
    else out(`${view.render(org!, await api.getJson(path, query))}\n`);
    return 0;
  });
}

function viewCommand(view: ReadView, summary: string, usage: string, options: Options, positionals = ['org']): CommandSpec {
  return { name: view.name, summary, usage, options, positionals, run: (run) => showView(view, run) };
}

function localOnly(command: string, values: OptionValues): void {
  if (values['url'] !== undefined) throw new UsageError(`${command} works on the local store only: omit --url (and stop a server using the same data directory)`, command);
}

export const commands: CommandSpec[] = [
  viewCommand(readViews['org-chart']!, 'the org chart on a date, as known at an instant', 'org-chart <org> [--at DATE] [--as-known-at INSTANT]', cutOptions),
  viewCommand(readViews['pdo']!, 'the PDO of a plan year on a date', 'pdo <org> [--year YYYY] [--unit ID] [--at DATE] [--as-known-at INSTANT]', {
    ...cutOptions,
    year: { type: 'string' },
    unit: { type: 'string' },
  }),
  viewCommand(readViews['diff']!, 'what changed between two dates (org chart, or the PDO with --pdo)', 'diff <org> --from DATE --to DATE [--pdo [--year YYYY]] [--as-known-at INSTANT]', {
    from: { type: 'string' },
    to: { type: 'string' },
    pdo: { type: 'boolean' },
    year: { type: 'string' },
    'as-known-at': { type: 'string' },
  }),
  viewCommand(readViews['history']!, 'every change of a unit or of an objective', 'history <org> (--unit ID | --objective ID) [--as-known-at INSTANT]', {
    unit: { type: 'string' },
    objective: { type: 'string' },
    'as-known-at': { type: 'string' },
  }),
  viewCommand(readViews['acts']!, 'the acts of an org, or what one act did', 'acts <org> [ACT-ID] [--as-known-at INSTANT]', { 'as-known-at': { type: 'string' } }, ['org', 'act?']),
  {
    name: 'export',
    summary: 'a view as a CSV (default) or JSON file, with its basis',
    usage: 'export <org> <org-chart|pdo|history|diff> [--format csv|json] [--out FILE] [view options: --at --as-known-at --year --unit --objective --from --to --pdo]',
    options: { ...cutOptions, year: { type: 'string' }, unit: { type: 'string' }, objective: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, pdo: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
    positionals: ['org', 'view'],
    async run({ values, positionals: [org, viewName], out }) {
      const view = readViews[viewName!];
      if (!view?.exportable) throw new UsageError(`unknown view ${viewName}: choose org-chart, pdo, history or diff`, 'export');
      const format = str(values, 'format') ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json', 'export');
      const { path, query } = view.request(org!, values, []);
      return withSession(values, async ({ api }) => {
        const { text, headers } = await api.getExport(path, query, format);
        const file = str(values, 'out');
        if (file === undefined) out(text);
        else {
          writeFileSync(file, text);
          process.stderr.write(`wrote ${file} (${headers.get('x-orgtrail-basis') ?? 'basis unknown'})\n`);
        }
        return 0;
      });
    },
  },
  {
    name: 'verify',
    summary: 'check that the log is intact (hash chain and checkpoints); exit 1 if not',
    usage: 'verify',
    options: {},
    positionals: [],
    async run({ values, out }) {
      const options = connectOptions(values);
      const { describeVerification, verifyLocal, verifyRemote } = await import('./verify-command.ts');
      const result = options.url !== undefined ? await withSession(values, (session) => verifyRemote(session.api)) : await verifyLocal(options.dataDir);
      out(values['json'] === true ? `${JSON.stringify(result, null, 2)}\n` : `${describeVerification(result)}\n`);
      return result.intact ? 0 : 1;
    },
  },
  {
    name: 'import',
    summary: 'import the seed documents into the local store (idempotent)',
    usage: 'import',
    options: {},
    positionals: [],
    async run({ values, out }) {
      localOnly('import', values);
      const summary = await (await import('./local-commands.ts')).importLocal(str(values, 'data-dir'));
      out(values['json'] === true ? `${JSON.stringify(summary, null, 2)}\n` : `imported ${summary.commandsIssued} commands, ${summary.commandsSkipped} already present; log at position ${summary.position}\n`);
      return 0;
    },
  },
  {
    name: 'rebuild',
    summary: 'rebuild the read models from the whole log and time it',
    usage: 'rebuild',
    options: {},
    positionals: [],
    async run({ values, out }) {
      localOnly('rebuild', values);
      const s = await (await import('./local-commands.ts')).rebuildLocal(str(values, 'data-dir'));
      out(
        values['json'] === true
          ? `${JSON.stringify(s, null, 2)}\n`
          : `rebuilt the read models from ${s.events} events in ${s.seconds.toFixed(2)} s (${s.eventsPerSecond} events/s): ${s.orgs} orgs, position ${s.position}\n`,
      );
      return 0;
    },
  },
];

async function withSession<T>(values: OptionValues, use: (session: Session) => Promise<T>): Promise<T> {
  const session = await connect(values);
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}
