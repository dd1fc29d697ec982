/**
 * Query string of GET /api/v1/orgs/:org/live, and the Last-Event-ID header. Strict: an
 * unknown parameter is a 400 naming it; a filter the view cannot apply is a 400 naming it.
 */
import { z } from 'zod';
import { idSchema } from '../http/schemas/common-schemas.ts';

/** A global position as the SSE `id` carries it; -1 means "before the first event". */
export const positionSchema = z
  .string()
  .regex(/^(-1|0|[1-9]\d{0,14})$/, 'must be an integer >= -1 (the id of the last message received)')
  .transform(Number);

/** The parameters themselves (the OpenAPI document lists them from this object). */
export const liveQueryObjectSchema = z.strictObject({
  view: z.enum(['org-chart', 'pdo', 'events']).meta({ description: "org-chart: today's chart as known now; pdo: the current year's PDO; events: the org's events." }),
  unitId: idSchema.optional().meta({ description: "Only that unit's subtree (as it stands today); for pdo, objectives owned by a unit of it." }),
  objectiveId: idSchema.optional().meta({ description: 'Only that objective (pdo, events).' }),
  indicatorId: idSchema.optional().meta({ description: 'Only the events of that indicator, with the objective owning it (pdo, events).' }),
  lastEventId: positionSchema.optional().meta({ description: 'Resume after this position, for clients that cannot send the Last-Event-ID header (the header wins).' }),
});

export const liveQuerySchema = liveQueryObjectSchema.superRefine((query, ctx) => {
  if (query.view !== 'org-chart') return;
  for (const field of ['objectiveId', 'indicatorId'] as const) {
    if (query[field] !== undefined) ctx.addIssue({ code: 'custom', message: 'applies to view=pdo and view=events only', path: [field] });
  }
});

export const lastEventIdHeaderSchema = z.strictObject({ 'Last-Event-ID': positionSchema.optional() });
