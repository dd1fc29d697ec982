/**
 * Building blocks of the request schemas. Limits match the event catalogue's JSON Schemas
 * (events/schemas/fragments.ts), so a request that passes here never yields an invalid event.
 */
import { z } from 'zod';
import { isCalendarDate } from '../../time/calendar-date.ts';

/** Entity ids (units, competencies, objectives, indicators): the event catalogue's ID_PATTERN. */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'must be an id: a letter or digit, then up to 127 of A-Z a-z 0-9 _ . -');

/** Org ids are lowercase slugs without dots (the first dot of a stream id separates org and entity). */
export const orgIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lowercase slug: a-z, 0-9 and -, at most 63 characters, no dots');

export const nameSchema = z.string().min(1).max(500);
export const textSchema = z.string().min(1).max(10_000);

const DATE_MESSAGE = 'must be a real calendar date (YYYY-MM-DD)';

/** A calendar date (valid time, Europe/Rome): 2024-02-29 yes, 2023-02-29 no. */
export const dateSchema = z
  .iso.date({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a date string (YYYY-MM-DD)' : DATE_MESSAGE), abort: true })
  .refine(isCalendarDate, DATE_MESSAGE);

/** An ISO-8601 instant with a time zone (Z or ±hh:mm), e.g. 2024-05-01T10:00:00Z. */
export const instantSchema = z
  .iso.datetime({ offset: true, error: 'must be an ISO-8601 instant with a time zone, e.g. 2024-05-01T10:00:00Z', abort: true })
  .refine((value) => isCalendarDate(value.slice(0, 10)) && Number.isFinite(Date.parse(value)), 'must be a real instant');

/** The administrative act a change comes from (a delibera, a decreto...). */
export const actSchema = z.strictObject({
  id: z.string().min(1).max(200),
  kind: z.string().max(100).optional(),
  title: z.string().max(1000).optional(),
  date: dateSchema.optional(),
  url: z.string().max(2000).optional(),
});

/** Where the facts of a command come from and how certain they are; stored with every event. */
export const provenanceSchema = z
  .strictObject({
    source: z.strictObject({ document: z.string().min(1).max(500), location: z.string().max(500).optional() }).optional(),
    qualifiers: z
      .array(
        z.strictObject({
          kind: z.enum(['approximate', 'inferred']),
          field: z.string().min(1).max(200),
          reason: z.string().min(1).max(2000),
        }),
      )
      .max(100)
      .optional(),
  })
  .meta({ description: 'Optional: the source document (and location in it) of the facts, and qualifiers marking a fact approximate or inferred.' });

const linkPartSchema = z.strictObject({
  kind: nameSchema,
  code: z.string().max(200).optional(),
  title: textSchema,
  year: z.number().int().min(1900).max(2200).optional(),
  line: z.number().int().min(1).optional().meta({ description: 'The line of the source document the link is read from.' }),
});

export const linkSchema = linkPartSchema.extend({
  parts: z.array(linkPartSchema).max(50).optional().meta({ description: "A hierarchical link's parts in document order (e.g. the operational objectives of a DUP strategic line)." }),
});

/** A JSON number that is finite (JSON has no NaN; 1e400 parses to Infinity and is refused). */
export const finiteNumberSchema = z.number();
