/**
 * Runs the real service (`node <SERVICE_NODE_FLAGS> --import tsx src/main.ts`, as `npm start` does) in a child
 * process on an ephemeral port of 127.0.0.1 over an embedded data directory, so that tests can
 * kill it (SIGKILL), stop it (SIGTERM) or start a second one on the same directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVICE_NODE_FLAGS } from '../../src/service-node-flags.ts';
import { TEST_ADMIN_TOKEN } from '../support/start-test-app.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildServer {
  url: string;
  adminToken: string;
  process: ChildProcess;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  exited: Promise<ChildExit>;
}

/** Spawns the service; `started` resolves with the URL it printed, or rejects with its output if it exits first. */
export function spawnServer(dataDir: string, env: Record<string, string> = {}): { started: Promise<ChildServer>; exited: Promise<ChildExit>; output(): { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ORGTRAIL_DATA_DIR: dataDir, ORGTRAIL_SEED: 'none', ORGTRAIL_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const output = () => ({ stdout, stderr });
  const exited = new Promise<ChildExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = new Promise<ChildServer>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start within ${START_TIMEOUT_MS} ms:\n${stdout}\n${stderr}`)), START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, adminToken: TEST_ADMIN_TOKEN, process: child, output, exited });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (code ${code}, signal ${signal}) before listening:\n${stdout}\n${stderr}`));
    });
  });
  return { started, exited, output };
}

export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  return spawnServer(dataDir, env).started;
}

/** Sends the signal and resolves once the process has exited. */
export async function stopServer(server: ChildServer, signal: NodeJS.Signals): Promise<ChildExit> {
  if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill(signal);
  return server.exited;
}
