import { linkSchemaV2, matrixRowSchema, planItemLinkSchema, textSchema } from './fragments.ts';
import { objectiveDefinedV1 } from './objective-defined.v1.ts';

/**
 * v2: v1 plus the objective's description, its public-value matrix rows (one object per row),
 * its links to items of its plan, and links that keep their line and parts. Written with
 * metadata.schemaVersion 3; v1 events (schemaVersion 1, 2) are upcast by events/upcast.ts.
 */
export const objectiveDefinedV2 = {
  ...objectiveDefinedV1,
  $id: 'orgtrail/ObjectiveDefined/v2',
  required: [...objectiveDefinedV1.required, 'description', 'matrix', 'planItems'],
  properties: {
    ...objectiveDefinedV1.properties,
    description: { ...textSchema, nullable: true },
    links: { type: 'array', items: linkSchemaV2, maxItems: 100 },
    matrix: { type: 'array', items: matrixRowSchema, maxItems: 100 },
    planItems: { type: 'array', items: planItemLinkSchema, maxItems: 100 },
  },
} as const;
