/**
 * Stream layout (see docs/streams-and-events.md, "Stream layout"):
 *   org-<orgId>                       the org and its whole structure: a reorganisation is
 *                                     checked against the entire chart (cycles, parents), so the
 *                                     org is one consistency boundary, guarded by its revision;
 *   objective-<orgId>.<objectiveId>   one objective with its indicators: revisions race per
 *                                     objective (If-Match is the stream revision);
 *   indicator-<orgId>.<indicatorId>   measurements of one indicator: append-only, no races.
 *   source-<sourceId>                 one registered source (docs/evidence.md): registered once.
 *   plan-item-<orgId>.<itemId>        one item of a plan (a strategic dimension, a cross-cutting
 *                                     objective): defined once.
 * Org ids are slugs without dots, so the first dot always separates org and entity id.
 */
export const orgStream = (orgId: string): string => `org-${orgId}`;
export const objectiveStream = (orgId: string, objectiveId: string): string => `objective-${orgId}.${objectiveId}`;
export const indicatorStream = (orgId: string, indicatorId: string): string => `indicator-${orgId}.${indicatorId}`;
export const planItemStream = (orgId: string, itemId: string): string => `plan-item-${orgId}.${itemId}`;
export const sourceStream = (sourceId: string): string => `source-${sourceId}`;
