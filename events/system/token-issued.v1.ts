import { hashSchema } from '../schemas/integrity.ts';

/** TokenIssued: a bearer token's id, name and role, and the SHA-256 of its secret (never the secret). */
export const tokenIssuedV1 = {
  $id: 'orgtrail/TokenIssued/v1',
  type: 'object',
  additionalProperties: false,
  required: ['tokenId', 'name', 'role', 'secretSha256'],
  properties: {
    tokenId: { type: 'string', pattern: '^tk_[A-Za-z0-9_-]{16}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    role: { type: 'string', enum: ['reader', 'auditor', 'editor', 'admin'] },
    secretSha256: hashSchema,
  },
} as const;
