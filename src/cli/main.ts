/**
 * `orgtrail <command> [options]`: parses the command line strictly (an unknown option or a
 * missing argument is a usage error, exit 2), runs the command, and maps failures to exit 1
 * with a one-paragraph message on stderr. Human output and messages are Italian unless
 * `--lang en` (or ORGTRAIL_LANG=en); `--json` output keeps the API's English keys. Started by
 * bin/orgtrail.mjs through tsx.
 */
import { parseArgs } from 'node:util';
import { CliFailure, UsageError } from './cli-errors.ts';
import { commands, type CommandSpec, type Options } from './commands.ts';
import { LANGS, messagesFor, type Lang, type Messages } from './messages.ts';
import type { OptionValues } from './read-views.ts';

const globalOptions: Options = {
  url: { type: 'string' },
  token: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  wide: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function mainHelp(m: Messages): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${m.usage}: orgtrail <command> [options]`,
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${m.summaries[c.name] ?? ''}`),
    '',
    m.globalHelp,
    '',
    m.exitCodes,
    m.commandHelpHint,
  ].join('\n');
}

export function commandHelp(command: CommandSpec, m: Messages): string {
  return [`${m.usage}: orgtrail ${command.usage}`, '', `${m.summaries[command.name] ?? ''}.`, '', m.globalHelp].join('\n');
}

/** `--lang` anywhere on the line (read before parsing, so that usage errors are in that language too), else ORGTRAIL_LANG, else Italian. */
function languageOf(argv: string[], env: NodeJS.ProcessEnv): { lang: Lang; invalid: boolean } {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const asked = index < 0 ? env['ORGTRAIL_LANG'] : argv[index]!.includes('=') ? argv[index]!.slice('--lang='.length) : argv[index + 1];
  const lang = LANGS.find((candidate) => candidate === asked);
  return { lang: lang ?? 'it', invalid: asked !== undefined && lang === undefined };
}

export interface CliIo {
  out(text: string): void;
  outBytes(bytes: Uint8Array): void;
  stdoutIsTerminal: boolean;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  outBytes: (bytes) => process.stdout.write(bytes),
  stdoutIsTerminal: process.stdout.isTTY === true,
};

/** Runs one command line; resolves to the exit code. Output goes through `io`, diagnostics to stderr. */
export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { lang, invalid } = languageOf(argv, env);
  const m = messagesFor(lang);
  const [name, ...rest] = argv;
  const helpFor = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
  if (helpFor) {
    io.out(`${commandHelp(helpFor, m)}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(`${mainHelp(m)}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(m.unknownCommand(name));
    if (invalid) throw new UsageError(m.langChoice, command.name);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...globalOptions, ...command.options }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(m.badOptions(error instanceof Error ? error.message : String(error)), command.name);
    }
    if (parsed.values['help'] === true) {
      io.out(`${commandHelp(command, m)}\n`);
      return 0;
    }
    const required = command.positionals.filter((p) => !p.endsWith('?') && !p.endsWith('...'));
    if (parsed.positionals.length < required.length) throw new UsageError(m.missing(required.slice(parsed.positionals.length).join(', ')), command.name);
    // A last positional named `name...` takes any number of arguments.
    if (!command.positionals.at(-1)?.endsWith('...') && parsed.positionals.length > command.positionals.length) throw new UsageError(m.unexpected(parsed.positionals[command.positionals.length]!), command.name);
    if (parsed.values['json'] === true && parsed.values['csv'] === true) throw new UsageError(m.jsonOrCsv, command.name);
    // No option is declared `multiple`, so every value is a string or a boolean.
    return await command.run({ values: parsed.values as OptionValues, positionals: parsed.positionals, ...io, m });
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = error.command ? `${m.usage}: orgtrail ${commands.find((c) => c.name === error.command)?.usage}` : m.runHelp;
      process.stderr.write(`orgtrail: ${error.message}\n${usage}\n`);
      return error.exitCode;
    }
    process.stderr.write(`orgtrail: ${error instanceof CliFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
