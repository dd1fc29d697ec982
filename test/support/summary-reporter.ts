/**
 * Prints the plain closing line CI reads ("N passed, N failed, N skipped"), and the reason
 * of every skipped test, so that no skip is silent.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skips: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        const state = result.state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          // A test that skips itself at run time (context.skip(note)) gives its reason as the note.
          const note = 'note' in result && typeof result.note === 'string' ? ` — ${result.note}` : '';
          skips.push(`  skipped: ${test.fullName}${test.options.mode === 'skip' ? '' : ` (${state})`}${note}`);
        }
      }
      if (module.state() === 'failed' && module.children.size === 0) failed++;
    }
    if (skips.length > 0) process.stdout.write(`\n${skips.join('\n')}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
