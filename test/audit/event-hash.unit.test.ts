/** The canonical encoding and the event hash: what is hashed, and that a stored value hashes the same. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, toJsonValue } from '../../src/audit/canonical-json.ts';
import { eventHash, integrityOf, recomputeHash } from '../../src/audit/event-hash.ts';
import type { RecordedEvent } from '../../src/store/event-store.ts';

const content = {
  streamId: 'org-milano',
  revision: 3,
  id: '00000000-0000-4000-8000-000000000003',
  type: 'UnitRenamed',
  data: { unitId: 'gabinetto', name: 'Gabinetto' },
  metadata: { orgId: 'milano', effectiveFrom: '2020-01-01' },
};

describe('canonical JSON', () => {
  it('given objects with the same members in another order, then they encode alike, keys sorted, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } }));
  });

  it('given a value as a store keeps it (JSON text read back), then it encodes as the value did', () => {
    const value = toJsonValue({ n: 0.1 + 0.2, big: 1e21, text: 'città "x"\n', when: new Date('2020-01-01T00:00:00Z'), gone: undefined });

    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
    expect(value).toEqual({ n: 0.30000000000000004, big: 1e21, text: 'città "x"\n', when: '2020-01-01T00:00:00.000Z' });
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
  });
});

describe('event hash', () => {
  const hash = eventHash(content, null);

  it('is 64 lowercase hex digits and depends on every hashed field and on the previous hash', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      { ...content, streamId: 'org-other' },
      { ...content, revision: 4 },
      { ...content, id: '00000000-0000-4000-8000-000000000004' },
      { ...content, type: 'UnitMoved' },
      { ...content, data: { unitId: 'gabinetto', name: 'Gabinetto!' } },
      { ...content, metadata: { orgId: 'milano', effectiveFrom: '2020-01-02' } },
    ];
    for (const variant of variants) expect(eventHash(variant, null)).not.toBe(hash);
    expect(eventHash(content, 'a'.repeat(64))).not.toBe(hash);
  });

  it('given a recorded event carrying the hash in its metadata, then recomputing ignores the integrity member and finds the same hash', () => {
    const recorded: RecordedEvent = {
      ...content,
      position: 9,
      recordedAt: '2024-01-01T00:00:00.000Z',
      metadata: { ...content.metadata, integrity: { hash, previousHash: null } },
    };

    expect(recomputeHash(recorded, null)).toBe(hash);
    expect(integrityOf(recorded.metadata)).toEqual({ hash, previousHash: null });
  });

  it('reads malformed integrity as absent', () => {
    expect(integrityOf({ integrity: { hash: 'xyz', previousHash: null } })).toBeUndefined();
    expect(integrityOf({ integrity: { hash: 'a'.repeat(64), previousHash: 7 } })).toBeUndefined();
    expect(integrityOf(null)).toBeUndefined();
  });
});
