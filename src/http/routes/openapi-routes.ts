/** GET /openapi.json: the OpenAPI 3.1 description of this API, built once. */
import { Router } from 'express';
import { withExportAnswers } from '../export/openapi-exports.ts';
import { buildOpenApiDocument } from '../openapi.ts';

export function openApiRoutes(): Router {
  const router = Router();
  let document: object | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= withExportAnswers(buildOpenApiDocument());
    res.json(document);
  });
  return router;
}
