/** The input limits of the HTTP API (enforced in input-limits.ts and express.json). */
export const BODY_LIMIT = '256kb';
export const MAX_JSON_DEPTH = 32;
export const MAX_QUERY_LENGTH = 2048;
