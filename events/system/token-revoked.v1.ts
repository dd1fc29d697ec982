/** TokenRevoked: the token is refused from the next request on, by every instance sharing the store. */
export const tokenRevokedV1 = {
  $id: 'orgtrail/TokenRevoked/v1',
  type: 'object',
  additionalProperties: false,
  required: ['tokenId'],
  properties: {
    tokenId: { type: 'string', pattern: '^tk_[A-Za-z0-9_-]{16}$' },
  },
} as const;
