import { linkSchemaV2, matrixRowSchema, planItemLinkSchema, textSchema } from './fragments.ts';
import { objectiveRevisedV1 } from './objective-revised.v1.ts';

/**
 * v2: v1 plus description (null clears it), matrix and planItems (each replaces the whole list)
 * and v2 links. Only the fields present changed; `years` merges per year (null removes that year).
 */
export const objectiveRevisedV2 = {
  ...objectiveRevisedV1,
  $id: 'orgtrail/ObjectiveRevised/v2',
  properties: {
    ...objectiveRevisedV1.properties,
    description: { ...textSchema, nullable: true },
    links: { type: 'array', items: linkSchemaV2, maxItems: 100, nullable: true },
    matrix: { type: 'array', items: matrixRowSchema, maxItems: 100, nullable: true },
    planItems: { type: 'array', items: planItemLinkSchema, maxItems: 100, nullable: true },
  },
} as const;
