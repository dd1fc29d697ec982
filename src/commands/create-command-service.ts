/**
 * The command side. Each command is decided on the read models as they stand (state at its
 * effective date, as known now), then appended with the stream revision the decision saw:
 * if another writer got there first the store rejects the append and the command is decided
 * again once the models have caught up (or, with If-Match, answered 412). An acknowledged
 * command is durable and visible to the next query: we wait for the projector, at most
 * `projectorWaitMs`; if it has not caught up by then (its subscription dropped right after the
 * append: an outage, a failover), the answer says what was appended and carries a `readModel`
 * note instead of hanging.
 */
import { createHash, randomUUID } from 'node:crypto';
import { CURRENT_METADATA_VERSION, validateEvent } from '../../events/catalogue.ts';
import type { EventEvidence, EventMetadata, SourceRegistered } from '../../events/types.ts';
import { canonicalJson, toJsonValue } from '../audit/canonical-json.ts';
import { KeyedLock } from '../audit/keyed-lock.ts';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError, PreconditionFailedError, UnprocessableError, WrongExpectedRevisionError } from '../errors.ts';
import type { Projector } from '../read/projector.ts';
import type { EventStore, ExpectedRevision } from '../store/event-store.ts';
import { romeDateOf } from '../time/calendar-date.ts';
import type { ActRef, CommandContext, CommandResult, CommandService, EvidenceInput, ReadModelLag, RegisterSource } from './command-types.ts';
import { decideAttestation } from './decide-attestation.ts';
import { coverageOf, RECORD_EVIDENCE, resolveEvidence } from './resolve-evidence.ts';
import { decideAnnulment } from './decide-annulment.ts';
import { decideDefineObjective, decideReviseObjective, decideWithdrawObjective, type ObjectiveContext } from './decide-objective.ts';
import { decideReorganization, type Decision, type EventDraft } from './decide-reorganization.ts';
import { eventIds, nameBasedUuid } from './event-ids.ts';
import { laterDateProblems } from './check-later-dates.ts';
import { plainJson } from './plain-json.ts';
import { DEFAULT_STRUCTURE_LIMITS, type StructureLimits } from './structure-limits.ts';
import { indicatorStream, objectiveStream, orgStream, planItemStream, sourceStream } from './streams.ts';

export interface CommandServiceDeps {
  store: EventStore;
  projector: Projector;
  /** System clock, only to date an org's registration (its valid time is the day it is registered). */
  clock: () => Date;
  /** How long a command waits for the read models to apply what it appended (default 10 s). */
  projectorWaitMs?: number;
  /** Deepest unit tree and largest reorganisation (default DEFAULT_STRUCTURE_LIMITS). */
  limits?: StructureLimits;
}

const DEFAULT_PROJECTOR_WAIT_MS = 10_000;

const MAX_ATTEMPTS = 5;

/**
 * create: the stream must not exist (409 otherwise); update: exact revision — for every other
 * command, measurements too, though they decide nothing on the stream: only an exact revision
 * or no_stream makes the store recognise a retried batch durably (src/store/event-store.ts).
 */
type StreamMode = 'create' | 'update';

/** What every event of one command shares in its metadata. */
type CommandMeta = { orgId: string; act: ActRef | null; effectiveFrom: string; evidence: EventEvidence };

/** Kinds of source that are acts with legal effect: they enact changes (issue 15). */
const LEGAL_EFFECT_KINDS = new Set(['delibera', 'determinazione', 'determina', 'decreto', 'regolamento']);

export function createCommandService({ store, projector, clock, projectorWaitMs = DEFAULT_PROJECTOR_WAIT_MS, limits = DEFAULT_STRUCTURE_LIMITS }: CommandServiceDeps): CommandService {
  const models = projector.models;

  /** Waits for the projector to reach `position`, at most projectorWaitMs; the lag if it did not. */
  async function readModelAt(position: number): Promise<ReadModelLag | undefined> {
    if (models.position >= position) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), projectorWaitMs);
    });
    try {
      if ((await Promise.race([projector.waitForPosition(position), timedOut])) !== 'timeout') return undefined;
    } finally {
      clearTimeout(timer);
    }
    const appliedPosition = models.position;
    return {
      caughtUp: false,
      appliedPosition,
      note: `the command is stored at position ${position}, but the read models had applied only up to position ${appliedPosition} after ${projectorWaitMs} ms: queries may not show it yet`,
    };
  }

  const requireOrg = (orgId: string) => {
    const org = models.org(orgId);
    if (!org) throw new NotFoundError(`org ${orgId} does not exist`);
    return org;
  };

  /**
   * Commands on one stream take turns in this process, each decided on the state the previous
   * one left: concurrent requests then never lose a race among themselves (without this, N
   * simultaneous commands would need N rounds of retries). Races with other processes remain
   * and are retried below.
   */
  const streamTurns = new KeyedLock();

  /**
   * Runs one command in its stream's turn. A command whose idempotency key was already used is
   * answered, in that turn, with the original result and appends nothing: N identical requests
   * sent at once all get the first one's answer, since each later one finds the first one's
   * events applied when its turn comes (a check before the turn would let them all decide).
   * The key's command is named by its digest (kind, input and provenance, see commandDigest),
   * so the same key with a different command is refused, whatever the stream.
   */
  function inTurn(
    streamId: string,
    ctx: CommandContext,
    command: { kind: string; input: object },
    run: (ctx: KeyedContext) => Promise<CommandResult>,
  ): Promise<CommandResult> {
    return streamTurns.run(streamId, async () => {
      if (ctx.idempotencyKey === undefined) return run(ctx);
      const keyed: KeyedContext = { ...ctx, commandDigest: commandDigest(command.kind, command.input, ctx.provenance) };
      return replayed(streamId, keyed) ?? run(keyed);
    });
  }

  /**
   * The original result of the command already appended with this key, if any: a retry (after
   * a timeout or a 503 whose append had in fact been written) gets it. The stored event ids
   * witness the command's digest (eventIds); events appended before digests were derived carry
   * none, and are taken as the same command.
   */
  function replayed(streamId: string, ctx: KeyedContext): CommandResult | undefined {
    const key = ctx.idempotencyKey!;
    const prior = models.keyedCommand(nameBasedUuid(`${key}#command`));
    if (prior === undefined) return undefined;
    const firstId = prior.eventIds[0];
    const sameCommand = firstId === eventIds(1, keyedName(ctx))[0] || firstId === eventIds(1, key)[0];
    if (prior.streamId !== streamId || !sameCommand) {
      throw new IdempotencyKeyReusedError(
        prior.streamId !== streamId ? `already used for a command on ${prior.streamId}` : 'already used for a command with a different body',
      );
    }
    return { position: prior.position, revision: prior.revision, eventIds: [...prior.eventIds] };
  }

  /** Decide → append with the revision the decision saw → retry on a lost race (unless If-Match). Runs in the stream's turn. */
  async function decideAndAppend(
    streamId: string,
    ctx: KeyedContext,
    meta: CommandMeta,
    /** May yield to the event loop (the later-date check does): it reads the models at the position it starts at. */
    decide: () => Decision | Promise<Decision>,
    mode: StreamMode = 'update',
  ): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      const revision = models.streamRevision(streamId);
      if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision) {
        throw new PreconditionFailedError(`If-Match revision ${ctx.expectedRevision} is stale: the current revision is ${revision ?? 'none'}`);
      }
      // An annulled act never had effect, and can have none from now on.
      if (meta.act && models.org(meta.orgId)?.acts.get(meta.act.id, models.position)?.annulment) {
        throw new UnprocessableError(`act ${meta.act.id} was annulled`, [{ field: 'act/id', message: `act ${meta.act.id} was annulled: no change can cite it` }]);
      }
      const decision = await decide();
      if (!decision.ok) throw new UnprocessableError('the command is invalid against the state on its effective date', decision.problems);
      const events = toEvents(decision.events, ctx, meta);
      try {
        const expectedRevision: ExpectedRevision = mode === 'create' ? 'no_stream' : (revision ?? 'no_stream');
        const result = await store.append(streamId, events, { expectedRevision });
        const lag = await readModelAt(result.position);
        return { position: result.position, revision: result.nextExpectedRevision, eventIds: events.map((e) => e.id), ...(lag ? { readModel: lag } : {}) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (mode === 'create') throw new ConflictError(`${streamId} already exists`);
        if (ctx.expectedRevision !== undefined) throw new PreconditionFailedError(`stream ${streamId} changed concurrently: If-Match is stale`);
        if (attempt >= MAX_ATTEMPTS) throw new ConflictError(`stream ${streamId} kept changing concurrently; try again`);
        await projector.catchUp();
      }
    }
  }

  function toEvents(drafts: EventDraft[], ctx: KeyedContext, meta: CommandMeta) {
    const commandId = ctx.idempotencyKey ? nameBasedUuid(`${ctx.idempotencyKey}#command`) : randomUUID();
    const metadata: EventMetadata = stripUndefined({
      schemaVersion: CURRENT_METADATA_VERSION,
      orgId: meta.orgId,
      recordedBy: ctx.recordedBy,
      act: meta.act,
      effectiveFrom: meta.effectiveFrom,
      correlationId: ctx.correlationId ?? commandId,
      causationId: commandId,
      provenance: ctx.provenance,
      evidence: meta.evidence,
    });
    const ids = eventIds(drafts.length, keyedName(ctx));
    return drafts.map((draft, index) => {
      const event = validateEvent({ type: draft.type, data: stripUndefined(draft.data), metadata });
      return { id: ids[index]!, ...event };
    });
  }

  /** The command's evidence (metadata v2), checked against the source registry. */
  function evidenceOf(orgId: string, input: EvidenceInput, act: ActRef | null, effectiveFrom: string): EventEvidence {
    return resolveEvidence(input, act, effectiveFrom, orgId, (sourceId) => models.sources.get(sourceId)?.source);
  }

  function objectiveContext(orgId: string, effectiveFrom: string): ObjectiveContext {
    const org = requireOrg(orgId);
    const cut = { at: effectiveFrom, maxPosition: models.position };
    return {
      unitActive: (unitId) => org.chart.unit(unitId, cut) !== undefined,
      indicatorOwner: (indicatorId) => org.pdo.indicatorOwner(indicatorId, models.position),
      planItemKnown: (itemId) => org.pdo.planItemTimelines(itemId)?.defined.firstValidFrom(models.position) !== undefined,
    };
  }

  function currentObjective(orgId: string, objectiveId: string, effectiveFrom: string) {
    const org = requireOrg(orgId);
    const known = org.pdo.objective(objectiveId, { at: '9999-12-31', maxPosition: models.position });
    if (!known) throw new NotFoundError(`objective ${objectiveId} does not exist in org ${orgId}`);
    return org.pdo.objective(objectiveId, { at: effectiveFrom, maxPosition: models.position }) ?? { ...known, status: 'active' as const };
  }

  return {
    createOrg: (cmd, ctx) =>
      inTurn(orgStream(cmd.orgId), ctx, { kind: 'createOrg', input: cmd }, async (ctx) => {
        if (models.org(cmd.orgId)) throw new ConflictError(`org ${cmd.orgId} already exists`);
        const meta = { orgId: cmd.orgId, act: null, effectiveFrom: romeDateOf(clock()), evidence: RECORD_EVIDENCE };
        const data = { orgId: cmd.orgId, name: cmd.name };
        return decideAndAppend(orgStream(cmd.orgId), ctx, meta, () => ({ ok: true, events: [{ type: 'OrgRegistered', data }] }), 'create');
      }),

    reorganize: (cmd, ctx) =>
      inTurn(orgStream(cmd.orgId), ctx, { kind: 'reorganize', input: cmd }, async (ctx) => {
        const org = requireOrg(cmd.orgId);
        let serial = 0;
        const newCompetencyId = () =>
          `c-${(ctx.idempotencyKey ? nameBasedUuid(`${ctx.idempotencyKey}#competency#${serial++}`) : randomUUID()).replaceAll('-', '').slice(0, 16)}`;
        if (cmd.changes.length > limits.maxReorganizationChanges) {
          throw new UnprocessableError(`a reorganisation has at most ${limits.maxReorganizationChanges} changes`, [
            { field: 'changes', message: `${cmd.changes.length} changes: at most ${limits.maxReorganizationChanges} in one reorganisation (ORGTRAIL_MAX_REORGANIZATION_CHANGES)` },
          ]);
        }
        const act = cmd.act ?? null;
        const meta = { orgId: cmd.orgId, act, effectiveFrom: cmd.effectiveFrom, evidence: evidenceOf(cmd.orgId, cmd, act, cmd.effectiveFrom) };
        return decideAndAppend(orgStream(cmd.orgId), ctx, meta, async () => {
          serial = 0;
          const maxPosition = models.position;
          const snapshot = org.chart.snapshot({ at: cmd.effectiveFrom, maxPosition });
          const decision = decideReorganization(snapshot, cmd.changes, newCompetencyId, limits.maxUnitDepth);
          if (!decision.ok) return decision;
          const problems = await laterDateProblems(org.chart, decision.events, decision.changeIndexes, cmd.effectiveFrom, maxPosition, limits.maxUnitDepth);
          return problems.length > 0 ? { ok: false, problems } : decision;
        });
      }),

    defineObjective: (cmd, ctx) => {
      const streamId = objectiveStream(cmd.orgId, cmd.objectiveId);
      return inTurn(streamId, ctx, { kind: 'defineObjective', input: cmd }, async (ctx) => {
        requireOrg(cmd.orgId);
        // An id whose definition was annulled is free again, as GET (404) says: the new objective
        // is defined on the same stream, after the annulled one's events.
        if (requireOrg(cmd.orgId).pdo.knowsObjective(cmd.objectiveId, models.position)) throw new ConflictError(`objective ${cmd.objectiveId} already exists in org ${cmd.orgId}`);
        const mode = models.streamRevision(streamId) === null ? 'create' : 'update';
        const meta = { orgId: cmd.orgId, act: cmd.act ?? null, effectiveFrom: cmd.effectiveFrom, evidence: evidenceOf(cmd.orgId, cmd, cmd.act ?? null, cmd.effectiveFrom) };
        return decideAndAppend(streamId, ctx, meta, () => decideDefineObjective(cmd, objectiveContext(cmd.orgId, cmd.effectiveFrom)), mode);
      });
    },

    reviseObjective: (cmd, ctx) =>
      inTurn(objectiveStream(cmd.orgId, cmd.objectiveId), ctx, { kind: 'reviseObjective', input: cmd }, async (ctx) => {
        const meta = { orgId: cmd.orgId, act: cmd.act ?? null, effectiveFrom: cmd.effectiveFrom, evidence: evidenceOf(cmd.orgId, cmd, cmd.act ?? null, cmd.effectiveFrom) };
        currentObjective(cmd.orgId, cmd.objectiveId, cmd.effectiveFrom);
        return decideAndAppend(objectiveStream(cmd.orgId, cmd.objectiveId), ctx, meta, () =>
          decideReviseObjective(cmd, currentObjective(cmd.orgId, cmd.objectiveId, cmd.effectiveFrom), objectiveContext(cmd.orgId, cmd.effectiveFrom)),
        );
      }),

    withdrawObjective: (cmd, ctx) =>
      inTurn(objectiveStream(cmd.orgId, cmd.objectiveId), ctx, { kind: 'withdrawObjective', input: cmd }, async (ctx) => {
        const meta = { orgId: cmd.orgId, act: cmd.act ?? null, effectiveFrom: cmd.effectiveFrom, evidence: evidenceOf(cmd.orgId, cmd, cmd.act ?? null, cmd.effectiveFrom) };
        currentObjective(cmd.orgId, cmd.objectiveId, cmd.effectiveFrom);
        return decideAndAppend(objectiveStream(cmd.orgId, cmd.objectiveId), ctx, meta, () =>
          decideWithdrawObjective(cmd, currentObjective(cmd.orgId, cmd.objectiveId, cmd.effectiveFrom)),
        );
      }),

    recordMeasurement: (cmd, ctx) =>
      inTurn(indicatorStream(cmd.orgId, cmd.indicatorId), ctx, { kind: 'recordMeasurement', input: cmd }, async (ctx) => {
        const org = requireOrg(cmd.orgId);
        const objectiveId = org.pdo.indicatorOwner(cmd.indicatorId, models.position);
        if (!objectiveId) throw new NotFoundError(`indicator ${cmd.indicatorId} does not exist in org ${cmd.orgId}`);
        const data = { indicatorId: cmd.indicatorId, objectiveId, value: cmd.value, measuredAt: cmd.measuredAt, note: cmd.note ?? null, source: cmd.source ?? null };
        // A measurement is a value on its day: attested on measuredAt alone unless attestedPeriod says otherwise (never the source's whole period).
        const evidence = evidenceOf(cmd.orgId, cmd, null, cmd.measuredAt);
        const meta = { orgId: cmd.orgId, act: null, effectiveFrom: cmd.measuredAt, evidence: evidence.basis === 'attested' ? { ...evidence, period: cmd.attestedPeriod ?? { from: cmd.measuredAt, to: cmd.measuredAt } } : evidence };
        return decideAndAppend(indicatorStream(cmd.orgId, cmd.indicatorId), ctx, meta, () => ({ ok: true, events: [{ type: 'MeasurementRecorded', data }] }));
      }),

    /**
     * In the org stream: an annulment retracts structure as well as PDO changes, and later
     * reorganisations are decided on the chart it leaves, so it is ordered with them and
     * guarded by the same revision (it changes the org chart's ETag; a stale If-Match is 412).
     */
    annulAct: (cmd, ctx) =>
      inTurn(orgStream(cmd.orgId), ctx, { kind: 'annulAct', input: cmd }, async (ctx) => {
        requireOrg(cmd.orgId);
        const meta = { orgId: cmd.orgId, act: cmd.act, effectiveFrom: cmd.act.date ?? romeDateOf(clock()), evidence: { ...RECORD_EVIDENCE, basis: 'enacted' as const } };
        return decideAndAppend(orgStream(cmd.orgId), ctx, meta, () => decideAnnulment(requireOrg(cmd.orgId).acts.get(cmd.actId, models.position), cmd, models));
      }),

    /**
     * Registers a source once: the same registration again answers the original result and
     * appends nothing; another one under the same id is 409 (a source id names one document).
     */
    registerSource: (cmd, ctx) =>
      inTurn(sourceStream(cmd.sourceId), ctx, { kind: 'registerSource', input: cmd }, async (ctx) => {
        requireOrg(cmd.orgId);
        const data = sourceData(cmd);
        const existing = models.sources.get(cmd.sourceId);
        if (existing) {
          if (canonicalJson(toJsonValue(existing.source)) !== canonicalJson(toJsonValue(data))) {
            throw new ConflictError(`source ${cmd.sourceId} is already registered with other content (a source id names one document)`);
          }
          return { position: existing.position, revision: existing.revision, eventIds: [existing.eventId], replayed: true };
        }
        const meta = { orgId: cmd.orgId, act: null, effectiveFrom: coverageOf(data).from, evidence: { ...RECORD_EVIDENCE, sourceId: cmd.sourceId } };
        return decideAndAppend(sourceStream(cmd.sourceId), ctx, meta, () => ({ ok: true, events: [{ type: 'SourceRegistered', data }] }), 'create');
      }),

    /** Defines an item of a plan once (an id already defined is 409); objectives then link to it. */
    definePlanItem: (cmd, ctx) => {
      const streamId = planItemStream(cmd.orgId, cmd.itemId);
      return inTurn(streamId, ctx, { kind: 'definePlanItem', input: cmd }, async (ctx) => {
        const org = requireOrg(cmd.orgId);
        if (org.pdo.planItemTimelines(cmd.itemId)?.defined.firstValidFrom(models.position) !== undefined) {
          throw new ConflictError(`plan item ${cmd.itemId} already exists in org ${cmd.orgId}`);
        }
        const act = cmd.act ?? null;
        const meta = { orgId: cmd.orgId, act, effectiveFrom: cmd.effectiveFrom, evidence: evidenceOf(cmd.orgId, cmd, act, cmd.effectiveFrom) };
        const data = { itemId: cmd.itemId, plan: cmd.plan, kind: cmd.kind, code: cmd.code ?? null, title: cmd.title, description: cmd.description ?? null };
        const mode = models.streamRevision(streamId) === null ? 'create' : 'update';
        return decideAndAppend(streamId, ctx, meta, () => ({ ok: true, events: [{ type: 'PlanItemDefined', data }] }), mode);
      });
    },

    /** What a source shows over a period: evidence, and only what is new is established (decide-attestation.ts). */
    attest: (cmd, ctx) =>
      inTurn(orgStream(cmd.orgId), ctx, { kind: 'attest', input: cmd }, async (ctx) => {
        const org = requireOrg(cmd.orgId);
        const source = models.sources.get(cmd.sourceId)?.source;
        if (!source || source.orgId !== cmd.orgId) {
          throw new UnprocessableError('the attestation names no source of this org', [
            { field: 'sourceId', message: source ? `source ${cmd.sourceId} is registered for org ${source.orgId}` : `unknown source ${cmd.sourceId}: register it first (POST /api/v1/sources)` },
          ]);
        }
        const period = cmd.period ?? (cmd.on !== undefined ? { from: cmd.on, to: cmd.on } : coverageOf(source));
        if (period.from > period.to) throw new UnprocessableError('the attested period is empty', [{ field: 'period/to', message: 'must not be before period/from' }]);
        const meta = { orgId: cmd.orgId, act: null, effectiveFrom: period.from, evidence: { basis: 'attested' as const, sourceId: cmd.sourceId, inferredFrom: [], period, reason: null } };
        return decideAndAppend(orgStream(cmd.orgId), ctx, meta, async () => {
          const maxPosition = models.position;
          const decision = decideAttestation(org.chart.snapshot({ at: period.from, maxPosition }), cmd, period);
          if (!decision.ok) return decision;
          const changes = decision.events.slice(0, decision.fields.length);
          const later = await laterDateProblems(org.chart, changes, changes.map((_, i) => i), period.from, maxPosition, limits.maxUnitDepth);
          const problems = later.map((p) => ({
            ...p,
            field: p.field.replace(/^changes\/(\d+)/, (_, i: string) => decision.fields[Number(i)]!),
          }));
          return problems.length > 0 ? { ok: false, problems } : { ok: true, events: decision.events };
        });
      }),
  };
}

/** The SourceRegistered data of a registration: every default made explicit, so equal registrations compare equal. */
function sourceData(cmd: RegisterSource): SourceRegistered {
  return {
    sourceId: cmd.sourceId,
    orgId: cmd.orgId,
    title: cmd.title,
    kind: cmd.kind,
    legalEffect: cmd.legalEffect ?? LEGAL_EFFECT_KINDS.has(cmd.kind.toLowerCase()),
    issuedOn: cmd.issuedOn ?? null,
    period: cmd.period ?? null,
    dateQualifier: cmd.dateQualifier ?? null,
    location: { file: cmd.location?.file ?? null, lines: cmd.location?.lines ?? [], url: cmd.location?.url ?? null },
    scope: { kind: cmd.scope?.kind ?? 'mentions', rootUnitId: cmd.scope?.rootUnitId ?? null },
  };
}

/** A command's context in its turn: with an idempotency key, also the digest of the command it names. */
type KeyedContext = CommandContext & { commandDigest?: string };

/**
 * What an idempotency key's event ids are derived from: the key and the command's digest, so
 * the stored ids tell whether a retry is the same command (replayed).
 */
function keyedName(ctx: KeyedContext): string | undefined {
  return ctx.idempotencyKey === undefined ? undefined : `${ctx.idempotencyKey}#${ctx.commandDigest ?? ''}`;
}

/** SHA-256 of the command's kind, input and provenance in canonical JSON: equal exactly for the same request body on the same target. */
function commandDigest(kind: string, input: object, provenance: CommandContext['provenance']): string {
  return createHash('sha256').update(canonicalJson(toJsonValue({ kind, input, provenance: provenance ?? null }))).digest('base64url');
}

/** Drops undefined members so the stored JSON and the schema check see the same document. */
const stripUndefined = plainJson;
