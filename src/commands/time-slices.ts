/**
 * Cuts a long synchronous computation into slices: `yieldIfDue` returns at once within a slice
 * and, once the slice has run `sliceMs`, waits for the event loop to serve what is pending
 * (timers, I/O, other requests) before the next one starts.
 */
import { setImmediate } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

export class TimeSlices {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number) {}

  async yieldIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart >= this.sliceMs) await this.yieldNow();
  }

  async yieldNow(): Promise<void> {
    await setImmediate();
    this.sliceStart = performance.now();
  }
}
