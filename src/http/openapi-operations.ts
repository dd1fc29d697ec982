/**
 * The parts of the OpenAPI document that follow from the access policy and from what every
 * request passes (src/http/security/request-guards.ts), applied once to every operation, so
 * that no route's description can disagree with them:
 *   - `security`: asked of the access policy itself (accessOf): none for the always-open
 *     routes, optional bearer for public reads, bearer for audit, commands and tokens (with
 *     the roles that may, in `x-roles`);
 *   - the problem answers that can happen: 429 everywhere (the rate limit), 401 wherever a
 *     token is read, 403 where a role is needed (and on reads taking `provenance`), 400 where
 *     a request has parameters or a body, 404 where the path names something, and for
 *     commands 409 (exists, annulled, or lost races), 412 (with If-Match), 413, 415, 422 and
 *     503. A route's own description of a status is kept;
 *   - `operationId` and `tags`, from OPERATIONS (an operation not listed there gets an id
 *     and tag derived from its path, so a new route is never left without them).
 */
import type { Permission } from '../auth/roles.ts';
import { accessOf } from './auth/access-policy.ts';

type Json = Record<string, unknown>;

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Json[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
}

export const TAGS = [
  { name: 'service', description: 'Health and this document.' },
  { name: 'orgs', description: 'The public bodies.' },
  { name: 'org-chart', description: 'Units, competencies and heads: the chart on a date, histories, reorganisations, diffs, competency search.' },
  { name: 'pdo', description: 'The Piano degli Obiettivi: objectives, indicators, measurements, diffs.' },
  { name: 'acts', description: 'The acts behind the changes, and annulments.' },
  { name: 'sources', description: 'The source documents the facts rest on: the registry, attestations, and the seed texts (read-only).' },
  { name: 'live', description: 'Live views over Server-Sent Events.' },
  { name: 'audit', description: 'Audit data for auditors: the raw log, verification, late records.' },
  { name: 'tokens', description: 'Bearer tokens (admin).' },
];

/** `METHOD path` → operationId and tag. */
const OPERATIONS: Record<string, [operationId: string, tag: string]> = {
  'GET /api/v1/health': ['getHealth', 'service'],
  'GET /api/v1/openapi.json': ['getOpenApiDocument', 'service'],
  'GET /api/v1/orgs': ['listOrgs', 'orgs'],
  'POST /api/v1/orgs': ['registerOrg', 'orgs'],
  'GET /api/v1/orgs/{org}/org-chart': ['getOrgChart', 'org-chart'],
  'POST /api/v1/orgs/{org}/reorganizations': ['reorganize', 'org-chart'],
  'GET /api/v1/orgs/{org}/units/{unitId}': ['getUnit', 'org-chart'],
  'GET /api/v1/orgs/{org}/units/{unitId}/history': ['getUnitHistory', 'org-chart'],
  'GET /api/v1/orgs/{org}/org-chart/diff': ['diffOrgChart', 'org-chart'],
  'GET /api/v1/orgs/{org}/competencies': ['searchCompetencies', 'org-chart'],
  'GET /api/v1/orgs/{org}/timeline': ['getTimeline', 'org-chart'],
  'GET /api/v1/orgs/{org}/search': ['searchUnitsAndObjectives', 'org-chart'],
  'GET /api/v1/sources/{id}/text': ['getSourceText', 'sources'],
  'POST /api/v1/sources': ['registerSource', 'sources'],
  'GET /api/v1/sources/{sourceId}': ['getSource', 'sources'],
  'GET /api/v1/orgs/{org}/sources': ['listSources', 'sources'],
  'POST /api/v1/orgs/{org}/attestations': ['attest', 'sources'],
  'GET /api/v1/orgs/{org}/pdo': ['getPdo', 'pdo'],
  'GET /api/v1/orgs/{org}/pdo/diff': ['diffPdo', 'pdo'],
  'POST /api/v1/orgs/{org}/plans': ['importPlanTable', 'pdo'],
  'POST /api/v1/orgs/{org}/snapshots': ['importSnapshots', 'org-chart'],
  'GET /api/v1/orgs/{org}/plans/{planId}/table': ['exportPlanTable', 'pdo'],
  'POST /api/v1/orgs/{org}/objectives': ['defineObjective', 'pdo'],
  'POST /api/v1/orgs/{org}/plan-items': ['definePlanItem', 'pdo'],
  'GET /api/v1/orgs/{org}/objectives/{objectiveId}': ['getObjective', 'pdo'],
  'PATCH /api/v1/orgs/{org}/objectives/{objectiveId}': ['reviseObjective', 'pdo'],
  'GET /api/v1/orgs/{org}/objectives/{objectiveId}/history': ['getObjectiveHistory', 'pdo'],
  'POST /api/v1/orgs/{org}/objectives/{objectiveId}/withdraw': ['withdrawObjective', 'pdo'],
  'GET /api/v1/orgs/{org}/indicators/{indicatorId}/history': ['getIndicatorHistory', 'pdo'],
  'GET /api/v1/orgs/{org}/indicators/{indicatorId}/measurements': ['listMeasurements', 'pdo'],
  'POST /api/v1/orgs/{org}/indicators/{indicatorId}/measurements': ['recordMeasurement', 'pdo'],
  'GET /api/v1/orgs/{org}/acts': ['listActs', 'acts'],
  'GET /api/v1/orgs/{org}/acts/{actId}': ['getAct', 'acts'],
  'POST /api/v1/orgs/{org}/acts/{actId}/annul': ['annulAct', 'acts'],
  'GET /api/v1/orgs/{org}/live': ['streamLiveView', 'live'],
  'GET /api/v1/audit/backdated': ['listBackdatedChanges', 'audit'],
  'GET /api/v1/audit/verify': ['verifyLog', 'audit'],
  'GET /api/v1/audit/events': ['listLogEvents', 'audit'],
  'POST /api/v1/tokens': ['issueToken', 'tokens'],
  'GET /api/v1/tokens': ['listTokens', 'tokens'],
  'DELETE /api/v1/tokens/{tokenId}': ['revokeToken', 'tokens'],
  'POST /api/v1/tokens/{tokenId}/revoke': ['revokeTokenByPost', 'tokens'],
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;

/** Who may, per permission (src/auth/roles.ts GRANTS, as role names). */
const ROLES_FOR: Record<Permission, string[]> = {
  read: ['reader', 'auditor', 'editor', 'admin'],
  audit: ['auditor', 'admin'],
  write: ['editor', 'admin'],
  admin: ['admin'],
};

const response = (name: string) => ({ $ref: `#/components/responses/${name}` });

function derivedId(method: string, path: string): [string, string] {
  const words = path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter((segment) => segment !== '' && !segment.startsWith('{') && segment !== 'orgs')
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter((word) => word !== '');
  const id = [method, ...words].map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
  const tag = path.startsWith('/api/v1/orgs/{org}/') ? (TAGS.find((t) => t.name === words[0])?.name ?? 'orgs') : 'service';
  return [id, tag];
}

function withAnswers(operation: Operation, answers: Record<number, string>): void {
  const responses = (operation.responses ??= {});
  for (const [status, name] of Object.entries(answers)) responses[status] ??= response(name);
}

function describeOperation(method: string, path: string, operation: Operation): void {
  const [operationId, tag] = OPERATIONS[`${method.toUpperCase()} ${path}`] ?? derivedId(method, path);
  operation.operationId ??= operationId;
  operation.tags ??= [tag];

  const access = accessOf({ method: method.toUpperCase(), path, provenance: false, format: 'json' });
  const parameters = operation.parameters ?? [];
  const hasInput = parameters.length > 0 || operation.requestBody !== undefined;
  const takesProvenance = parameters.some((p) => p.in === 'query' && p.name === 'provenance');
  const answers: Record<number, string> = { 429: 'TooManyRequests' };
  if (access === 'open') {
    operation.security = [];
  } else {
    operation.security = access === 'read' ? [{}, { bearer: [] }] : [{ bearer: [] }];
    operation['x-roles'] = ROLES_FOR[access];
    answers[401] = 'Unauthorized';
    if (access !== 'read' || takesProvenance) answers[403] = 'Forbidden';
  }
  if (hasInput) answers[400] = 'BadRequest';
  if (parameters.some((p) => p.in === 'path')) answers[404] = 'NotFound';
  if (access === 'write') {
    Object.assign(answers, { 409: 'Conflict', 422: 'Unprocessable', 503: 'ServiceUnavailable' });
    if (operation.requestBody !== undefined) Object.assign(answers, { 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' });
  }
  if (parameters.some((p) => p.in === 'header' && p.name === 'If-Match')) answers[412] = 'PreconditionFailed';
  withAnswers(operation, answers);
}

/** A new document in which every operation has its security, problem answers, operationId and tags. */
export function withOperationDescriptions<D extends Json>(document: D): D {
  const paths = structuredClone(document['paths'] ?? {}) as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) describeOperation(method, path, operation);
    }
  }
  return { ...document, tags: TAGS, paths };
}
