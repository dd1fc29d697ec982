/**
 * Security headers on every response (Helmet's defaults), with a Content-Security-Policy that
 * admits only this origin: the page's own scripts, styles and EventSource/fetch to itself; no
 * inline script, no plugins, no framing. Referrer-Policy no-referrer (URLs carry cuts and ids).
 */
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
