/**
 * Query strings of the reads the web page leans on: the timeline (change dates and recording
 * instants in one answer), the search of units and objectives, and a source document's text.
 * Strict like every read query: an unknown parameter is a 400 naming it.
 */
import { z } from 'zod';
import { pdoQuerySchema, knownAtQuerySchema } from './query-schemas.ts';
import { competencySearchQuerySchema } from './audit-question-schemas.ts';

const { asKnownAt, asOfPosition } = knownAtQuerySchema.shape;

export const timelineQuerySchema = z.strictObject({ asKnownAt, asOfPosition });

export const unitObjectiveSearchQuerySchema = z.strictObject({
  ...competencySearchQuerySchema.shape,
  q: competencySearchQuerySchema.shape.q.meta({ description: 'Words to find in unit names and objective statements (all must match, as word prefixes; accents and case ignored).' }),
  year: pdoQuerySchema.shape.year.meta({ description: 'Plan year whose objectives are searched (default: the year of at).' }),
});

/** A source document's id: its key, act id or file name (src/read/sources/source-documents.ts). */
export const sourceParamsSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/, 'must be a source id') });

export const sourceTextQuerySchema = z.strictObject({});
