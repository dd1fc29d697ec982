import { textSchema } from './fragments.ts';

/**
 * An act is annulled: every effect of its events is retracted from their own effective dates
 * (an annulled act never had effect), as known from this event's position on. `actId` is the
 * annulled act (any act id: ids are the metadata's `act.id`, up to 200 characters); the
 * annulling act is this event's metadata `act`.
 */
export const actAnnulledV1 = {
  $id: 'orgtrail/ActAnnulled/v1',
  type: 'object',
  additionalProperties: false,
  required: ['actId', 'reason'],
  properties: { actId: { type: 'string', minLength: 1, maxLength: 200 }, reason: textSchema },
} as const;
