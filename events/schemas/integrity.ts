/**
 * The `integrity` member that the hash-chained store (src/audit/hash-chained-store.ts) adds to
 * the metadata of every event it appends: optional in every metadata schema, because events
 * are validated before the store chains them.
 */
export const HASH_PATTERN = '^[0-9a-f]{64}$';

export const hashSchema = { type: 'string', pattern: HASH_PATTERN } as const;

export const integritySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['hash', 'previousHash'],
  properties: {
    hash: hashSchema,
    previousHash: { ...hashSchema, nullable: true },
  },
} as const;
