/**
 * Canonical JSON: the one byte sequence a JSON value is hashed as. Object keys are sorted
 * (by UTF-16 code units, as Array.prototype.sort does), there is no whitespace, and strings and
 * numbers are written as JSON.stringify writes them (numbers in their shortest round-trip form).
 *
 * Guarantee: a value and the value read back from its JSON text (what both store adapters keep)
 * encode to the same string, so a hash computed before an append can be recomputed from the log.
 * Input must already be plain JSON (see toJsonValue): undefined, functions and symbols are refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: ${typeof value} is not a JSON value`);
}

/** The value as a store keeps it: JSON.stringify then JSON.parse (dates become strings, undefined members vanish). */
export function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}
