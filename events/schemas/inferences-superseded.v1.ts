import { idSchema, textSchema } from './fragments.ts';

/**
 * Changes an earlier snapshot import derived (the inferences between two snapshots, or the
 * establishments of the earliest one) that the snapshot `sourceId`, placed between or before
 * them, supersedes: each is retracted from this event's position on, like an annulled act's
 * events (answers as known before it are unchanged). `position` locates the event, `eventId`
 * checks it (an entry whose id does not match is ignored). docs/import.md, "Retraction".
 */
export const inferencesSupersededV1 = {
  $id: 'orgtrail/InferencesSuperseded/v1',
  type: 'object',
  additionalProperties: false,
  required: ['sourceId', 'superseded', 'reason'],
  properties: {
    sourceId: idSchema,
    superseded: {
      type: 'array',
      minItems: 1,
      maxItems: 5000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['eventId', 'position'],
        properties: { eventId: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }, position: { type: 'integer', minimum: 0 } },
      },
    },
    reason: textSchema,
  },
} as const;
