/** Schema fragments shared by the event schemas (ids, calendar dates, acts, links, provenance). */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$';
/** A calendar date; calendar validity (no 31 February) is checked by the `date` format. */
export const idSchema = { type: 'string', pattern: ID_PATTERN } as const;
export const dateSchema = { type: 'string', format: 'date' } as const;
export const textSchema = { type: 'string', minLength: 1, maxLength: 10_000 } as const;
export const nameSchema = { type: 'string', minLength: 1, maxLength: 500 } as const;

export const actSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', maxLength: 100, nullable: true },
    title: { type: 'string', maxLength: 1000, nullable: true },
    date: { ...dateSchema, nullable: true },
    url: { type: 'string', maxLength: 2000, nullable: true },
  },
} as const;

export const linkSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'title'],
  properties: {
    kind: nameSchema,
    code: { type: 'string', maxLength: 200, nullable: true },
    title: textSchema,
    year: { type: 'integer', minimum: 1900, maximum: 2200, nullable: true },
  },
} as const;

/** An inclusive period of calendar dates; `from <= to` is checked by the commands. */
export const periodSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: { from: dateSchema, to: dateSchema },
} as const;

export const BASES = ['enacted', 'attested', 'announced', 'inferred'] as const;
