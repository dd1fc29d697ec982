/**
 * The OpenAPI document as served at /api/v1/openapi.json: the routes' descriptions
 * (openapi.ts), their export answers (export/openapi-exports.ts), then what the access policy
 * and the request guards add to every operation (openapi-operations.ts).
 */
import { withExportAnswers } from './export/openapi-exports.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { withOperationDescriptions } from './openapi-operations.ts';

export function openApiDocument(): Record<string, unknown> {
  return withOperationDescriptions(withExportAnswers(buildOpenApiDocument()));
}
