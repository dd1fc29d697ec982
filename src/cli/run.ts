/** The process entry of the CLI (imported by bin/orgtrail.mjs): runs argv and sets the exit code. */
import { runCli } from './main.ts';

// A reader that stops early (`orgtrail pdo … | head`) closes the pipe: that ends the output, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2));
