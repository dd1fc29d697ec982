/** What "changes nothing" is checked against in the start-up refusal tests. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Name, size and SHA-256 of every file under dir: what "changes nothing" is checked against. */
export function snapshotDir(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  if (!statSync(dir).isDirectory()) return { '': createHash('sha256').update(readFileSync(dir)).digest('hex') };
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, `${statSync(join(dir, name)).size}:${createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')}`]));
}

