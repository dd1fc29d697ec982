/**
 * JSON Schema builders shared by the OpenAPI path modules: plain objects whose every listed
 * property is required unless told otherwise, nullable as `oneOf` with null (OpenAPI 3.1).
 */
export const str = { type: 'string' };
export const int = { type: 'integer' };
export const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
export const arrayOf = (items: object) => ({ type: 'array', items });
export const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', properties, required });
