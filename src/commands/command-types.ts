/**
 * Command inputs, after validation at the edge (zod in src/http, or the seed importer).
 * The same CommandService serves the HTTP API and the seed importer, so every imported
 * fact passes the same checks as one typed in by an editor.
 *
 * Time semantics: `effectiveFrom` and `measuredAt` are valid-time calendar dates
 * (YYYY-MM-DD, Europe/Rome). System time (recordedAt) is set by the store, never here.
 */

export interface ActRef {
  id: string;
  kind?: string;
  title?: string;
  /** Date of the act itself (YYYY-MM-DD); may differ from the effective date of its changes. */
  date?: string;
  url?: string;
}

/** Strategic link of an objective (DUP line, shared objective, classification...). */
export interface ObjectiveLink {
  kind: string;
  code?: string;
  title: string;
  /** The plan year the link belongs to, when it is year-specific. */
  year?: number;
  /** The line of the source document the link is read from (data v2). */
  line?: number;
  /** A hierarchical link's parts in document order, e.g. the operational objectives of a DUP strategic line (data v2). */
  parts?: ObjectiveLinkPart[];
}
export type ObjectiveLinkPart = Omit<ObjectiveLink, 'parts'>;

/** One row of a public-value matrix: programma operativo, dimension and driver belong together (null: the row leaves it empty). */
export interface MatrixRow {
  programmaOperativo: string | null;
  dimension: string | null;
  driver: string | null;
  /** The plan year of the matrix (e.g. 2024). */
  year: number | null;
  /** The line of the source document. */
  line: number | null;
}

/** A matrix row as a command gives it: absent fields are null. */
export type MatrixRowInput = { [K in keyof MatrixRow]?: MatrixRow[K] };

/** A link of an objective to an item of its plan; `attested` when the objective's text cites it, `inferred` with the reason otherwise. */
export interface PlanItemLink {
  itemId: string;
  basis: 'attested' | 'inferred';
  reason: string | null;
}
/** A plan item link as a command gives it (no reason: null). */
export type PlanItemLinkInput = Omit<PlanItemLink, 'reason'> & { reason?: string | null };

export interface Qualifier {
  kind: 'approximate' | 'inferred';
  /** Which fact is qualified, e.g. "effectiveFrom", "changes/3/parentId", "indicators/0/target". */
  field: string;
  reason: string;
}

/** Where a fact comes from and how certain it is; stored in event metadata and shown with provenance. */
export interface Provenance {
  source?: { document: string; location?: string };
  qualifiers?: Qualifier[];
}

export interface CommandContext {
  /** Principal recording the command (from the token, or "seed-importer"). */
  recordedBy: string;
  correlationId?: string;
  provenance?: Provenance;
  /** Deterministic event ids: the same key always yields the same ids, making retries idempotent. */
  idempotencyKey?: string;
  /** Expected revision of the target stream (from If-Match); stale → PreconditionFailedError. */
  expectedRevision?: number;
}

export type ReorganizationChange =
  | { op: 'establish'; unitId: string; name: string; kind: string; parentId?: string | null }
  | { op: 'rename'; unitId: string; name: string }
  | { op: 'move'; unitId: string; parentId: string | null }
  | { op: 'reclassify'; unitId: string; kind: string }
  | { op: 'dissolve'; unitId: string; successorIds?: string[] }
  | { op: 'assign-competency'; unitId: string; competencyId?: string; text: string }
  | { op: 'withdraw-competency'; unitId: string; competencyId: string }
  | { op: 'transfer-competency'; competencyId: string; fromUnitId: string; toUnitId: string }
  | { op: 'appoint-head'; unitId: string; person: string; title?: string }
  | { op: 'vacate-head'; unitId: string };

/** The basis of a recorded change (docs/evidence.md). */
export type FactBasis = 'enacted' | 'attested' | 'announced' | 'inferred';

/** Inclusive calendar-date period (valid time). */
export interface DatePeriod {
  from: string;
  to: string;
}

export type SourceScopeKind = 'complete-structure' | 'complete-plan' | 'mentions';

/**
 * How the facts of a reorganisation or objective command are known (docs/evidence.md).
 * Default basis: `enacted` when an act is given, `attested` otherwise.
 */
export interface EvidenceInput {
  /** A source registered for the org (POST /sources); required for attested and announced. */
  sourceId?: string;
  basis?: FactBasis;
  /** Required for an inferred basis. */
  basisReason?: string;
  /** For an inference: the registered sources it rests on. */
  inferredFrom?: string[];
  /** For an attestation: the dates the source shows it (default: the source's period if it contains effectiveFrom, else that day). */
  attestedPeriod?: DatePeriod;
}

/** Registers a source once (idempotent by id: the same input again is a no-op, another one 409). */
export interface RegisterSource {
  sourceId: string;
  orgId: string;
  title: string;
  kind: string;
  /** Default: true for delibera, determinazione, decreto, regolamento (LEGAL_EFFECT_KINDS). */
  legalEffect?: boolean;
  /** At least one of issuedOn and period. */
  issuedOn?: string;
  period?: DatePeriod;
  dateQualifier?: { kind: 'approximate' | 'inferred'; reason: string };
  location?: { file?: string; lines?: { from: number; to: number }[]; url?: string };
  /** Default: mentions. */
  scope?: { kind: SourceScopeKind; rootUnitId?: string };
}

/** What a source shows on a date or over a period (docs/evidence.md, "Attestations"). */
export interface Attest {
  orgId: string;
  sourceId: string;
  /** At most one of on and period; neither: the source's period, else its issuedOn. */
  on?: string;
  period?: DatePeriod;
  units: { unitId: string; name?: string; parentId?: string | null; kind?: string }[];
  competencies?: { competencyId: string; unitId: string; text?: string }[];
  heads?: { unitId: string; person: string; title?: string }[];
}

export interface CreateOrg {
  orgId: string;
  name: string;
}

export interface Reorganize extends EvidenceInput {
  orgId: string;
  /** One of act and sourceId is required. */
  act?: ActRef;
  effectiveFrom: string;
  changes: ReorganizationChange[];
}

export interface IndicatorInput {
  indicatorId: string;
  description: string;
  /** e.g. RISULTATO, OUTCOME. */
  kind?: string;
  /** Unit of the target, e.g. "%". */
  unit?: string;
  target: number;
}

export interface DefineObjective extends EvidenceInput {
  orgId: string;
  objectiveId: string;
  unitId: string;
  title: string;
  plan?: string;
  /** Statement per plan year ("2024": "..."). Absent: the objective holds every year from effectiveFrom until withdrawn. */
  years?: Record<string, string>;
  /** The plan's detailed description of the objective. */
  description?: string;
  links?: ObjectiveLink[];
  /** Its public-value matrix rows, one object per row (absent fields are null). */
  matrix?: MatrixRowInput[];
  /** Its links to items of its plan (each item defined first with definePlanItem). */
  planItems?: PlanItemLinkInput[];
  indicators?: IndicatorInput[];
  effectiveFrom: string;
  act?: ActRef;
}

export interface ReviseObjective extends EvidenceInput {
  orgId: string;
  objectiveId: string;
  title?: string;
  unitId?: string;
  /** Merged per year: a string sets that year's statement, null removes it. */
  years?: Record<string, string | null>;
  /** null clears it. */
  description?: string | null;
  /** Replaces the whole list. */
  links?: ObjectiveLink[];
  /** Replaces the whole list. */
  matrix?: MatrixRowInput[];
  /** Replaces the whole list. */
  planItems?: PlanItemLinkInput[];
  /** New ids are defined; known ids get their changed fields revised. */
  indicators?: IndicatorInput[];
  effectiveFrom: string;
  act?: ActRef;
  reason?: string;
}

/** An item of a plan that is no directorate's objective: a strategic dimension, a cross-cutting objective. */
export interface DefinePlanItem extends EvidenceInput {
  orgId: string;
  itemId: string;
  plan: string;
  kind: string;
  code?: string;
  title: string;
  description?: string;
  effectiveFrom: string;
  act?: ActRef;
}

export interface WithdrawObjective extends EvidenceInput {
  orgId: string;
  objectiveId: string;
  effectiveFrom: string;
  reason: string;
  act?: ActRef;
}

/** Evidence input: no act (a measurement is shown by a source), so the default basis is attested, on measuredAt alone. */
export interface RecordMeasurement extends EvidenceInput {
  orgId: string;
  indicatorId: string;
  value: number;
  measuredAt: string;
  note?: string;
  source?: string;
}

/** Annuls an act: its effects are retracted from their own effective dates (see projections/annul-act.ts). */
export interface AnnulAct {
  orgId: string;
  /** The act annulled. */
  actId: string;
  reason: string;
  /** The annulling act (a delibera, a sentenza...); its date, if given, is the annulment's effective date. */
  act: ActRef;
}

export interface CommandResult {
  /** Global position of the last appended event (or of the original events, for an idempotent retry). */
  position: number;
  /** Revision of the target stream after the command: the new ETag. */
  revision: number;
  eventIds: string[];
  /**
   * Present only when the read models had not applied the command's events within the wait
   * bound (e.g. the store's subscription dropped right after the append): the command IS stored
   * and durable, but queries may not show it yet.
   */
  readModel?: ReadModelLag;
  /** True when nothing was appended: the command had already been applied (an idempotent repeat). */
  replayed?: boolean;
}

export interface ReadModelLag {
  caughtUp: false;
  /** The last position the read models had applied when the answer was sent. */
  appliedPosition: number;
  note: string;
}

export interface CommandService {
  createOrg(cmd: CreateOrg, ctx: CommandContext): Promise<CommandResult>;
  reorganize(cmd: Reorganize, ctx: CommandContext): Promise<CommandResult>;
  defineObjective(cmd: DefineObjective, ctx: CommandContext): Promise<CommandResult>;
  reviseObjective(cmd: ReviseObjective, ctx: CommandContext): Promise<CommandResult>;
  withdrawObjective(cmd: WithdrawObjective, ctx: CommandContext): Promise<CommandResult>;
  recordMeasurement(cmd: RecordMeasurement, ctx: CommandContext): Promise<CommandResult>;
  annulAct(cmd: AnnulAct, ctx: CommandContext): Promise<CommandResult>;
  registerSource(cmd: RegisterSource, ctx: CommandContext): Promise<CommandResult>;
  attest(cmd: Attest, ctx: CommandContext): Promise<CommandResult>;
  definePlanItem(cmd: DefinePlanItem, ctx: CommandContext): Promise<CommandResult>;
}
