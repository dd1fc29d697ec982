/** Response schemas and problem responses of the OpenAPI document (request schemas come from zod). */
const str = { type: 'string' } as const;
const date = { type: 'string', format: 'date' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const int = { type: 'integer' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', properties, required });

/** The basis of every read: the cut it was answered at. */
export const basisProperties = {
  at: { ...nullable(date), description: 'Valid time answered for (null for answers that span valid time).' },
  asKnownAt: { ...instant, description: 'System time: the instant the answer is as known at.' },
  position: { ...int, description: 'The last global position the answer reflects.' },
};

const act = object({ id: str, kind: str, title: str, date, url: str }, ['id']);
const competency = object({ competencyId: str, text: str });
const head = object({ person: str, title: nullable(str) });
const unitProperties = { unitId: str, name: str, kind: str, parentId: nullable(str), competencies: { type: 'array', items: competency }, head: nullable(head) };

export const componentSchemas = {
  Problem: object({
    type: str,
    title: str,
    status: int,
    detail: str,
    code: str,
    problems: { type: 'array', items: object({ field: { ...str, description: "Path of the offending field, e.g. changes/1/parentId ('' = the whole body)." }, message: str }) },
  }),
  CommandResult: object({ position: int, revision: { ...int, description: 'Revision of the target stream: the new ETag.' }, eventIds: { type: 'array', items: str } }),
  OrgSummary: object({ orgId: str, name: str, registeredAt: instant }),
  Unit: object(unitProperties),
  UnitTreeNode: object({ ...unitProperties, children: { type: 'array', items: ref('UnitTreeNode') } }),
  HistoryEntry: object({
    eventId: str,
    streamId: str,
    revision: int,
    position: int,
    type: str,
    effectiveFrom: date,
    recordedAt: instant,
    recordedBy: str,
    act: nullable(act),
    provenance: nullable({ type: 'object' }),
    change: { type: 'object', description: 'What changed: the event payload.' },
  }),
  Indicator: object({
    indicatorId: str,
    description: str,
    kind: nullable(str),
    unit: nullable(str),
    target: { type: 'number' },
    latest: nullable(object({ value: { type: 'number' }, measuredAt: date })),
  }),
  Objective: object({
    objectiveId: str,
    unitId: str,
    title: { ...str, description: 'In a PDO: the statement for the plan year as it stood at `at`.' },
    status: { enum: ['active', 'withdrawn'] },
    plan: nullable(str),
    years: nullable({ type: 'object', additionalProperties: str }),
    links: { type: 'array', items: { type: 'object' } },
    effectiveFrom: date,
    indicators: { type: 'array', items: ref('Indicator') },
    revision: int,
  }),
  Measurement: object({ value: { type: 'number' }, measuredAt: date, note: nullable(str), source: nullable(str), recordedAt: instant, position: int }),
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

export const problemResponses = {
  BadRequest: problem('Malformed JSON, unknown field or query parameter, impossible date, value out of range: `problems` names each field.'),
  NotFound: problem('Unknown org, unit, objective or indicator (as known at the cut), or not active / not defined on `at`.'),
  Conflict: problem('Already exists.'),
  PreconditionFailed: problem('If-Match is stale: nothing was appended.'),
  PayloadTooLarge: problem('Body larger than 1mb.'),
  Unprocessable: problem('Invalid against the state on the effective date: `problems` lists every invalid field (e.g. changes/3/unitId); nothing was appended.'),
};

export const jsonResponse = (description: string, properties: Record<string, object>, headers?: object) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: object({ ...basisProperties, ...properties }) } },
});

export const commandResponse = (description: string, headers: object = {}) => ({
  description,
  headers,
  content: { 'application/json': { schema: ref('CommandResult') } },
});

export { ref };
