/**
 * A bitemporal timeline of one attribute: versions ordered by (validFrom, position).
 * `valueAt(at, maxPosition)` answers "the value that held on `at`, as known at `maxPosition`":
 * the latest version with validFrom <= at among those recorded at or before maxPosition.
 * That is exactly the fold of the attribute's events in (effective date, position) order,
 * without replaying them: a binary search, then a short scan back over later corrections.
 */
export interface Version<T> {
  validFrom: string;
  position: number;
  value: T;
}

export class Timeline<T> {
  readonly versions: Version<T>[] = [];

  /** Positions arrive in increasing order; valid dates in any order (retroactive changes). */
  set(validFrom: string, position: number, value: T): void {
    const index = this.upperBound(validFrom);
    this.versions.splice(index, 0, { validFrom, position, value });
  }

  versionAt(at: string, maxPosition: number): Version<T> | undefined {
    for (let i = this.upperBound(at) - 1; i >= 0; i--) {
      const version = this.versions[i]!;
      if (version.position <= maxPosition) return version;
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
      if (version.position <= maxPosition) return true;
    }
    return false;
  }

  /** Earliest valid date of any version known at maxPosition. */
  firstValidFrom(maxPosition: number): string | undefined {
    return this.versions.find((v) => v.position <= maxPosition)?.validFrom;
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
