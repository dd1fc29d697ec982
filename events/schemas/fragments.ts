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

/**
 * A link of data schema v2 (ObjectiveDefined/ObjectiveRevised v2): a v1 link plus the line of
 * the document it was read from and, for a hierarchical link (a DUP strategic line with its
 * operational objectives), its parts, each a plain link in document order.
 */
const linkPartSchema = { ...linkSchema, properties: { ...linkSchema.properties, line: { type: 'integer', minimum: 1, nullable: true } } } as const;

export const linkSchemaV2 = {
  ...linkPartSchema,
  properties: { ...linkPartSchema.properties, parts: { type: 'array', items: linkPartSchema, maxItems: 50, nullable: true } },
} as const;

/** One row of a public-value matrix: its programma operativo, dimension and driver stay together. */
export const matrixRowSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['programmaOperativo', 'dimension', 'driver', 'year', 'line'],
  properties: {
    programmaOperativo: { ...nameSchema, nullable: true },
    dimension: { ...nameSchema, nullable: true },
    driver: { ...nameSchema, nullable: true },
    year: { type: 'integer', minimum: 1900, maximum: 2200, nullable: true },
    line: { type: 'integer', minimum: 1, nullable: true },
  },
} as const;

/** A link of an objective to an item of its plan, with the link's own basis (a reason when inferred). */
export const planItemLinkSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['itemId', 'basis', 'reason'],
  properties: {
    itemId: idSchema,
    basis: { type: 'string', enum: ['attested', 'inferred'] },
    reason: { type: 'string', minLength: 1, maxLength: 2000, nullable: true },
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
