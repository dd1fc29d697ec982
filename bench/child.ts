/**
 * Child processes of the benchmark, run with the same TypeScript loader as the parent
 * (tsx's flags are in process.execArgv) and talked to over IPC.
 *
 * Why children: the cold rebuild runs in a fresh process, as a restart does, so its time
 * includes a cold JIT and its RSS is that of the read models alone; the HTTP clients run in
 * their own process (the other core), so they do not steal the server's event loop.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildHandle {
  process: ChildProcess;
  /** Sends a message and resolves with the child's next reply. */
  request<T>(message: unknown): Promise<T>;
  close(): Promise<void>;
}

export function startChild(script: string, args: string[] = [], nodeArgs: string[] = []): ChildHandle {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: [...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size') && !a.startsWith('--cpu-prof')), ...nodeArgs],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    request<T>(message: unknown): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const onMessage = (reply: unknown) => {
          cleanup();
          const r = reply as { error?: string };
          if (r && typeof r === 'object' && typeof r.error === 'string') reject(new Error(`${script}: ${r.error}`));
          else resolve(reply as T);
        };
        const onExit = (code: number | null) => {
          cleanup();
          reject(new Error(`${script} exited with code ${code} before replying`));
        };
        const cleanup = () => {
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send(message as object);
      });
    },
    async close() {
      if (child.exitCode === null && child.connected) child.disconnect();
      await exited;
    },
  };
}

/**
 * Re-runs the calling script (`scriptUrl`: its import.meta.url) in a new Node process with
 * these flags added to its own (tsx's loader flags are kept), and exits with its status;
 * returns at once in the re-run itself. For V8 flags, which must be given at start-up: the
 * service's (src/service-node-flags.ts), --expose-gc, a larger heap.
 */
export function respawnWithFlags(scriptUrl: string, flags: readonly string[]): void {
  if (process.env.ORGTRAIL_BENCH_RESPAWNED) return;
  const result = spawnSync(process.execPath, [...process.execArgv, ...flags, fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ORGTRAIL_BENCH_RESPAWNED: '1' },
  });
  process.exit(result.status ?? 1);
}

/** In a child: answers each request with handler(request), or `{error}` when it throws. */
export function serveParent(handler: (message: unknown) => Promise<unknown>): void {
  process.on('message', (message: unknown) => {
    handler(message).then(
      (reply) => process.send?.(reply as object),
      (error: unknown) => process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
