/**
 * The system catalogue's TypeScript types and JSON Schemas agree, as for the domain catalogue:
 * for every system event type a fixture typed `Required<T>` validates and covers exactly the
 * schema's properties, and each required field is required. A new type needs a fixture here.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM_EVENT_METADATA_SCHEMA_V1, SYSTEM_EVENT_SCHEMAS_V1, SYSTEM_EVENT_SCHEMAS_V2, SYSTEM_EVENT_TYPES, validateSystemEvent } from '../../events/system-catalogue.ts';
import type { DeltaCheckpoint, FullCheckpoint, SystemEventDataByType, SystemEventMetadata } from '../../events/system/types.ts';
import { InvalidEventError } from '../../src/errors.ts';

const hash = 'c'.repeat(64);

const fixtures = {
  IntegrityCheckpointRecorded: { coversPosition: 41, eventCount: 41, logDigest: hash, heads: { 'org-milano': { revision: 3, hash }, legacy: { revision: 0, hash: null } } },
  TokenIssued: { tokenId: 'tk_0123456789abcdef', name: 'auditor-desk', role: 'auditor', secretSha256: hash },
  TokenRevoked: { tokenId: 'tk_0123456789abcdef' },
} satisfies { [K in keyof SystemEventDataByType]: Required<SystemEventDataByType[K]> };

const metadata = {
  schemaVersion: 1,
  recordedBy: 'system:checkpointer',
  correlationId: 'checkpoint-41',
  causationId: null,
  integrity: { hash, previousHash: null },
} satisfies Required<SystemEventMetadata>;

type ObjectSchema = { properties: Record<string, unknown>; required: readonly string[] };

describe('system event catalogue', () => {
  it('has a fixture for every system event type', () => {
    expect([...SYSTEM_EVENT_TYPES].sort()).toEqual(Object.keys(fixtures).sort());
  });

  for (const type of SYSTEM_EVENT_TYPES) {
    describe(type, () => {
      const data = fixtures[type];
      const schema = SYSTEM_EVENT_SCHEMAS_V1[type] as ObjectSchema;

      it('accepts a complete instance of its TypeScript type', () => {
        expect(() => validateSystemEvent({ type, data, metadata })).not.toThrow();
      });

      it('declares exactly the fields of its TypeScript type', () => {
        expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(data).sort());
      });

      it('rejects an unknown field', () => {
        expect(() => validateSystemEvent({ type, data: { ...data, extra: 1 }, metadata })).toThrow(InvalidEventError);
      });

      for (const field of schema.required) {
        it(`rejects the event without its required field ${field}`, () => {
          const { [field]: _removed, ...rest } = data as Record<string, unknown>;
          expect(() => validateSystemEvent({ type, data: rest, metadata })).toThrow(InvalidEventError);
        });
      }
    });
  }

  it('declares exactly the metadata fields of SystemEventMetadata, integrity optional', () => {
    expect(Object.keys((SYSTEM_EVENT_METADATA_SCHEMA_V1 as ObjectSchema).properties).sort()).toEqual(Object.keys(metadata).sort());
    const { integrity: _integrity, ...withoutIntegrity } = metadata;
    expect(() => validateSystemEvent({ type: 'IntegrityCheckpointRecorded', data: fixtures.IntegrityCheckpointRecorded, metadata: withoutIntegrity })).not.toThrow();
  });

  it('rejects a checkpoint head with a malformed hash and names the field', () => {
    const data = { ...fixtures.IntegrityCheckpointRecorded, heads: { s: { revision: 0, hash: 'not-a-hash' } } };

    const error = (() => {
      try {
        validateSystemEvent({ type: 'IntegrityCheckpointRecorded', data, metadata });
      } catch (e) {
        return e as InvalidEventError;
      }
    })();
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error?.problems.map((p) => p.field)).toContain('data/heads/s/hash');
  });

  it('rejects an unknown system event type', () => {
    expect(() => validateSystemEvent({ type: 'OrgRegistered', data: {}, metadata })).toThrow(/unknown system event type/);
  });
});

describe('IntegrityCheckpointRecorded version 2 (full and delta)', () => {
  const type = 'IntegrityCheckpointRecorded';
  const v2 = { ...metadata, schemaVersion: 2 };
  const full = { kind: 'full', coversPosition: 41, eventCount: 41, logDigest: hash, streamCount: 2, heads: { 'org-milano': { revision: 3, hash }, legacy: { revision: 0, hash: null } } } satisfies Required<FullCheckpoint>;
  const delta = { kind: 'delta', sinceCoversPosition: 30, coversPosition: 41, eventCount: 41, logDigest: hash, streamCount: 2, heads: { 'org-milano': { revision: 3, hash } } } satisfies Required<DeltaCheckpoint>;
  const problemFields = (event: { type: string; data: unknown; metadata: unknown }) => {
    try {
      validateSystemEvent(event);
      return [];
    } catch (error) {
      return (error as InvalidEventError).problems.map((p) => p.field);
    }
  };

  it('accepts a complete full and a complete delta checkpoint with schemaVersion 2', () => {
    expect(validateSystemEvent({ type, data: full, metadata: v2 }).data).toBe(full);
    expect(validateSystemEvent({ type, data: delta, metadata: v2 }).data).toBe(delta);
  });

  it('declares exactly the fields of its TypeScript types', () => {
    const schema = SYSTEM_EVENT_SCHEMAS_V2[type] as ObjectSchema;
    expect(Object.keys(schema.properties).sort()).toEqual([...new Set([...Object.keys(full), ...Object.keys(delta)])].sort());
  });

  it('requires sinceCoversPosition of a delta and refuses it on a full checkpoint', () => {
    const { sinceCoversPosition: _since, ...withoutSince } = delta;

    expect(problemFields({ type, data: withoutSince, metadata: v2 })).toContain('data');
    expect(problemFields({ type, data: { ...full, sinceCoversPosition: 30 }, metadata: v2 })).toContain('data/sinceCoversPosition');
  });

  it('validates each version against its own schema: v1 data under version 2, and v2 data under version 1, are refused', () => {
    expect(problemFields({ type, data: fixtures.IntegrityCheckpointRecorded, metadata: v2 }).length).toBeGreaterThan(0);
    expect(problemFields({ type, data: full, metadata })).toEqual(expect.arrayContaining(['data']));
  });

  it('refuses a schema version the type does not have, naming metadata/schemaVersion', () => {
    expect(problemFields({ type: 'TokenRevoked', data: fixtures.TokenRevoked, metadata: v2 })).toEqual(['metadata/schemaVersion']);
    expect(problemFields({ type, data: full, metadata: { ...metadata, schemaVersion: 3 } })).toEqual(['metadata/schemaVersion']);
  });
});
