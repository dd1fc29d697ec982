/** The process entry of the CLI (imported by bin/orgtrail.mjs): runs argv and sets the exit code. */
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2));
