/**
 * The value exactly as JSON.stringify then JSON.parse would give it back (undefined members
 * dropped, undefined array items null, Dates and other toJSON values as their JSON, non-finite
 * numbers null), without writing and parsing the text: what a command's events are checked
 * against their schema as, so that the schema check sees the document the store will write.
 * Plain objects, arrays and primitives are copied member by member; anything else goes
 * through JSON itself.
 */
export function plainJson<T>(value: T): T {
  return copy(value, undefined) as T;
}

function copy(value: unknown, inArray: boolean | undefined): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null; // -0 + 0 is 0, as JSON writes it
    case 'undefined':
    case 'function':
    case 'symbol':
      return inArray ? null : undefined;
    case 'bigint':
      return JSON.parse(JSON.stringify(value)) as unknown; // throws, as JSON.stringify does
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((item) => copy(item, true));
      if (Object.getPrototypeOf(value) !== Object.prototype || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        const text = JSON.stringify(value);
        return text === undefined ? (inArray ? null : undefined) : (JSON.parse(text) as unknown);
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const member = copy((value as Record<string, unknown>)[key], false);
        if (member === undefined) continue;
        // As JSON.parse: "__proto__" becomes an own member, never the prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true });
        else out[key] = member;
      }
      return out;
    }
  }
}
