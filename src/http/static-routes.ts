/**
 * The web page (web/): index.html at `/`, its modules and stylesheet beside it. Mounted after
 * the API and before the unknown-route handler; it never answers under /api, so unknown API
 * paths stay problem+json 404s, and a missing asset falls through to the same 404.
 *
 * Caching: the files are not fingerprinted, so every response is `Cache-Control: no-cache`
 * with ETag and Last-Modified: browsers keep a copy and revalidate it (304) on each use.
 * Security headers (the Content-Security-Policy that admits nothing beyond this origin, nosniff,
 * Referrer-Policy) come from the app's request guards, as on every response.
 */
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

/** Paths the page never serves: the API's namespace. */
const API_NAMESPACE = '/api';

export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

export function staticRoutes(webDir: string = WEB_DIR): Router {
  const router = Router();
  const files = express.static(webDir, {
    index: 'index.html',
    etag: true,
    lastModified: true,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders(res) {
      res.setHeader('Cache-Control', 'no-cache');
    },
  });
  router.use((req, res, next) => {
    if (req.path === API_NAMESPACE || req.path.startsWith(`${API_NAMESPACE}/`)) return next();
    return files(req, res, next);
  });
  return router;
}
