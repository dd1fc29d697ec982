/**
 * One set of V8 flags for the service: `npm start` passes exactly SERVICE_NODE_FLAGS, the list
 * the benchmark and the tests that start the real service use, so that what is measured is
 * what runs and the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingServiceNodeFlags, SERVICE_NODE_FLAGS } from '../../src/service-node-flags.ts';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

describe('service node flags', () => {
  it('given package.json, then the start script runs src/main.ts with exactly SERVICE_NODE_FLAGS', () => {
    const words = packageJson.scripts.start!.split(/\s+/);

    expect(words[0]).toBe('tsx');
    expect(words.at(-1)).toBe('src/main.ts');
    expect(words.slice(1, -1)).toEqual([...SERVICE_NODE_FLAGS]);
  });

  it('given the list, then every entry is a V8/Node option (a flag, not a script or a value on its own)', () => {
    expect(SERVICE_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVICE_NODE_FLAGS) expect(flag).toMatch(/^--[a-z][a-z0-9-]*(=\S+)?$/);
  });
});

describe('missingServiceNodeFlags', () => {
  it('given a process started as npm start starts it, then nothing is missing', () => {
    expect(missingServiceNodeFlags(['--require', 'preflight.cjs', ...SERVICE_NODE_FLAGS], undefined)).toEqual([]);
  });

  it('given the flags in NODE_OPTIONS instead, then nothing is missing', () => {
    expect(missingServiceNodeFlags([], ` --trace-warnings ${SERVICE_NODE_FLAGS.join(' ')} `)).toEqual([]);
  });

  it('given a plain `node src/main.ts`, then every flag is named', () => {
    expect(missingServiceNodeFlags(['--import', 'tsx'], '')).toEqual([...SERVICE_NODE_FLAGS]);
  });

  it('given the same flag with another value, then it counts as missing', () => {
    const other = SERVICE_NODE_FLAGS.map((flag) => flag.replace(/=.*$/, '=1'));
    expect(missingServiceNodeFlags(other, undefined)).toEqual([...SERVICE_NODE_FLAGS]);
  });
});
