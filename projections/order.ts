import type { EventRef } from './views.ts';

/** History order everywhere: effective date (valid time), then global position (system time). */
export function byEffectiveDate<T extends Pick<EventRef, 'effectiveFrom' | 'position'>>(events: T[]): T[] {
  return events.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.position - b.position));
}
