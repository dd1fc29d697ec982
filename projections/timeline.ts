/**
 * A bitemporal timeline of one attribute: versions ordered by (validFrom, position).
 * `valueAt(at, maxPosition)` answers "the value that held on `at`, as known at `maxPosition`":
 * the latest version with validFrom <= at among those visible at maxPosition.
 * That is exactly the fold of the attribute's events in (effective date, position) order,
 * without replaying them: a binary search, then a short scan back over later corrections.
 *
 * A version is visible at maxPosition when it was recorded at or before maxPosition and not
 * retracted at or before it: an annulment recorded at position A retracts the versions of the
 * annulled act (`retractedAt = A`), so answers as known before A are unchanged and answers
 * as known from A on read as if those versions never existed.
 *
 * Valid dates are searched as day keys (`dayKey`, yyyymmdd as a number), so a look-up compares
 * small integers instead of strings; the `…AtDay` methods take a key computed once per query.
 */
import { dayKey } from './day-key.ts';

export interface Version<T> {
  validFrom: string;
  /** `dayKey(validFrom)`. */
  day: number;
  position: number;
  value: T;
  /**
   * Position of the annulment that retracted this version; +Infinity while it stands (always
   * present, so every version has one shape and the look-up stays monomorphic and fast).
   */
  retractedAt: number;
}

export function isVisible(version: { position: number; retractedAt?: number }, maxPosition: number): boolean {
  return version.position <= maxPosition && (version.retractedAt === undefined || version.retractedAt > maxPosition);
}

export class Timeline<T> {
  readonly versions: Version<T>[] = [];

  /** Positions arrive in increasing order; valid dates in any order (retroactive changes). */
  set(validFrom: string, position: number, value: T): void {
    const day = dayKey(validFrom);
    const index = this.upperBound(day);
    this.versions.splice(index, 0, { validFrom, day, position, value, retractedAt: Number.POSITIVE_INFINITY });
  }

  versionAt(at: string, maxPosition: number): Version<T> | undefined {
    return this.versionAtDay(dayKey(at), maxPosition);
  }

  versionAtDay(day: number, maxPosition: number): Version<T> | undefined {
    const versions = this.versions;
    for (let i = this.upperBound(day) - 1; i >= 0; i--) {
      const version = versions[i]!;
      if (version.position <= maxPosition && version.retractedAt > maxPosition) return version;
    }
    return undefined;
  }

  valueAt(at: string, maxPosition: number): T | undefined {
    return this.versionAtDay(dayKey(at), maxPosition)?.value;
  }

  valueAtDay(day: number, maxPosition: number): T | undefined {
    return this.versionAtDay(day, maxPosition)?.value;
  }

  /** Whether a version known at maxPosition takes effect in (after, upTo]: a later change overrides one made on `after`. */
  changedBetween(after: string, upTo: string, maxPosition: number): boolean {
    const afterDay = dayKey(after);
    for (let i = this.upperBound(dayKey(upTo)) - 1; i >= 0; i--) {
      const version = this.versions[i]!;
      if (version.day <= afterDay) return false;
      if (isVisible(version, maxPosition)) return true;
    }
    return false;
  }

  /** Earliest valid date of any version visible at maxPosition. */
  firstValidFrom(maxPosition: number): string | undefined {
    return this.versions.find((v) => isVisible(v, maxPosition))?.validFrom;
  }

  /** The version set by the event at `position`, if that event set this attribute. */
  versionOf(position: number): Version<T> | undefined {
    return this.versions.find((v) => v.position === position);
  }

  /**
   * The version in force just before the event at `position` (effective `validFrom`) in the
   * fold as known at maxPosition: the last visible version ordered before (validFrom, position).
   */
  versionBefore(validFrom: string, position: number, maxPosition: number): Version<T> | undefined {
    const day = dayKey(validFrom);
    for (let i = this.upperBound(day) - 1; i >= 0; i--) {
      const version = this.versions[i]!;
      if (version.day === day && version.position >= position) continue;
      if (isVisible(version, maxPosition)) return version;
    }
    return undefined;
  }

  /** Marks the version set by the event at `position` as retracted from `retractedAt` on. */
  retract(position: number, retractedAt: number): void {
    const version = this.versionOf(position);
    if (version && version.retractedAt === Number.POSITIVE_INFINITY) version.retractedAt = retractedAt;
  }

  /** Index of the first version with day > `day`. */
  private upperBound(day: number): number {
    const versions = this.versions;
    let lo = 0;
    let hi = versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (versions[mid]!.day <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
