/**
 * A column of event ids. Ids are UUIDs: one in the canonical form (36 characters, lowercase
 * hex, dashes at 8-13-18-23) is kept as its 16 bytes and written back identically on read;
 * any other id is kept as it is. So a million ids take 16 MB of bytes the garbage collector
 * never traces, instead of a million strings. Append-only; pure.
 */

const HEX = '0123456789abcdef';
const BYTE_TO_HEX = Array.from({ length: 256 }, (_, b) => HEX[b >> 4]! + HEX[b & 15]!);

/** The value of a lowercase hex digit, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Ids per chunk of bytes (a power of two): the column grows by whole chunks and never copies. */
const CHUNK_BITS = 12;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

export class UuidColumn {
  private readonly chunks: Uint8Array[] = [];
  private count = 0;
  /** Ids not in the canonical form, by index. */
  private readonly others = new Map<number, string>();

  get length(): number {
    return this.count;
  }

  push(id: string): void {
    if ((this.count & CHUNK_MASK) === 0) this.chunks.push(new Uint8Array(16 << CHUNK_BITS));
    if (!this.encode(id, this.chunks[this.chunks.length - 1]!, 16 * (this.count & CHUNK_MASK))) this.others.set(this.count, id);
    this.count += 1;
  }

  /** The id at 0 <= index < length. */
  at(index: number): string {
    const other = this.others.get(index);
    if (other !== undefined) return other;
    const b = this.chunks[index >>> CHUNK_BITS]!;
    const o = 16 * (index & CHUNK_MASK);
    const hex = (from: number, to: number) => {
      let text = '';
      for (let k = o + from; k < o + to; k++) text += BYTE_TO_HEX[b[k]!]!;
      return text;
    };
    return `${hex(0, 4)}-${hex(4, 6)}-${hex(6, 8)}-${hex(8, 10)}-${hex(10, 16)}`;
  }

  /** Writes the id's 16 bytes at `offset`; false (nothing meaningful written) unless the id is canonical. */
  private encode(id: string, bytes: Uint8Array, offset: number): boolean {
    if (id.length !== 36) return false;
    let byte = offset;
    for (let k = 0; k < 36; ) {
      if (k === 8 || k === 13 || k === 18 || k === 23) {
        if (id.charCodeAt(k) !== 45) return false;
        k += 1;
        continue;
      }
      const high = hexValue(id.charCodeAt(k));
      const low = hexValue(id.charCodeAt(k + 1));
      if (high < 0 || low < 0) return false;
      bytes[byte++] = (high << 4) | low;
      k += 2;
    }
    return true;
  }
}
