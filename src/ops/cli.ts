/**
 * Operations on the embedded store of ORGTRAIL_DATA_DIR:
 *   npm run backup -- <file>    online backup, safe while orgtrail serves and appends
 *   npm run restore -- <file>   verified restore; refuses while an orgtrail uses the directory
 * Prints one line of result; a refusal prints its reason (no stack) and exits 1.
 */
import { ConfigError, parseConfig } from '../config.ts';
import { DataDirLockedError } from '../store/embedded/data-dir-lock.ts';
import { backupDataDir, BackupError } from './backup.ts';
import { restoreDataDir } from './restore.ts';

const USAGE = 'usage: cli.ts backup|restore <file>   (the data directory is ORGTRAIL_DATA_DIR, default ./data)';

async function run(args: string[]): Promise<string> {
  const [operation, file] = args;
  if ((operation !== 'backup' && operation !== 'restore') || !file) throw new BackupError(USAGE);
  const { dataDir } = parseConfig(process.env);
  if (operation === 'backup') {
    const { eventCount, headPosition } = await backupDataDir(dataDir, file);
    return `backup of ${dataDir} written to ${file}: ${eventCount} events, up to position ${headPosition}`;
  }
  const { eventCount, headPosition, replacedFile } = await restoreDataDir(dataDir, file);
  return `restored ${file} into ${dataDir}: ${eventCount} events, up to position ${headPosition}, log verified` + (replacedFile ? `; the previous store was kept as ${replacedFile}` : '');
}

run(process.argv.slice(2)).then(
  (line) => process.stdout.write(`${line}\n`),
  (error: unknown) => {
    const known = error instanceof BackupError || error instanceof DataDirLockedError || error instanceof ConfigError;
    process.stderr.write(`orgtrail ${process.argv[2] ?? ''}: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
