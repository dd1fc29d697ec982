/**
 * The web page as the service serves it: `/` and its assets with their content types and
 * revalidation headers, nothing loaded from another origin, and the API's 404s untouched by
 * the static route.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIR } from '../../src/http/static-routes.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import { startTestApp, type TestApp } from '../support/start-test-app.ts';

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

describe('the web page served at /', () => {
  let app: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    api = apiClient(app.url);
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves index.html at / as Italian HTML, revalidated on each use, limited to its own origin', async () => {
    const page = await api.get('/');
    expect(page.status).toBe(200);
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<html lang="it">');
    expect(page.body).toContain('src="js/main.js"');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('etag')).toBeTruthy();
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('serves the modules as JavaScript and the stylesheet as CSS, and answers 304 to a matching If-None-Match', async () => {
    const script = await api.get('/js/main.js');
    expect(script.status).toBe(200);
    expect(script.contentType).toMatch(/^text\/javascript/);
    expect((await api.get('/styles.css')).contentType).toMatch(/^text\/css/);

    // As a browser revalidates (fetch() would otherwise add `Cache-Control: no-cache`, which forbids a 304).
    const again = await api.get('/js/main.js', { 'if-none-match': script.headers.get('etag')!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
  });

  it('leaves unknown API paths and missing assets to the problem+json 404', async () => {
    for (const path of ['/api/v1/no-such-route', '/api/no-such-version', '/api', '/no-such-file.js']) {
      const response = await api.get(path);
      expect(response.status, path).toBe(404);
      expect(response.contentType, path).toMatch(/^application\/problem\+json/);
    }
  });

  it('loads nothing from another origin: no absolute URL in the page files but the SVG namespace', () => {
    const files = readdirSync(WEB_DIR, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(html|js|css)$/.test(name));
    expect(files).toEqual(expect.arrayContaining(['index.html', 'styles.css', join('js', 'main.js')]));
    for (const name of files) {
      const text = readFileSync(join(WEB_DIR, name), 'utf8').replaceAll(SVG_NAMESPACE, '');
      expect(text.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi), name).toBeNull();
    }
  });
});
