/**
 * OpenAPI schemas of what `provenance=true` adds to an answer (src/read/provenance*.ts): for
 * each fact, the event that produced it. Merged into the document's components by openapi.ts.
 */
const str = { type: 'string' };
const int = { type: 'integer' };
const date = { type: 'string', format: 'date' };
const instant = { type: 'string', format: 'date-time' };
const bool = { type: 'boolean' };
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const object = (properties: Record<string, object>) => ({ type: 'object', properties, required: Object.keys(properties) });
const fact = nullable({ $ref: '#/components/schemas/FactProvenance' });

export const provenanceSchemas = {
  FactProvenance: {
    ...object({
      eventId: str,
      streamId: str,
      position: int,
      type: str,
      effectiveFrom: date,
      recordedAt: instant,
      recordedBy: str,
      act: nullable({ type: 'object', properties: { id: str, kind: str, title: str, date, url: str }, required: ['id'] }),
      source: nullable({ type: 'object', properties: { document: str, location: str }, required: ['document'] }),
      approximate: bool,
      inferred: bool,
      qualifiers: { type: 'array', items: object({ kind: { enum: ['approximate', 'inferred'] }, field: str, reason: str }) },
    }),
    description: 'The event that produced a fact (the version in force at the cut), with the qualifiers that apply to that fact.',
  },
  UnitProvenance: object({ name: fact, kind: fact, parentId: fact, active: fact, head: fact }),
  CompetencyProvenance: object({ holder: fact, text: fact }),
  ObjectiveProvenance: object({ status: fact, title: fact, unitId: fact, links: fact, description: fact, matrix: fact, planItems: fact, years: { type: 'object', additionalProperties: fact } }),
  IndicatorProvenance: object({ description: fact, kind: fact, unit: fact, target: fact, latest: fact }),
};
