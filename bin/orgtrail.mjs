#!/usr/bin/env node
// `npx orgtrail <command>`: registers tsx's ESM loader in this process, then runs the
// TypeScript CLI (src/cli/run.ts) directly, without a build step or a second process.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/run.ts', import.meta.url).href);
