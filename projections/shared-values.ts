/**
 * One shared copy of the values that repeat across a million events (principals, acts):
 * every event read from the store brings fresh copies of them, and the read models keep one
 * ref per event. An act is shared only with an act of equal content (same id, kind, title,
 * date and url), so a ref always shows its own event's act.
 */
import type { ActRef } from '../src/commands/command-types.ts';

export class SharedValues {
  private readonly strings = new Map<string, string>();
  private readonly acts = new Map<string, ActRef>();

  /** The last string shared: consecutive events mostly repeat it (one commit, one principal). */
  private lastString = '';

  string(value: string): string {
    if (value === this.lastString) return this.lastString;
    const shared = this.strings.get(value);
    if (shared !== undefined) return (this.lastString = shared);
    this.strings.set(value, value);
    return (this.lastString = value);
  }

  act(act: ActRef | null): ActRef | null {
    if (act === null) return null;
    const shared = this.acts.get(act.id);
    if (shared !== undefined && shared.kind === act.kind && shared.title === act.title && shared.date === act.date && shared.url === act.url) return shared;
    this.acts.set(act.id, act);
    return act;
  }
}
