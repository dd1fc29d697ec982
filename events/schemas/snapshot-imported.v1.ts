import { dateSchema, idSchema, nameSchema } from './fragments.ts';

const columnsSchema = { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 500 } } as const;

/**
 * A snapshot file imported as the registered source `sourceId` (docs/import.md): the file as it
 * was (name, format, layout, SHA-256 digest, every column, which ones the import read), the body
 * it was filtered to, its date and where that date comes from, and its neighbours in time when
 * it was imported. In the org stream, in the same append as the source and its attestations.
 * Changes no state.
 */
export const snapshotImportedV1 = {
  $id: 'orgtrail/SnapshotImported/v1',
  type: 'object',
  additionalProperties: false,
  required: ['sourceId', 'file', 'org', 'snapshotDate', 'dateOrigin', 'previousSourceId', 'nextSourceId'],
  properties: {
    sourceId: idSchema,
    file: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'format', 'layout', 'digest', 'rows', 'rowsKept', 'columns', 'usedColumns', 'ignoredColumns'],
      properties: {
        name: nameSchema,
        format: { type: 'string', enum: ['csv', 'xlsx'] },
        layout: { type: 'string', enum: ['indicepa', 'organigramma'] },
        digest: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        rows: { type: 'integer', minimum: 0 },
        rowsKept: { type: 'integer', minimum: 0 },
        columns: columnsSchema,
        usedColumns: columnsSchema,
        ignoredColumns: columnsSchema,
      },
    },
    org: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'name'],
      properties: { code: { type: 'string', maxLength: 200, nullable: true }, name: { ...nameSchema, nullable: true } },
    },
    snapshotDate: dateSchema,
    dateOrigin: { type: 'string', enum: ['given', 'file-column', 'file-date'] },
    previousSourceId: { ...idSchema, nullable: true },
    nextSourceId: { ...idSchema, nullable: true },
  },
} as const;
