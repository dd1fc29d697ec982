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
 */
export interface Version<T> {
  validFrom: string;
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
    const index = this.upperBound(validFrom);
    this.versions.splice(index, 0, { validFrom, position, value, retractedAt: Number.POSITIVE_INFINITY });
  }

  versionAt(at: string, maxPosition: number): Version<T> | undefined {
    for (let i = this.upperBound(at) - 1; i >= 0; i--) {
      const version = this.versions[i]!;
      if (version.position <= maxPosition && version.retractedAt > maxPosition) return version;
    }
    return undefined;
  }

  valueAt(at: string, maxPosition: number): T | undefined {
    return this.versionAt(at, maxPosition)?.value;
  }

  /** Whether a version known at maxPosition takes effect in (after, upTo]: a later change overrides one made on `after`. */
  changedBetween(after: string, upTo: string, maxPosition: number): boolean {
    for (let i = this.upperBound(upTo) - 1; i >= 0; i--) {
      const version = this.versions[i]!;
      if (version.validFrom <= after) return false;
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
    for (let i = this.upperBound(validFrom) - 1; i >= 0; i--) {
      const version = this.versions[i]!;
      if (version.validFrom === validFrom && version.position >= position) continue;
      if (isVisible(version, maxPosition)) return version;
    }
    return undefined;
  }

  /** Marks the version set by the event at `position` as retracted from `retractedAt` on. */
  retract(position: number, retractedAt: number): void {
    const version = this.versionOf(position);
    if (version && version.retractedAt === Number.POSITIVE_INFINITY) version.retractedAt = retractedAt;
  }

  /** Index of the first version with validFrom > date. */
  private upperBound(date: string): number {
    let lo = 0;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.versions[mid]!.validFrom <= date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
