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
/** `provenance` is present only with provenance=true (openapi-provenance.ts). */
const withProvenance = (properties: Record<string, object>, name: string) => object({ ...properties, provenance: ref(name) }, Object.keys(properties));
const evidence = ref('Evidence');
const competency = withProvenance({ competencyId: str, text: str, evidence }, 'CompetencyProvenance');
const head = object({ person: str, title: nullable(str), evidence });
const unitProperties = { unitId: str, name: str, kind: str, parentId: nullable(str), competencies: { type: 'array', items: competency }, head: nullable(head), evidence };
/** A strategic link's fields (DUP line, shared objective, classification); `line` is where the document has it. */
const linkPart = { kind: str, code: str, title: str, year: int, line: int };
const statuses = ['enacted', 'attested', 'carried-forward', 'announced', 'inferred'];

export const componentSchemas = {
  Problem: object({
    type: str,
    title: str,
    status: int,
    detail: str,
    code: str,
    problems: { type: 'array', items: object({ field: { ...str, description: "Path of the offending field, e.g. changes/1/parentId ('' = the whole body)." }, message: str }) },
  }),
  CommandResult: object(
    {
      position: int,
      revision: { ...int, description: 'Revision of the target stream: the new ETag.' },
      eventIds: { type: 'array', items: str },
      readModel: {
        ...object({ caughtUp: { type: 'boolean', enum: [false] }, appliedPosition: int, note: str }),
        description: 'Only when the read models had not applied the command within the wait bound (10 s): the command is stored and durable, but queries may not show it yet.',
      },
    },
    ['position', 'revision', 'eventIds'],
  ),
  OrgSummary: object({ orgId: str, name: str, registeredAt: instant }),
  Evidence: {
    ...object(
      {
        status: {
          enum: statuses,
          description:
            'enacted: an act made it so and it has not changed since; attested: `at` is within a date or period a source shows it; carried-forward: `at` is after the last attestation and nothing ended it; announced: only announcing sources speak of it; inferred: only an inference supports it. A unit\'s is the weakest of its name, parent and kind.',
        },
        firstAttestedOn: nullable(date),
        lastAttestedOn: { ...nullable(date), description: 'For carried-forward: since when.' },
        sources: { type: 'array', items: str, description: 'Registered source ids (or the act id of an enacting act not registered as a source).' },
        conflicts: {
          type: 'array',
          description: 'Only when a source states another value: recorded as its view, never applied.',
          items: object({ field: str, value: {}, sourceId: str, from: date, to: date }),
        },
        notAttestedBy: { type: 'array', items: str, description: 'Complete-scope sources covering `at` that do not list this fact (complete-structure: a unit of its scope; complete-plan: an objective of the org): evidence, never a dissolution or a withdrawal.' },
      },
      ['status', 'firstAttestedOn', 'lastAttestedOn', 'sources'],
    ),
    description: 'How a fact is known at the cut (docs/evidence.md); in every answer, without a token and without provenance=true.',
  },
  Coverage: {
    ...object({ status: { enum: ['covered', 'uncovered'] }, sources: { type: 'array', items: str } }),
    description: 'Which sources cover `at`: registered sources whose period (or issue day) contains it, then the acts whose enacted facts stand in the answer. A date no source covers is uncovered, never a plain empty answer.',
  },
  Source: object({
    sourceId: str,
    orgId: str,
    title: str,
    kind: str,
    legalEffect: { type: 'boolean' },
    issuedOn: nullable(date),
    period: nullable(object({ from: date, to: date })),
    dateQualifier: nullable(object({ kind: { enum: ['approximate', 'inferred'] }, reason: str })),
    location: object({ file: nullable(str), lines: { type: 'array', items: object({ from: int, to: int }) }, url: nullable(str) }),
    scope: object({ kind: { enum: ['complete-structure', 'complete-plan', 'mentions'] }, rootUnitId: nullable(str) }),
    registeredAt: instant,
    position: int,
    facts: {
      ...object({ enacted: { type: 'array', items: str }, attested: { type: 'array', items: str }, announced: { type: 'array', items: str }, inferred: { type: 'array', items: str } }),
      description: 'What it enacts, attests, announces or grounds as an inference: entity keys unit:<id>, competency:<id>, head:<unitId>, objective:<id>, indicator:<id>.',
    },
    conflicts: {
      type: 'array',
      items: object({ entity: str, field: { enum: ['active'] }, value: { enum: [true] }, sourceId: str, from: date, to: date }),
      description: 'Units it attests on the first day of a period they are not active on (dissolved, or not yet established): its view, recorded and never applied (docs/evidence.md).',
    },
  }),
  Unit: withProvenance(unitProperties, 'UnitProvenance'),
  UnitTreeNode: withProvenance({ ...unitProperties, children: { type: 'array', items: ref('UnitTreeNode') } }, 'UnitProvenance'),
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
    changes: {
      type: 'array',
      items: object({ field: str, before: {}, after: {} }),
      description: 'Each attribute the event set: its value just before the event (in effective date, position order, as known at the cut; null if unset) and the value it set.',
    },
    basis: {
      ...object({ status: { enum: ['enacted', 'attested', 'announced', 'inferred'] }, sourceIds: { type: 'array', items: str }, period: nullable(object({ from: date, to: date })) }),
      description: 'How the change is known (docs/evidence.md); a FactsAttested entry is a source\'s attestation and changes no attribute.',
    },
    conflicts: {
      type: 'array',
      items: object({ field: str, value: {}, sourceId: str, from: date, to: date }),
      description: 'Only on a FactsAttested entry of a unit history whose unit is not active on the first day of the attested period: the source\'s view, never applied.',
    },
  }, ['eventId', 'streamId', 'revision', 'position', 'type', 'effectiveFrom', 'recordedAt', 'recordedBy', 'act', 'provenance', 'change', 'changes', 'basis']),
  Indicator: withProvenance({
    indicatorId: str,
    description: str,
    kind: nullable(str),
    unit: nullable(str),
    target: { type: 'number' },
    evidence,
    latest: nullable(object({ value: { type: 'number' }, measuredAt: date, evidence })),
  }, 'IndicatorProvenance'),
  Objective: withProvenance({
    objectiveId: str,
    unitId: str,
    title: { ...str, description: 'In a PDO: the statement for the plan year as it stood at `at`.' },
    status: { enum: ['active', 'withdrawn'] },
    plan: nullable(str),
    years: nullable({ type: 'object', additionalProperties: str }),
    description: { ...nullable(str), description: "The plan's detailed description of the objective; null when it gives none." },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'title'],
        properties: { ...linkPart, parts: { type: 'array', items: { type: 'object', required: ['kind', 'title'], properties: linkPart }, description: "A hierarchical link's parts in document order (e.g. the operational objectives of a DUP strategic line)." } },
      },
    },
    matrix: {
      type: 'array',
      description: 'Its public-value matrix rows, one object per row: the programma operativo, dimension and driver of one row stay together.',
      items: object({ programmaOperativo: nullable(str), dimension: nullable(str), driver: nullable(str), year: nullable(int), line: nullable(int) }),
    },
    planItems: {
      type: 'array',
      description: 'Links to items of its plan (the `planItems` of the PDO answer), each with its basis: attested when the objective\'s text cites the item, inferred with the reason otherwise.',
      items: object({ itemId: str, basis: { enum: ['attested', 'inferred'] }, reason: nullable(str) }),
    },
    effectiveFrom: date,
    indicators: { type: 'array', items: ref('Indicator') },
    revision: int,
    evidence,
    titleEvidence: { ...evidence, description: 'How `title` as shown is known (in a PDO: the year\'s statement).' },
    yearsEvidence: nullable({ type: 'object', additionalProperties: evidence }),
  }, 'ObjectiveProvenance'),
  PlanItem: object({
    itemId: str,
    plan: str,
    kind: { ...str, description: 'e.g. dimensione-strategica, obiettivo-trasversale.' },
    code: nullable(str),
    title: str,
    description: nullable(str),
    effectiveFrom: date,
    evidence,
  }),
  Measurement: withProvenance({ value: { type: 'number' }, measuredAt: date, note: nullable(str), source: nullable(str), recordedAt: instant, position: int, evidence: { ...evidence, description: 'How it is known on its own measuredAt: attested by its source (over attestedPeriod when given), announced or inferred as recorded.' } }, 'FactProvenance'),
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

export const problemResponses = {
  BadRequest: problem('Malformed JSON, unknown field or query parameter, impossible date, value out of range: `problems` names each field.'),
  NotFound: problem('Unknown org, unit, objective or indicator (as known at the cut), or not active / not defined on `at`.'),
  Conflict: problem('Already exists (or, for an act, already annulled), or the command lost the race to concurrent writers on every retry: nothing was appended; send it again.'),
  PreconditionFailed: problem('If-Match is stale: nothing was appended.'),
  PayloadTooLarge: problem('Body larger than 256kb.'),
  Unprocessable: problem('Invalid against the state on the effective date: `problems` lists every invalid field (e.g. changes/3/unitId); nothing was appended. Code idempotency_key_reused: the Idempotency-Key was already used for a different command.'),
  Unauthorized: {
    ...problem('No bearer token where one is needed, or an unknown, revoked or malformed one (on every route but the always-open ones).'),
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="orgtrail", with error="invalid_token" for a token that is not valid.', schema: str } },
  },
  Forbidden: {
    ...problem("The token's role may not do this (e.g. provenance=true needs auditor or admin; commands need editor or admin)."),
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="orgtrail", error="insufficient_scope".', schema: str } },
  },
  TooManyRequests: {
    ...problem('The rate limit (ORGTRAIL_RATE_LIMIT requests a minute per token, or per client address without one) is used up.'),
    headers: { 'Retry-After': { description: 'Seconds until one request is available again.', schema: int } },
  },
  UnsupportedMediaType: problem('The body is not application/json (or +json) in UTF-8: `problems` names Content-Type.'),
  ServiceUnavailable: {
    ...problem('The event store is unavailable: nothing was acknowledged; send the command again (with an Idempotency-Key) once it is back.'),
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: int } },
  },
  StorageFull: {
    ...problem('Code storage_full: the store has no space left (disk full); nothing was appended. The same request succeeds once space is freed.'),
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: int } },
  },
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

/** Schema building blocks, for the path modules that write their own response schemas (openapi-*.ts). */
export { date, instant, int, nullable, object, ref, str };
