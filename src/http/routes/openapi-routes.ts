/** GET /openapi.json: the OpenAPI 3.1 description of this API, built once. */
import { Router } from 'express';
import { openApiDocument } from '../openapi-document.ts';

export function openApiRoutes(): Router {
  const router = Router();
  let document: object | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= openApiDocument();
    res.json(document);
  });
  return router;
}
