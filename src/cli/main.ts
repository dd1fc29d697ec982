/**
 * `orgtrail <command> [options]`: parses the command line strictly (an unknown option or a
 * missing argument is a usage error, exit 2), runs the command, and maps failures to exit 1
 * with a one-paragraph message on stderr. Started by bin/orgtrail.mjs through tsx.
 */
import { parseArgs } from 'node:util';
import { CliFailure, UsageError } from './cli-errors.ts';
import { commands, type CommandSpec, type Options } from './commands.ts';
import type { OptionValues } from './read-views.ts';

const globalOptions: Options = {
  url: { type: 'string' },
  token: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const GLOBAL_HELP = `Options of every command:
  --url URL         ask a running orgtrail server (default: work on the local store)
  --token TOKEN     bearer token for --url (default: ORGTRAIL_TOKEN); audit commands and exports need an auditor's
  --data-dir DIR    local store folder (default: ORGTRAIL_DATA_DIR, else ./data)
  --json            machine-readable output
  --csv             the CSV export of the view (org-chart, pdo, history, diff)
  -h, --help        this help`;

export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: orgtrail <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    GLOBAL_HELP,
    '',
    'Exit codes: 0 ok, 1 failure (e.g. verify finds the log not intact), 2 usage error.',
    'Run `orgtrail <command> --help` (or `orgtrail help <command>`) for a command\'s options.',
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  return [`Usage: orgtrail ${command.usage}`, '', `${command.summary}.`, '', GLOBAL_HELP].join('\n');
}

/** Runs one command line; resolves to the exit code. Output goes through `out`, diagnostics to stderr. */
export async function runCli(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const [name, ...rest] = argv;
  const helpFor = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
  if (helpFor) {
    out(`${commandHelp(helpFor)}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(`${mainHelp()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command ${name}`);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...globalOptions, ...command.options }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error), command.name);
    }
    if (parsed.values['help'] === true) {
      out(`${commandHelp(command)}\n`);
      return 0;
    }
    const required = command.positionals.filter((p) => !p.endsWith('?'));
    if (parsed.positionals.length < required.length) throw new UsageError(`missing ${required.slice(parsed.positionals.length).join(', ')}`, command.name);
    if (parsed.positionals.length > command.positionals.length) throw new UsageError(`unexpected argument ${parsed.positionals[command.positionals.length]}`, command.name);
    if (parsed.values['json'] === true && parsed.values['csv'] === true) throw new UsageError('choose --json or --csv, not both', command.name);
    // No option is declared `multiple`, so every value is a string or a boolean.
    return await command.run({ values: parsed.values as OptionValues, positionals: parsed.positionals, out });
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = error.command ? `usage: orgtrail ${commands.find((c) => c.name === error.command)?.usage}` : 'run `orgtrail --help` for the commands';
      process.stderr.write(`orgtrail: ${error.message}\n${usage}\n`);
      return error.exitCode;
    }
    process.stderr.write(`orgtrail: ${error instanceof CliFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
