/**
 * The TypeScript types and the JSON Schemas of the catalogue agree: for every event type a
 * fixture typed `Required<T>` (so the compiler insists it has exactly the type's fields)
 * validates against the schema, the schema declares exactly those fields, and the schema
 * rejects each field's absence where the type requires it.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_METADATA_SCHEMA_V1, EVENT_METADATA_SCHEMA_V2, EVENT_METADATA_SCHEMA_V3, EVENT_SCHEMAS_CURRENT, EVENT_TYPES, validateEvent } from '../../events/catalogue.ts';
import { upcastEvent } from '../../events/upcast.ts';
import type { EventDataByType, EventMetadata } from '../../events/types.ts';
import { InvalidEventError } from '../../src/errors.ts';

const link = { kind: 'dup', code: '2020_IND_STRATEG_13', title: 'Buona amministrazione', year: 2020 };
/** A v2 link: its line, and its parts (a DUP strategic line with its operational objective). */
const linkV2 = { ...link, line: 14, parts: [{ kind: 'obiettivo-operativo-dup', code: '12.1.06', title: 'Gemellaggi', year: 2020, line: 19 }] };
const matrixRow = { programmaOperativo: 'Polizia locale e sicurezza urbana', dimension: 'Ambientale', driver: 'Digitalizzazione', year: 2024, line: 632 };
const planItem = { itemId: 'pdo2024.trasversale.1', basis: 'attested' as const, reason: null };

/** One complete instance of every event type; `satisfies` makes a missing or extra field a compile error. */
const fixtures = {
  OrgRegistered: { orgId: 'milano', name: 'Comune di Milano' },
  UnitEstablished: { unitId: 'gabinetto', name: 'Gabinetto del Sindaco', kind: 'area', parentId: null },
  UnitRenamed: { unitId: 'gabinetto', name: 'Gabinetto' },
  UnitMoved: { unitId: 'gabinetto', parentId: 'root' },
  UnitReclassified: { unitId: 'gabinetto', kind: 'direzione' },
  UnitDissolved: { unitId: 'gabinetto', successorIds: ['ufficio-sindaco'] },
  CompetencyAssigned: { competencyId: 'c-1', unitId: 'gabinetto', text: 'Gestione dei patrocini' },
  CompetencyWithdrawn: { competencyId: 'c-1', unitId: 'gabinetto' },
  CompetencyTransferred: { competencyId: 'c-1', fromUnitId: 'gabinetto', toUnitId: 'stampa' },
  HeadAppointed: { unitId: 'gabinetto', person: 'Mario Rossi', title: 'Capo di Gabinetto' },
  HeadVacated: { unitId: 'gabinetto' },
  ObjectiveDefined: {
    objectiveId: '2020_Z101',
    unitId: 'ufficio-sindaco',
    title: 'Attività gestionali',
    plan: 'PDO 2020',
    years: { '2020': 'x' },
    description: 'La Direzione…',
    links: [linkV2],
    matrix: [matrixRow],
    planItems: [planItem],
  },
  ObjectiveRevised: {
    objectiveId: '2020_Z101',
    title: 't',
    unitId: 'u',
    years: { '2021': null, '2022': 'y' },
    description: null,
    links: [linkV2],
    matrix: [matrixRow, { ...matrixRow, line: 633 }],
    planItems: [{ ...planItem, basis: 'inferred', reason: 'r' }],
    reason: 'PDO update',
  },
  PlanItemDefined: { itemId: 'pdo2024.dimensione.1', plan: 'PDO 2024-2026', kind: 'dimensione-strategica', code: '1', title: 'Milano sempre più semplice', description: 'Una città è più vivibile…' },
  ObjectiveWithdrawn: { objectiveId: '2020_Z101', reason: 'superseded' },
  IndicatorDefined: { indicatorId: 'i1', objectiveId: 'o', description: 'Delegazioni accolte', kind: 'OUTCOME', unit: null, target: 10 },
  IndicatorRevised: { indicatorId: 'i1', objectiveId: 'o', description: 'd', kind: null },
  IndicatorTargetRevised: { indicatorId: 'i1', objectiveId: 'o', target: 100, unit: '%' },
  MeasurementRecorded: { indicatorId: 'i1', objectiveId: 'o', value: 7, measuredAt: '2020-06-30', note: null, source: null },
  ActAnnulled: { actId: 'DG-1/2020', reason: 'annulled by the TAR' },
  SourceRegistered: {
    sourceId: 'doc-004',
    orgId: 'milano',
    title: 'PDO 2024-2026',
    kind: 'piano',
    legalEffect: false,
    issuedOn: '2024-02-01',
    period: { from: '2024-01-01', to: '2026-12-31' },
    dateQualifier: { kind: 'approximate', reason: 'the plan states only its years' },
    location: { file: 'seeds/sources/004.txt', lines: [{ from: 1, to: 40 }], url: 'https://example.org/pdo' },
    scope: { kind: 'complete-structure', rootUnitId: null },
  },
  FactsAttested: {
    sourceId: 'doc-004',
    period: { from: '2024-01-01', to: '2026-12-31' },
    units: [{ unitId: 'gabinetto', name: 'Gabinetto', parentId: null, kind: 'area' }],
    competencies: [{ competencyId: 'c-1', unitId: 'gabinetto', text: 'Patrocini' }],
    heads: [{ unitId: 'gabinetto', person: 'Mario Rossi', title: null }],
  },
  SnapshotImported: {
    sourceId: 'snap-1',
    file: {
      name: 'uo.csv',
      format: 'csv',
      layout: 'indicepa',
      digest: 'a'.repeat(64),
      rows: 3,
      rowsKept: 2,
      columns: ['Codice_IPA', 'Codice_uni_uo', 'CAP'],
      usedColumns: ['Codice_IPA', 'Codice_uni_uo'],
      ignoredColumns: ['CAP'],
    },
    org: { code: 'c_f205', name: 'Comune di Milano' },
    snapshotDate: '2024-03-01',
    dateOrigin: 'file-column',
    previousSourceId: null,
    nextSourceId: 'snap-2',
  },
  InferencesSuperseded: {
    sourceId: 'snap-1',
    superseded: [{ eventId: '8c1d6a5e-0b7a-5c3e-9a41-1f2e3d4c5b6a', position: 12 }],
    reason: 'placed between two snapshots',
  },
} satisfies { [K in keyof EventDataByType]: Required<EventDataByType[K]> };

const metadata = {
  schemaVersion: 3,
  orgId: 'milano',
  recordedBy: 'test',
  act: { id: 'DG-1/2020', kind: 'determina', title: 't', date: '2020-01-10', url: 'https://example.org/a' },
  effectiveFrom: '2020-01-01',
  correlationId: 'c',
  causationId: 'k',
  provenance: { source: { document: '001.txt', location: 'line 3' }, qualifiers: [{ kind: 'approximate', field: 'effectiveFrom', reason: 'r' }] },
  integrity: { hash: 'a'.repeat(64), previousHash: 'b'.repeat(64) },
  evidence: { basis: 'inferred', sourceId: 'doc-004', inferredFrom: ['doc-000', 'doc-004'], period: { from: '2024-01-01', to: '2026-12-31' }, reason: 'two names, one unit' },
} satisfies Required<EventMetadata>;

/** Metadata v1, as every event before evidence was written: still valid (stored logs keep it). */
const { evidence: _evidence, ...metadataV1 } = { ...metadata, schemaVersion: 1 };
/** Metadata v2: evidence, data of the first generation (ObjectiveDefined v1...). */
const metadataV2 = { ...metadata, schemaVersion: 2 };
const objectiveDefinedV1 = { objectiveId: '2020_Z101', unitId: 'ufficio-sindaco', title: 'Attività gestionali', plan: 'PDO 2020', years: { '2020': 'x' }, links: [link] };

type ObjectSchema = { properties: Record<string, unknown>; required: readonly string[] };

describe('event catalogue', () => {
  it('has a fixture for every event type and a schema for every fixture', () => {
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(fixtures).sort());
  });

  for (const type of EVENT_TYPES) {
    describe(type, () => {
      const data = fixtures[type];
      const schema = EVENT_SCHEMAS_CURRENT[type] as ObjectSchema;

      it('accepts a complete instance of its TypeScript type', () => {
        expect(() => validateEvent({ type, data, metadata })).not.toThrow();
      });

      it('declares exactly the fields of its TypeScript type', () => {
        expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(data).sort());
      });

      it('rejects an unknown field', () => {
        expect(() => validateEvent({ type, data: { ...data, extra: 1 }, metadata })).toThrow(InvalidEventError);
      });

      for (const field of schema.required) {
        it(`rejects the event without its required field ${field}`, () => {
          const { [field]: _removed, ...rest } = data as Record<string, unknown>;
          expect(() => validateEvent({ type, data: rest, metadata })).toThrow(InvalidEventError);
        });
      }
    });
  }

  it('declares exactly the metadata fields of EventMetadata (v3 and v2), and v1 all but evidence', () => {
    expect(Object.keys((EVENT_METADATA_SCHEMA_V3 as ObjectSchema).properties).sort()).toEqual(Object.keys(metadata).sort());
    expect(Object.keys((EVENT_METADATA_SCHEMA_V2 as ObjectSchema).properties).sort()).toEqual(Object.keys(metadata).sort());
    expect(Object.keys((EVENT_METADATA_SCHEMA_V1 as ObjectSchema).properties).sort()).toEqual(Object.keys(metadataV1).sort());
  });

  it('accepts metadata v1 without evidence, and refuses v2 without it or v1 with it', () => {
    expect(() => validateEvent({ type: 'UnitRenamed', data: fixtures.UnitRenamed, metadata: metadataV1 })).not.toThrow();
    expect(() => validateEvent({ type: 'UnitRenamed', data: fixtures.UnitRenamed, metadata: { ...metadataV1, schemaVersion: 2 } })).toThrow(/evidence/);
    expect(() => validateEvent({ type: 'UnitRenamed', data: fixtures.UnitRenamed, metadata: { ...metadata, schemaVersion: 1 } })).toThrow(InvalidEventError);
  });

  it('validates the data against the version its metadata names: v1 objectives under metadata v1 and v2, v2 under v3', () => {
    expect(() => validateEvent({ type: 'ObjectiveDefined', data: objectiveDefinedV1, metadata: metadataV2 })).not.toThrow();
    expect(() => validateEvent({ type: 'ObjectiveDefined', data: objectiveDefinedV1, metadata: metadataV1 })).not.toThrow();
    expect(() => validateEvent({ type: 'ObjectiveDefined', data: fixtures.ObjectiveDefined, metadata: metadataV2 })).toThrow(/additional properties: description/);
    expect(() => validateEvent({ type: 'ObjectiveDefined', data: objectiveDefinedV1, metadata })).toThrow(/data/);
    expect(() => validateEvent({ type: 'ObjectiveRevised', data: { objectiveId: 'o', matrix: [matrixRow], reason: null }, metadata: metadataV2 })).toThrow(InvalidEventError);
  });

  it('upcasts a v1 objective definition to the current shape: no description, matrix rows or plan items, its links as stored', () => {
    const upcast = upcastEvent({ type: 'ObjectiveDefined', data: objectiveDefinedV1, metadata: metadataV2 });
    expect(upcast.data).toEqual({ ...objectiveDefinedV1, description: null, matrix: [], planItems: [] });
    expect(upcastEvent({ type: 'ObjectiveDefined', data: fixtures.ObjectiveDefined, metadata }).data).toBe(fixtures.ObjectiveDefined);
  });

  it('keeps a matrix row whole: a row without its driver, or with a field of another row, is refused', () => {
    const { driver: _driver, ...withoutDriver } = matrixRow;
    expect(() => validateEvent({ type: 'ObjectiveDefined', data: { ...fixtures.ObjectiveDefined, matrix: [withoutDriver] }, metadata })).toThrow(/matrix\/0/);
    expect(() => validateEvent({ type: 'ObjectiveDefined', data: { ...fixtures.ObjectiveDefined, planItems: [{ ...planItem, basis: 'rumoured' }] }, metadata })).toThrow(/planItems\/0\/basis/);
  });

  it('refuses a basis outside the four', () => {
    const bad = { ...metadata, evidence: { ...metadata.evidence, basis: 'rumoured' } };
    expect(() => validateEvent({ type: 'UnitRenamed', data: fixtures.UnitRenamed, metadata: bad })).toThrow(/metadata\/evidence\/basis/);
  });

  it('rejects an impossible calendar date and names the field', () => {
    const error = (() => {
      try {
        validateEvent({ type: 'MeasurementRecorded', data: { ...fixtures.MeasurementRecorded, measuredAt: '2023-02-29' }, metadata });
      } catch (e) {
        return e as InvalidEventError;
      }
    })();
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error?.problems.map((p) => p.field)).toEqual(['data/measuredAt']);
  });

  it('rejects an unknown event type', () => {
    expect(() => validateEvent({ type: 'UnitVanished', data: {}, metadata })).toThrow(/unknown event type/);
  });
});
