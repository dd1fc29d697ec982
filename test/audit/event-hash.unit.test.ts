/** The event hash (format v2, and v1 of older logs): what is hashed, and that a stored value hashes the same. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, toJsonValue } from '../../src/audit/canonical-json.ts';
import {
  chainableMetadataJson,
  eventHash,
  eventHashOfJson,
  eventHashV1,
  hashMatches,
  headHashOfMetadataJson,
  integrityOf,
  withIntegrityJson,
} from '../../src/audit/event-hash.ts';
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

  it('given a recorded event carrying the hash in its metadata, then its hash matches with the integrity member left out, and not once the content changes', () => {
    const recorded: RecordedEvent = {
      ...content,
      position: 9,
      recordedAt: '2024-01-01T00:00:00.000Z',
      metadata: { ...content.metadata, integrity: { hash, previousHash: null } },
    };

    expect(hashMatches(recorded, { hash, previousHash: null })).toBe(true);
    expect(hashMatches(recorded, { hash: 'f'.repeat(64), previousHash: null })).toBe(false);
    expect(hashMatches({ ...recorded, data: { ...recorded.data as object, name: 'Altro' } }, { hash, previousHash: null })).toBe(false);
    expect(integrityOf(recorded.metadata)).toEqual({ hash, previousHash: null });
  });

  it('reads malformed integrity as absent', () => {
    expect(integrityOf({ integrity: { hash: 'xyz', previousHash: null } })).toBeUndefined();
    expect(integrityOf({ integrity: { hash: 'a'.repeat(64), previousHash: 7 } })).toBeUndefined();
    expect(integrityOf(null)).toBeUndefined();
  });
});

describe('event hash v2 from serialised JSON (the writers\' path)', () => {
  const awkward = {
    ...content,
    data: { b: 1, a: [0.1 + 0.2, 1e21, -0, 5e-324], '10': 'numeric key', '2': null, text: 'città "x"\n\u2028 \ud800', nested: { z: {}, y: [] } },
    metadata: { orgId: 'milano', when: new Date('2020-01-01T00:00:00Z'), gone: undefined },
  };
  const dataJson = JSON.stringify(awkward.data);
  const metadataJson = chainableMetadataJson(awkward.metadata, 0);

  it('given the JSON texts the store writes, then the hash equals the one recomputed from the values read back from them', () => {
    const readBack = { ...awkward, data: JSON.parse(dataJson) as unknown, metadata: JSON.parse(metadataJson) as Record<string, unknown> };

    expect(eventHashOfJson({ ...awkward, dataJson, metadataJson }, 'a'.repeat(64))).toBe(eventHash(readBack, 'a'.repeat(64)));
    expect(eventHashOfJson({ ...awkward, dataJson, metadataJson }, null)).toBe(eventHash(readBack, null));
  });

  it('given a stream id, event id and type that JSON must escape, then the hash is still the one of the values', () => {
    const escaped = { ...awkward, streamId: 'org-"milano"\\\u2028città', type: 'Unit\tRenamed', id: 'ID-"1"' };
    const readBack = { ...escaped, data: JSON.parse(dataJson) as unknown, metadata: JSON.parse(metadataJson) as Record<string, unknown> };

    expect(eventHashOfJson({ ...escaped, dataJson, metadataJson }, 'c'.repeat(64))).toBe(eventHash(readBack, 'c'.repeat(64)));
    expect(eventHashOfJson({ ...escaped, revision: 0, dataJson, metadataJson }, null)).toBe(eventHash({ ...readBack, revision: 0 }, null));
  });

  it('given metadata text, then integrity is added as its last member, as JSON.stringify would write it', () => {
    const integrity = { hash: 'b'.repeat(64), previousHash: null };

    expect(withIntegrityJson(metadataJson, integrity)).toBe(JSON.stringify({ ...(JSON.parse(metadataJson) as object), integrity }));
    expect(withIntegrityJson('{}', integrity)).toBe(JSON.stringify({ integrity }));
    const chained = { hash: 'd'.repeat(64), previousHash: 'e'.repeat(64) };
    expect(withIntegrityJson(metadataJson, chained)).toBe(JSON.stringify({ ...(JSON.parse(metadataJson) as object), integrity: chained }));
  });

  it('given metadata that is not a JSON object, then it cannot carry a hash', () => {
    for (const metadata of [null, undefined, 'text', 3, [1, 2]]) expect(() => chainableMetadataJson(metadata, 2)).toThrow(/events\[2\]\.metadata must be a JSON object/);
  });

  it('given the same members in another order, then v2 sees another event (v1 did not)', () => {
    const reordered = { ...content, data: { name: 'Gabinetto', unitId: 'gabinetto' } };

    expect(eventHash(reordered, null)).not.toBe(eventHash(content, null));
    expect(eventHashV1(reordered, null)).toBe(eventHashV1(content, null));
  });

  it('given an event written in format v1 (a log from before v2), then its hash still matches; an altered one matches neither format', () => {
    const recorded: RecordedEvent = { ...content, position: 1, recordedAt: '2024-01-01T00:00:00.000Z', metadata: content.metadata };
    const v1 = { hash: eventHashV1(content, null), previousHash: null };
    const v2 = { hash: eventHash(content, null), previousHash: null };

    expect(v1.hash).not.toBe(v2.hash);
    expect(hashMatches(recorded, v1)).toBe(true);
    expect(hashMatches(recorded, v2)).toBe(true);
    expect(hashMatches({ ...recorded, data: { unitId: 'gabinetto', name: 'Altro' } }, v1)).toBe(false);
    expect(hashMatches({ ...recorded, data: { unitId: 'gabinetto', name: 'Altro' } }, v2)).toBe(false);
  });
});

describe('the hash at the head of a stream, read from its last event\'s metadata text', () => {
  const hash = 'c'.repeat(64);

  it('given integrity as the last member, or elsewhere, or nested, then the top-level member\'s hash is read', () => {
    expect(headHashOfMetadataJson(withIntegrityJson('{"a":1}', { hash, previousHash: 'd'.repeat(64) }))).toBe(hash);
    expect(headHashOfMetadataJson(JSON.stringify({ integrity: { hash, previousHash: null }, a: 1 }))).toBe(hash);
    expect(headHashOfMetadataJson(JSON.stringify({ a: { integrity: { hash, previousHash: null } } }))).toBeNull();
    expect(headHashOfMetadataJson(JSON.stringify({ a: `"integrity":{"hash":"${hash}","previousHash":null}}` }))).toBeNull();
    expect(headHashOfMetadataJson('{"a":1}')).toBeNull();
  });
});
