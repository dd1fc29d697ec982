/**
 * The token routes and the bearer scheme in the OpenAPI document. Bodies and parameters come
 * from the zod schemas the routes validate with.
 */
import type { z } from 'zod';
import { issueTokenBodySchema, tokenParamsSchema } from './token-schemas.ts';

type Json = Record<string, unknown>;

export const bearerSecuritySchemes = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description:
      'Authorization: Bearer <token>. Roles: reader (reads, when ORGTRAIL_PUBLIC_READS=false), auditor (reads, /api/v1/audit, provenance=true), editor (reads, commands), admin (everything, incl. /api/v1/tokens); exports of public reads need no more than the read. Each operation names the roles that may call it in x-roles. No token: 401 with WWW-Authenticate: Bearer; wrong role: 403; too many requests: 429 with Retry-After.',
  },
};

const admin = [{ bearer: [] }];
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const refused = { 401: problem('No token, or an unknown or revoked one.'), 403: problem('The token is not an admin.') };
const summary = {
  type: 'object',
  properties: {
    tokenId: { type: 'string' },
    name: { type: 'string' },
    role: { enum: ['reader', 'auditor', 'editor', 'admin'] },
    issuedAt: { type: 'string', format: 'date-time' },
    issuedBy: { type: 'string' },
    revokedAt: { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
    revokedBy: { oneOf: [{ type: 'string' }, { type: 'null' }] },
  },
  required: ['tokenId', 'name', 'role', 'issuedAt', 'issuedBy', 'revokedAt', 'revokedBy'],
};
const json = (description: string, schema: object) => ({ description, content: { 'application/json': { schema } } });

export function tokenPaths(parameters: (schema: z.ZodObject, where: 'query' | 'path') => Json[], jsonSchema: (schema: z.ZodType) => Json): Json {
  const tokenPath = parameters(tokenParamsSchema, 'path');
  const revoke = (summaryText: string) => ({
    summary: summaryText,
    security: admin,
    parameters: tokenPath,
    responses: { 200: json('Revoked (idempotent): refused from the next request on', summary), 400: problem('Malformed token id.'), ...refused, 404: problem('No such token.') },
  });
  return {
    '/api/v1/tokens': {
      post: {
        summary: 'Issue a bearer token (its secret is shown in this answer only)',
        security: admin,
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(issueTokenBodySchema) } } },
        responses: {
          201: json('Issued', { type: 'object', properties: { token: { type: 'string', pattern: '^otk_' }, tokenId: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } }, required: ['token', 'tokenId', 'name', 'role'] }),
          400: problem('Invalid name or role.'),
          ...refused,
          409: problem('The name belongs to an active token.'),
        },
      },
      get: { summary: 'Tokens issued (never their secrets)', security: admin, responses: { 200: json('The tokens', { type: 'object', properties: { tokens: { type: 'array', items: summary } }, required: ['tokens'] }), ...refused } },
    },
    '/api/v1/tokens/{tokenId}': { delete: revoke('Revoke a token') },
    '/api/v1/tokens/{tokenId}/revoke': { post: revoke('Revoke a token (for clients that cannot send DELETE)') },
  };
}
