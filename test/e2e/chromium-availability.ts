/**
 * Where the e2e tests find a headless Chromium: CHROMIUM_PATH if set, else the first of the
 * usual executables on PATH (Debian's `chromium`), driven by playwright-core; else nowhere,
 * with the reason, so that the suite is skipped and says why instead of failing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

/** Headless, and no traffic beyond the page's own origin (no component updates, no safe browsing). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export type ChromiumAvailability = { executablePath: string; launch(): Promise<Browser> } | { skipReason: string };

export async function detectChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumAvailability> {
  const executablePath = env.CHROMIUM_PATH?.trim() || CANDIDATES.map(onPath).find((path) => path !== undefined);
  if (!executablePath) return { skipReason: `no Chromium found (tried CHROMIUM_PATH and ${CANDIDATES.join(', ')} on PATH; on Debian: apt-get install chromium)` };
  if (!existsSync(executablePath)) return { skipReason: `CHROMIUM_PATH ${executablePath} does not exist` };
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    return { skipReason: `playwright-core is not installed (${error instanceof Error ? error.message : String(error)})` };
  }
  return { executablePath, launch: () => chromium.launch({ executablePath, args: CHROMIUM_ARGS }) };
}

function onPath(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
