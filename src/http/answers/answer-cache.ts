/**
 * The serialised answers of the cut reads (org chart, PDO), kept by what decides them: an
 * answer at a cut is immutable, so it is keyed by the request's path and query (less its
 * system-time parameters), the resolved valid date and the resolved log position. A "now"
 * read resolves to the head position, so any recording — late (backdated) ones included —
 * moves it to a new key: a stale now-answer is never served, it only ages out. Bounded by
 * bytes (least recently used goes first). The access policy runs before any read, and no
 * answer depends on who asks (provenance answers are keyed by their query), so one cache
 * serves every principal allowed to make the read.
 */
import { LRUCache } from 'lru-cache';

/** The answer's JSON after its basis fields, and the forms compressed for one asKnownAt. */
export interface CachedAnswer {
  /** The JSON text that follows `{"at":…,"asKnownAt":…,"position":…,` (the answer's other fields and the closing brace). */
  tail: string;
  /** The stream revision the read reports as its If-Match ETag, when it was taken at the head. */
  revision: number | undefined;
  /** Whole bodies, compressed, for the asKnownAt they were made with (a fixed cut asks for them again). */
  compressed?: { asKnownAt: string; encoding: 'br' | 'gzip'; body: Buffer };
}

export const DEFAULT_ANSWER_CACHE_BYTES = 64 * 2 ** 20;

/** `maxBytes` 0 keeps nothing (every read computes and serialises its answer: the benchmark's cold figures). */
export class AnswerCache {
  private readonly entries: LRUCache<string, CachedAnswer> | undefined;

  constructor(maxBytes = DEFAULT_ANSWER_CACHE_BYTES) {
    this.entries = maxBytes <= 0 ? undefined : new LRUCache<string, CachedAnswer>({
      maxSize: maxBytes,
      // UTF-16 in memory: two bytes a character, plus the compressed form.
      sizeCalculation: (entry, key) => Math.max(1, 2 * (entry.tail.length + key.length) + (entry.compressed?.body.byteLength ?? 0)),
    });
  }

  get(key: string): CachedAnswer | undefined {
    return this.entries?.get(key);
  }

  set(key: string, entry: CachedAnswer): void {
    this.entries?.set(key, entry);
  }

  /** Bytes held (as sized above), never more than the bound. */
  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}
