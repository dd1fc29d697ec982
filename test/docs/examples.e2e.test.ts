/**
 * Every curl and `npx orgtrail` example of the README and of docs/*.md, run as written against
 * a seeded server (issue 18): given the seed documents served over HTTP (with a checkpoint
 * every 100 events, so that the integrity examples have one) and a second data directory for
 * the CLI's local mode, when each example is run by bash in document order — the server's
 * address put for http://127.0.0.1:3000 and https://orgtrail.example, $API, $AUTH, $TOKEN (an
 * auditor's), $EDITOR_TOKEN and $ORGTRAIL_ADMIN_TOKEN set, `npx orgtrail` being bin/orgtrail.mjs
 * — then each succeeds (exit 0; every HTTP answer 2xx) and shows something: a JSON answer has
 * no empty list where it has lists and not only nulls, a CSV has rows, a file written is not
 * empty, a live stream sends its snapshot, a CLI table does not count 0. An example that
 * breaks fails here, named by its file and line.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted, apiClient } from '../api/api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';
import { guideDocuments, readDocument, repoRoot, shellExamplesOf, type ShellExample } from './markdown-files.ts';

const run = promisify(execFile);
const BIN = join(repoRoot, 'bin/orgtrail.mjs');
const STATUS_MARK = '__HTTP_STATUS__';

function missingTools(): string[] {
  return ['bash', 'curl', 'jq'].filter((tool) => {
    try {
      execFileSync('bash', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

/** curl reports each answer's status on stderr (so that pipes into jq still work); `-N` (a live stream) is cut after 3 s. */
const PRELUDE = `
curl() {
  local extra=()
  for argument in "$@"; do [ "$argument" = -N ] && extra=(--max-time 3); done
  command curl -w '%{stderr}\\n${STATUS_MARK}%{http_code}\\n' "\${extra[@]}" "$@"
}
npx() {
  if [ "$1" = orgtrail ]; then shift; node "$ORGTRAIL_BIN" "$@"; else command npx "$@"; fi
}
`;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function runExample(command: string, cwd: string, env: Record<string, string>): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('bash', ['-c', `${PRELUDE}\n${command}`], { cwd, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Why a JSON answer shows nothing, or undefined when it shows something. */
function emptiness(json: unknown): string | undefined {
  if (json === null) return 'the answer is null';
  if (Array.isArray(json)) return json.length === 0 ? 'the answer is an empty list' : undefined;
  if (typeof json !== 'object') return undefined;
  const values = Object.entries(json as Record<string, unknown>);
  if (values.length > 0 && values.every(([, value]) => value === null)) return 'every field is null';
  const lists = values.filter(([, value]) => Array.isArray(value));
  if (lists.length > 0 && lists.every(([, value]) => (value as unknown[]).length === 0)) return `empty: ${lists.map(([key]) => key).join(', ')}`;
  return undefined;
}

/** Each file of a folder with its size and modification time, to see what an example wrote. */
function filesIn(dir: string): Map<string, { size: number; mtimeMs: number }> {
  return new Map(readdirSync(dir).map((name) => [name, statSync(join(dir, name))]));
}

/** Whether the example did what it shows: [] when it did, else the reasons. */
function check(example: ShellExample, outcome: Outcome, before: ReturnType<typeof filesIn>, after: ReturnType<typeof filesIn>): string[] {
  const problems: string[] = [];
  const statuses = [...outcome.stderr.matchAll(new RegExp(`${STATUS_MARK}(\\d{3})`, 'g'))].map((match) => Number(match[1]));
  const isCurl = example.command.startsWith('curl');
  const isStream = /\s-N\s/.test(example.command);
  const stderr = outcome.stderr.replaceAll(new RegExp(`\\n?${STATUS_MARK}\\d{3}\\n?`, 'g'), '').trim();
  if (outcome.code !== 0 && !(isStream && outcome.code === 28)) problems.push(`exit ${outcome.code}${stderr ? `: ${stderr.slice(0, 300)}` : ''}`);
  if (isCurl && statuses.length === 0) problems.push('no HTTP answer');
  for (const status of statuses) if (status < 200 || status > 299) problems.push(`HTTP ${status}: ${outcome.stdout.slice(0, 300)}`);
  const written = [...after].filter(([name, file]) => before.get(name)?.mtimeMs !== file.mtimeMs);
  const writesFile = /(^|\s)(-[a-zA-Z]*[oO][a-zA-Z]*|--out)(\s|$)/.test(example.command);
  if (writesFile) {
    if (written.length === 0) problems.push('wrote no file');
    for (const [name, file] of written) if (file.size === 0) problems.push(`wrote an empty ${name}`);
    return problems;
  }
  const out = outcome.stdout.trim();
  if (out === '') return [...problems, 'printed nothing'];
  if (example.assigns) return problems;
  if (isStream) {
    if (!/^event: (snapshot|change)$/m.test(out)) problems.push('the stream sent no snapshot or change');
    return problems;
  }
  try {
    const reason = emptiness(JSON.parse(out));
    if (reason) problems.push(reason);
  } catch {
    // Not JSON: from curl a CSV, which needs rows under its header; from the CLI a table, whose first line must not count 0.
    if (isCurl && out.split('\n').filter((line) => line.trim() !== '').length < 2) problems.push(`not JSON, and no rows under a header: ${out.slice(0, 200)}`);
    const counted = /: 0 [a-zàèéìòù]+$/.exec(out.split('\n')[0] ?? '');
    if (!isCurl && counted) problems.push(`shows nothing (${counted[0]})`);
  }
  return problems;
}

const missing = missingTools();
const documents = guideDocuments().map((path) => ({ path, examples: shellExamplesOf(readDocument(path)) }));

describe.skipIf(missing.length > 0)('the examples of the README and docs/', () => {
  let app: TestApp;
  let work: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'orgtrail-examples-'));
    app = await startTestApp({ dataDir: join(work, 'server-data'), env: { ORGTRAIL_SEED: 'auto', ORGTRAIL_CHECKPOINT_EVERY: '100' } });
    const admin = apiClient(app.url, { token: app.adminToken });
    const auditor = await accepted(admin.post('/api/v1/tokens', { name: 'examples-auditor', role: 'auditor' }));
    const editor = await accepted(admin.post('/api/v1/tokens', { name: 'examples-editor', role: 'editor' }));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key, value]) => value !== undefined && !key.startsWith('ORGTRAIL_') && key !== 'ESDB_CONNECTION_STRING')) as Record<string, string>;
    const token = auditor.body.token as string;
    env = {
      ...inherited,
      API: `${app.url}/api/v1`,
      TOKEN: token,
      AUTH: `Authorization: Bearer ${token}`,
      EDITOR_TOKEN: editor.body.token as string,
      ORGTRAIL_ADMIN_TOKEN: app.adminToken,
      ORGTRAIL_DATA_DIR: join(work, 'cli-data'),
      ORGTRAIL_BIN: BIN,
      COLUMNS: '120',
    };
    // The CLI's local mode reads its own data directory: imported first, as docs/cli.md begins.
    const imported = await runExample('npx orgtrail import', work, env);
    if (imported.code !== 0) throw new Error(`orgtrail import failed: ${imported.stderr}`);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('finds the examples: curl and npx orgtrail lines in the README and in docs/', () => {
    const all = documents.flatMap((d) => d.examples);
    expect(all.filter((e) => e.command.startsWith('curl')).length).toBeGreaterThan(30);
    expect(all.filter((e) => e.command.startsWith('npx orgtrail')).length).toBeGreaterThan(15);
  });

  for (const { path, examples } of documents.filter((d) => d.examples.length > 0)) {
    describe(path, () => {
      const captured: Record<string, string> = {};
      let cwd: string;
      beforeAll(() => {
        cwd = join(work, path.replace(/[/.]/g, '-'));
        mkdirSync(cwd, { recursive: true });
        // The sample files the examples read, at the paths the docs give them (from the repository's root).
        cpSync(join(repoRoot, 'docs/samples'), join(cwd, 'docs/samples'), { recursive: true });
      });

      for (const example of examples) {
        it(`line ${example.line}: ${example.command.slice(0, 110)}`, async () => {
          const command = example.command.replaceAll('http://127.0.0.1:3000', app.url).replaceAll('https://orgtrail.example', app.url);
          const before = filesIn(cwd);
          const outcome = await runExample(command, cwd, { ...env, ...captured });
          const problems = check(example, outcome, before, filesIn(cwd));
          if (example.assigns) captured[example.assigns] = outcome.stdout.trim();
          expect(problems, `${path}:${example.line} ${example.command}`).toEqual([]);
        }, 180_000);
      }
    });
  }
});

if (missing.length > 0) {
  process.stderr.write(`examples.e2e: skipped, ${missing.join(', ')} not on PATH\n`);
  describe('the examples of the README and docs/', () => {
    // A run-time skip whose note names the missing tools, so the summary says why nothing ran.
    it('runs every example', (ctx) => ctx.skip(`${missing.join(', ')} not on PATH (the examples are shell commands)`));
  });
}
