/**
 * Query string of GET /api/v1/audit/events. `from`/`to` filter by recordedAt (system time),
 * the axis the raw log is ordered by; effective dates (valid time) are in each event's
 * metadata (`effectiveFrom`) and are the business of the read endpoints, not of the raw log.
 */
import { z } from 'zod';
import { instantSchema, orgIdSchema } from './common-schemas.ts';

export const AUDIT_EVENTS_MAX_LIMIT = 1_000;

export const auditEventsQuerySchema = z
  .strictObject({
    org: orgIdSchema.optional().meta({ description: 'Only events of this org (metadata.orgId); system events have none.' }),
    stream: z.string().min(1).max(300).optional().meta({ description: 'Only events of this stream, e.g. org-comune-milano.' }),
    type: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,99}$/, 'must be an event type name, e.g. UnitRenamed')
      .optional()
      .meta({ description: 'Only events of this type.' }),
    from: instantSchema.optional().meta({ description: 'System time: only events with recordedAt at or after this instant.' }),
    to: instantSchema.optional().meta({ description: 'System time: only events with recordedAt before this instant (exclusive).' }),
    after: z
      .string()
      .regex(/^(-1|0|[1-9]\d{0,15})$/, 'must be an integer >= -1 (the `next` cursor of the previous page)')
      .transform(Number)
      .optional()
      .meta({ description: 'Cursor: only events at global positions after this one (default: from the start).' }),
    limit: z
      .string()
      .regex(/^[1-9]\d{0,3}$/, `must be an integer from 1 to ${AUDIT_EVENTS_MAX_LIMIT}`)
      .transform(Number)
      .pipe(z.number().max(AUDIT_EVENTS_MAX_LIMIT, `must be at most ${AUDIT_EVENTS_MAX_LIMIT}`))
      .optional()
      .meta({ description: `Events per page (default 100, at most ${AUDIT_EVENTS_MAX_LIMIT}).` }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), { message: 'must be before to', path: ['from'] });

export type AuditEventsQuery = z.output<typeof auditEventsQuerySchema>;

/** GET /api/v1/audit/verify takes no parameters: an unknown one is a 400 naming it. */
export const auditVerifyQuerySchema = z.strictObject({});
