/**
 * The benchmark workload: a deterministic (seeded), realistic 25-year history of one public
 * body, as the appends a recording clerk would have made, day by day.
 *
 * - Structure: about 1,000 active units over 5 levels (vertice, direzioni, aree, settori,
 *   servizi/uffici), each with 3 competencies and a head at the start, yearly reorganisations
 *   (renames, moves, merges, dissolutions with successors, establishments, reclassifications,
 *   competency transfers) and head changes through the year. The churn grows with the size
 *   (3% of the events): the same org chart at every size, a longer history behind it.
 * - PDO: 2% of the events' count in objectives (20,000 at 1M), each with 3 indicators
 *   (60,000 at 1M), plans of 1 to 3 years with a yearly revision of each running objective
 *   and of about half of its indicator targets, a few withdrawals, open-ended objectives.
 * - Measurements make up the rest, spread evenly over each indicator's life.
 * - Backdated corrections, about 2% of the events: late measurements, corrected targets,
 *   statements, unit names and heads, effective months or years before they are recorded.
 *
 * Time: every event's effectiveFrom is a day of the simulation; the appends of one day are
 * committed together and recorded the next morning (`GeneratedCommit.recordedAt`), so a
 * loader that gives the store a clock returning that instant reproduces the two times exactly.
 *
 * Domain rules are kept the way the command deciders check them, on the structure as it
 * stands on the effective date: moves and successors only to active units, a parent is always
 * one level up (so no cycles), a unit is dissolved only once it has no active sub-units and
 * holds no competencies, competencies are transferred or withdrawn only by their holder, and
 * objectives are revised only within their life. Every event passes validateEvent.
 *
 * Exact size: a first pass generates only the non-measurement events (their own PRNG streams),
 * counting them and the indicators' days of life; the second pass spreads the remaining
 * budget over those days and tops up or stops on the last day, so the log has exactly `size`
 * events.
 */
import type { EventDataByType, EventDataV1ByType, EventMetadata, EventType } from '../events/types.ts';
import type { ActRef, ObjectiveLink, Provenance } from '../src/commands/command-types.ts';
import { indicatorStream, objectiveStream, orgStream } from '../src/commands/streams.ts';
import { Rng } from './prng.ts';

export interface GeneratedEvent {
  id: string;
  type: EventType;
  data: unknown;
  metadata: EventMetadata;
}

export interface GeneratedAppend {
  streamId: string;
  events: GeneratedEvent[];
}

/** The appends of one simulated day, committed together and recorded at `recordedAt`. */
export interface GeneratedCommit {
  /** ISO-8601 instant (system time) the store should record these events at. */
  recordedAt: string;
  appends: GeneratedAppend[];
  eventCount: number;
}

export interface WorkloadOptions {
  /** Total number of events (at least 5,000). */
  size: number;
  seed?: number;
  orgId?: string;
}

export interface WorkloadStats {
  events: number;
  byType: Record<string, number>;
  /** Events effective more than 60 days before the day they were recorded. */
  backdated: number;
  commits: number;
  unitsEver: number;
  activeUnitsAtEnd: number;
  competenciesEver: number;
  objectives: number;
  indicators: number;
  firstDate: string;
  lastDate: string;
}

export const WORKLOAD_ORG_ID = 'bench-comune';
export const WORKLOAD_START_YEAR = 2000;
export const WORKLOAD_YEARS = 25;
const DEFAULT_SEED = 20_240_601;
const MIN_SIZE = 5_000;
const DAY_MS = 86_400_000;
const START_MS = Date.UTC(WORKLOAD_START_YEAR, 0, 1);
const LAST_DAY = Math.round((Date.UTC(WORKLOAD_START_YEAR + WORKLOAD_YEARS - 1, 11, 31) - START_MS) / DAY_MS);
const BACKDATED_DAYS = 60;

const DATES: string[] = [];
for (let d = 0; d <= LAST_DAY + 1_200; d++) DATES.push(new Date(START_MS + d * DAY_MS).toISOString().slice(0, 10));

export function dateOfDay(day: number): string {
  const date = DATES[day];
  if (date === undefined) throw new RangeError(`day ${day} is outside the simulation`);
  return date;
}

function dayOf(year: number, month: number, dayOfMonth: number): number {
  return Math.round((Date.UTC(year, month - 1, dayOfMonth) - START_MS) / DAY_MS);
}

/** Parses 10k, 100k, 1m, 250000... into a number of events. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new RangeError(`invalid size "${text}": use e.g. 10k, 100k, 1m or a number of events`);
  const factor = m[2]?.toLowerCase() === 'k' ? 1_000 : m[2]?.toLowerCase() === 'm' ? 1_000_000 : 1;
  const size = Math.round(Number(m[1]) * factor);
  if (size < MIN_SIZE) throw new RangeError(`size ${size} is too small: the workload needs at least ${MIN_SIZE} events`);
  return size;
}

export function sizeLabel(size: number): string {
  if (size % 1_000_000 === 0) return `${size / 1_000_000}m`;
  if (size % 1_000 === 0) return `${size / 1_000}k`;
  return String(size);
}

/** Generates the whole workload (two passes, see the file comment); iterate the commits in order. */
export function* generateWorkload(options: WorkloadOptions): Generator<GeneratedCommit, WorkloadStats> {
  if (!Number.isSafeInteger(options.size) || options.size < MIN_SIZE) throw new RangeError(`size must be an integer >= ${MIN_SIZE}`);
  const plan = new HistorySimulation(options, null);
  for (const commit of plan.run()) void commit;
  const budget = options.size - plan.nonMeasurementEvents;
  if (budget <= 0) throw new RangeError(`size ${options.size} is too small for the structure of the workload (${plan.nonMeasurementEvents} events)`);
  const simulation = new HistorySimulation(options, {
    perIndicatorDay: budget / plan.indicatorDays,
    nonMeasurementEvents: plan.nonMeasurementEvents,
  });
  yield* simulation.run();
  return simulation.stats();
}

/** Small set with O(1) add, delete and random pick. */
class PickSet<T> {
  readonly items: T[] = [];
  private readonly index = new Map<T, number>();

  get size(): number {
    return this.items.length;
  }

  has(item: T): boolean {
    return this.index.has(item);
  }

  add(item: T): void {
    if (this.index.has(item)) return;
    this.index.set(item, this.items.length);
    this.items.push(item);
  }

  delete(item: T): void {
    const i = this.index.get(item);
    if (i === undefined) return;
    const last = this.items.pop()!;
    this.index.delete(item);
    if (last !== item) {
      this.items[i] = last;
      this.index.set(last, i);
    }
  }

  pick(rng: Rng): T | undefined {
    return this.items.length === 0 ? undefined : this.items[Math.floor(rng.next() * this.items.length)];
  }
}

interface UnitModel {
  id: string;
  level: number;
  sector: string;
  name: string;
  kind: string;
  parentId: string | null;
  active: boolean;
  children: Set<string>;
  competencies: Set<string>;
  hasHead: boolean;
  establishedDay: number;
  dissolvedDay: number | null;
}

interface IndicatorModel {
  id: string;
  objective: ObjectiveModel;
  unit: string | null;
  /** Target versions in the order they were recorded: (effective day, value). */
  targets: { day: number; target: number }[];
  definedDay: number;
  /** Last day it is measured: end of its last plan year, the day before withdrawal, or the end of the simulation. */
  lastDay: number;
}

interface ObjectiveModel {
  id: string;
  unitId: string;
  mode: 'yearly' | 'open';
  years: number[];
  definedDay: number;
  withdrawnDay: number | null;
  /** Last day of its life: end of its last plan year (yearly) or the end of the simulation (open), or the withdrawal. */
  lastDay: number;
  indicators: IndicatorModel[];
  title: string;
}

interface MeasurementPlan {
  perIndicatorDay: number;
  nonMeasurementEvents: number;
}

type Task = () => void;

const SECTORS = [
  'Mobilità e Trasporti', 'Ambiente', 'Bilancio', 'Risorse Umane', 'Cultura', 'Servizi Sociali', 'Urbanistica',
  'Lavori Pubblici', 'Sicurezza Urbana', 'Educazione', 'Sport', 'Casa', 'Commercio', 'Turismo', 'Verde Pubblico',
  'Tributi', 'Servizi Civici', 'Sistemi Informativi', 'Patrimonio', 'Avvocatura', 'Partecipate', 'Innovazione',
  'Politiche Giovanili', 'Salute', 'Quartieri', 'Statistica', 'Appalti', 'Protezione Civile', 'Energia', 'Lavoro',
];
const QUALIFIERS = [
  'Pianificazione', 'Gestione', 'Controllo', 'Sviluppo', 'Programmazione', 'Coordinamento', 'Supporto', 'Progetti Speciali',
  'Amministrazione', 'Rapporti con il Territorio', 'Qualità', 'Monitoraggio', 'Sportello', 'Interventi', 'Manutenzione',
];
const FIRST_NAMES = ['Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Andrea', 'Elena', 'Paolo', 'Sara', 'Giovanni', 'Valentina', 'Stefano', 'Anna', 'Matteo', 'Laura', 'Davide', 'Silvia', 'Alessandro', 'Federica', 'Roberto'];
const LAST_NAMES = ['Rossi', 'Bianchi', 'Colombo', 'Ferrari', 'Russo', 'Romano', 'Gallo', 'Conti', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Galli', 'Costa', 'Fontana', 'Villa', 'Lombardi', 'Moretti', 'Barbieri', 'Mariani'];
const HEAD_TITLES = ['Direttore', 'Dirigente', 'Responsabile', 'Funzionario incaricato'];
const VERBS = ['Migliorare', 'Ridurre', 'Aumentare', 'Digitalizzare', 'Semplificare', 'Potenziare', 'Riqualificare', 'Monitorare'];
const THINGS = ['i tempi di risposta', 'la qualità del servizio', 'la spesa corrente', 'la copertura del servizio', 'le procedure di gara', 'la soddisfazione degli utenti', 'gli interventi programmati', 'la trasparenza degli atti'];
const INDICATOR_KINDS = ['RISULTATO', 'OUTCOME', 'EFFICIENZA', 'REALIZZAZIONE'];
const INDICATOR_UNITS = ['%', 'giorni', 'numero', 'euro', null];
const MISSIONS = [
  'Missione 1 — Servizi istituzionali, generali e di gestione', 'Missione 3 — Ordine pubblico e sicurezza', 'Missione 4 — Istruzione e diritto allo studio',
  'Missione 5 — Tutela e valorizzazione dei beni e delle attività culturali', 'Missione 8 — Assetto del territorio ed edilizia abitativa',
  'Missione 9 — Sviluppo sostenibile e tutela del territorio e dell’ambiente', 'Missione 10 — Trasporti e diritto alla mobilità', 'Missione 12 — Diritti sociali, politiche sociali e famiglia',
];
const KINDS_BY_LEVEL: [string, string][] = [
  ['vertice', 'vertice'],
  ['direzione', 'dipartimento'],
  ['area', 'area di coordinamento'],
  ['settore', 'unità di progetto'],
  ['servizio', 'ufficio'],
];
const PREFIX_BY_KIND: Record<string, string> = {
  vertice: 'Direzione Generale',
  direzione: 'Direzione',
  dipartimento: 'Dipartimento',
  area: 'Area',
  'area di coordinamento': 'Area di coordinamento',
  settore: 'Settore',
  'unità di progetto': 'Unità di progetto',
  servizio: 'Servizio',
  ufficio: 'Ufficio',
};
/** Units per parent at each level below the vertice: 8 direzioni, 40 aree, 200 settori, 751 servizi. */
const FANOUT = [8, 5, 5];
const LEVEL4_UNITS = 751;

class HistorySimulation {
  readonly orgId: string;
  private readonly size: number;
  /** Structure and PDO decisions: identical in both passes. */
  private readonly rng: Rng;
  /** Corrections (structural backdated changes): identical in both passes. */
  private readonly fixRng: Rng;
  /** Measurement values, schedules and ids: second pass only. */
  private readonly mRng: Rng;
  /** Recording instants. */
  private readonly clockRng: Rng;
  private readonly measurements: MeasurementPlan | null;

  private readonly units = new Map<string, UnitModel>();
  private readonly allUnits: UnitModel[] = [];
  private readonly activeByLevel: PickSet<string>[] = [0, 1, 2, 3, 4].map(() => new PickSet<string>());
  private readonly competencyHolder = new Map<string, string | null>();
  private readonly heldCompetencies = new PickSet<string>();
  private readonly objectives: ObjectiveModel[] = [];
  private readonly indicators: IndicatorModel[] = [];
  /** Objectives by owning unit, not yet withdrawn (expired ones are skipped when used). */
  private readonly objectivesByUnit = new Map<string, Set<ObjectiveModel>>();
  private readonly agenda = new Map<number, Task[]>();
  private readonly measurementsDue = new Map<number, IndicatorModel[]>();
  private readonly lateMeasurements = new Map<number, { indicator: IndicatorModel; day: number }[]>();

  private today = 0;
  private todayAppends: GeneratedAppend[] = [];
  private unitSerial = 0;
  private competencySerial = 0;
  private objectiveSerial = 0;
  private indicatorSerial = 0;
  private actSerial = 0;
  private nameSerial = 0;
  private lastRecordedMs = 0;

  nonMeasurementEvents = 0;
  indicatorDays = 0;
  private measurementEvents = 0;
  private commits = 0;
  private backdated = 0;
  private readonly byType: Record<string, number> = {};
  private readonly yearlyOrgEvents: number;
  private readonly initialCompetencies: number;
  private readonly objectivesPerYear: number;
  private readonly correctionsPerDay: number;
  private readonly lateMeasurementShare: number;

  constructor(options: WorkloadOptions, measurements: MeasurementPlan | null) {
    const seed = options.seed ?? DEFAULT_SEED;
    this.orgId = options.orgId ?? WORKLOAD_ORG_ID;
    this.size = options.size;
    const root = new Rng(seed);
    this.rng = root.fork(1);
    this.fixRng = root.fork(2);
    this.mRng = root.fork(3);
    this.clockRng = root.fork(4);
    this.measurements = measurements;
    const n = options.size;
    // The same chart at every size (1,000 units, 3 competencies and a head each): only the history grows.
    this.initialCompetencies = 3;
    this.yearlyOrgEvents = Math.max(12, (0.03 * n) / (WORKLOAD_YEARS - 1));
    this.objectivesPerYear = Math.max(4, (0.02 * n) / WORKLOAD_YEARS);
    // About 2% of all events are backdated: 0.8% structural corrections, the rest late measurements.
    this.correctionsPerDay = (0.008 * n) / LAST_DAY;
    this.lateMeasurementShare = 0.012 / 0.75;
  }

  stats(): WorkloadStats {
    return {
      events: this.nonMeasurementEvents + this.measurementEvents,
      byType: { ...this.byType },
      backdated: this.backdated,
      commits: this.commits,
      unitsEver: this.allUnits.length,
      activeUnitsAtEnd: this.activeByLevel.reduce((sum, set) => sum + set.size, 0),
      competenciesEver: this.competencyHolder.size,
      objectives: this.objectives.length,
      indicators: this.indicators.length,
      firstDate: dateOfDay(0),
      lastDate: dateOfDay(LAST_DAY),
    };
  }

  *run(): Generator<GeneratedCommit> {
    for (this.today = 0; this.today <= LAST_DAY; this.today++) {
      const date = dateOfDay(this.today);
      if (this.today === 0) this.registerAndEstablish();
      if (date.endsWith('-01-01')) this.scheduleYear(Number(date.slice(0, 4)));
      for (const task of this.agenda.get(this.today) ?? []) task();
      this.agenda.delete(this.today);
      for (let k = this.fixRng.count(this.correctionsPerDay); k > 0; k--) this.correction();
      if (this.measurements) this.recordMeasurementsDue();
      if (this.today === LAST_DAY && this.measurements) this.topUp();
      if (this.todayAppends.length > 0) yield this.commit();
    }
  }

  // ---------------------------------------------------------------- commits and events

  private commit(): GeneratedCommit {
    const morning = START_MS + (this.today + 1) * DAY_MS + 6 * 3_600_000;
    const ms = Math.max(this.lastRecordedMs + 1, morning + this.clockRng.int(0, 12 * 3_600_000));
    this.lastRecordedMs = ms;
    const appends = this.todayAppends;
    this.todayAppends = [];
    this.commits += 1;
    return { recordedAt: new Date(ms).toISOString(), appends, eventCount: appends.reduce((sum, a) => sum + a.events.length, 0) };
  }

  private metadata(effectiveDay: number, act: ActRef | null, rng: Rng, recordedBy: string, provenance?: Provenance): EventMetadata {
    const commandId = rng.uuid();
    const metadata: EventMetadata = {
      schemaVersion: 1,
      orgId: this.orgId,
      recordedBy,
      act,
      effectiveFrom: dateOfDay(effectiveDay),
      correlationId: commandId,
      causationId: commandId,
    };
    if (provenance) metadata.provenance = provenance;
    return metadata;
  }

  /** Appends one command's events to a stream, in today's commit. */
  private append(streamId: string, metadata: EventMetadata, rng: Rng, drafts: { type: EventType; data: unknown }[]): void {
    if (drafts.length === 0) return;
    const events = drafts.map((d) => ({ id: rng.uuid(), type: d.type, data: d.data, metadata }));
    this.todayAppends.push({ streamId, events });
    const isMeasurement = drafts[0]!.type === 'MeasurementRecorded';
    if (isMeasurement) this.measurementEvents += events.length;
    else this.nonMeasurementEvents += events.length;
    for (const d of drafts) this.byType[d.type] = (this.byType[d.type] ?? 0) + 1;
    if (metadata.effectiveFrom < dateOfDay(Math.max(0, this.today - BACKDATED_DAYS))) this.backdated += events.length;
  }

  private act(kind: string, title: string, day = this.today): ActRef {
    this.actSerial += 1;
    const date = dateOfDay(day);
    return { id: `${kind === 'decreto' ? 'DS' : 'DG'}-${date.slice(0, 4)}-${String(this.actSerial).padStart(5, '0')}`, kind, date, title };
  }

  // ---------------------------------------------------------------- structure

  private registerAndEstablish(): void {
    const act = this.act('delibera di Giunta', 'Istituzione e prima articolazione della struttura organizzativa');
    this.append(orgStream(this.orgId), this.metadata(0, null, this.rng, 'bench-importer'), this.rng, [
      { type: 'OrgRegistered', data: { orgId: this.orgId, name: 'Comune di Benchmark' } satisfies EventDataByType['OrgRegistered'] },
    ]);
    const root = this.newUnit(0, null);
    let level4Left = LEVEL4_UNITS;
    for (let d = 0; d < FANOUT[0]!; d++) {
      const drafts: Draft[] = [];
      const direction = this.newUnit(1, root.id);
      if (d === 0) drafts.push(...this.establishDrafts(root));
      drafts.push(...this.establishDrafts(direction));
      for (let a = 0; a < FANOUT[1]!; a++) {
        const area = this.newUnit(2, direction.id);
        drafts.push(...this.establishDrafts(area));
        for (let s = 0; s < FANOUT[2]!; s++) {
          const settore = this.newUnit(3, area.id);
          drafts.push(...this.establishDrafts(settore));
          const settoriLeft = (FANOUT[0]! - d) * FANOUT[1]! * FANOUT[2]! - a * FANOUT[2]! - s;
          const servizi = Math.round(level4Left / settoriLeft);
          level4Left -= servizi;
          for (let v = 0; v < servizi; v++) drafts.push(...this.establishDrafts(this.newUnit(4, settore.id)));
        }
      }
      this.append(orgStream(this.orgId), this.metadata(0, act, this.rng, 'bench-importer'), this.rng, drafts);
    }
  }

  private newUnit(level: number, parentId: string | null): UnitModel {
    this.unitSerial += 1;
    const sector = this.rng.pick(SECTORS);
    const kind = KINDS_BY_LEVEL[level]![0];
    const unit: UnitModel = {
      id: `u${String(this.unitSerial).padStart(5, '0')}`,
      level,
      sector,
      name: level === 0 ? 'Direzione Generale' : `${PREFIX_BY_KIND[kind]} ${sector}${level >= 3 ? ` — ${this.rng.pick(QUALIFIERS)}` : ''}`,
      kind,
      parentId,
      active: true,
      children: new Set(),
      competencies: new Set(),
      hasHead: false,
      establishedDay: this.today,
      dissolvedDay: null,
    };
    this.units.set(unit.id, unit);
    this.allUnits.push(unit);
    this.activeByLevel[level]!.add(unit.id);
    if (parentId) this.units.get(parentId)!.children.add(unit.id);
    return unit;
  }

  /** UnitEstablished, its first competencies and (mostly) a head. */
  private establishDrafts(unit: UnitModel, competencies = this.initialCompetencies, headChance = 1): Draft[] {
    const drafts: Draft[] = [
      { type: 'UnitEstablished', data: { unitId: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId } satisfies EventDataByType['UnitEstablished'] },
    ];
    for (let c = 0; c < competencies; c++) drafts.push(this.assignDraft(unit));
    if (this.rng.chance(headChance)) drafts.push(this.appointDraft(unit));
    return drafts;
  }

  private assignDraft(unit: UnitModel): Draft {
    this.competencySerial += 1;
    const competencyId = `c-${String(this.competencySerial).padStart(6, '0')}`;
    this.competencyHolder.set(competencyId, unit.id);
    this.heldCompetencies.add(competencyId);
    unit.competencies.add(competencyId);
    const text = `${this.rng.pick(QUALIFIERS)} delle attività di ${unit.sector.toLowerCase()} (${competencyId})`;
    return { type: 'CompetencyAssigned', data: { competencyId, unitId: unit.id, text } satisfies EventDataByType['CompetencyAssigned'] };
  }

  private appointDraft(unit: UnitModel): Draft {
    unit.hasHead = true;
    const person = `${this.rng.pick(FIRST_NAMES)} ${this.rng.pick(LAST_NAMES)}`;
    const title = this.rng.chance(0.8) ? this.rng.pick(HEAD_TITLES) : null;
    return { type: 'HeadAppointed', data: { unitId: unit.id, person, title } satisfies EventDataByType['HeadAppointed'] };
  }

  private transferDraft(competencyId: string, to: UnitModel): Draft {
    const fromId = this.competencyHolder.get(competencyId)!;
    const from = this.units.get(fromId)!;
    from.competencies.delete(competencyId);
    to.competencies.add(competencyId);
    this.competencyHolder.set(competencyId, to.id);
    return { type: 'CompetencyTransferred', data: { competencyId, fromUnitId: fromId, toUnitId: to.id } satisfies EventDataByType['CompetencyTransferred'] };
  }

  private moveDraft(unit: UnitModel, parent: UnitModel): Draft {
    this.units.get(unit.parentId!)!.children.delete(unit.id);
    parent.children.add(unit.id);
    unit.parentId = parent.id;
    return { type: 'UnitMoved', data: { unitId: unit.id, parentId: parent.id } satisfies EventDataByType['UnitMoved'] };
  }

  private dissolveDrafts(unit: UnitModel, successor: UnitModel): Draft[] {
    const drafts: Draft[] = [];
    for (const childId of [...unit.children]) drafts.push(this.moveDraft(this.units.get(childId)!, successor));
    for (const competencyId of [...unit.competencies]) drafts.push(this.transferDraft(competencyId, successor));
    if (unit.hasHead && this.rng.chance(0.7)) {
      unit.hasHead = false;
      drafts.push({ type: 'HeadVacated', data: { unitId: unit.id } satisfies EventDataByType['HeadVacated'] });
    }
    unit.active = false;
    unit.dissolvedDay = this.today;
    this.activeByLevel[unit.level]!.delete(unit.id);
    if (unit.parentId) this.units.get(unit.parentId)!.children.delete(unit.id);
    drafts.push({ type: 'UnitDissolved', data: { unitId: unit.id, successorIds: [successor.id] } satisfies EventDataByType['UnitDissolved'] });
    this.reassignObjectives(unit, successor);
    return drafts;
  }

  private pickActive(level: number, except?: string): UnitModel | undefined {
    const set = this.activeByLevel[level]!;
    for (let attempt = 0; attempt < 8; attempt++) {
      const id = set.pick(this.rng);
      if (id !== undefined && id !== except) return this.units.get(id);
    }
    return undefined;
  }

  /** A level for a structural change, weighted like the chart (mostly servizi and settori). */
  private pickLevel(min = 1): number {
    const r = this.rng.next();
    const level = r < 0.02 ? 1 : r < 0.1 ? 2 : r < 0.35 ? 3 : 4;
    return Math.max(min, level);
  }

  private newName(unit: UnitModel): string {
    this.nameSerial += 1;
    const prefix = PREFIX_BY_KIND[unit.kind] ?? 'Unità';
    const other = this.rng.pick(SECTORS);
    return `${prefix} ${unit.sector} e ${other} — ${this.rng.pick(QUALIFIERS)} (${this.nameSerial})`;
  }

  /** The yearly reorganisation act: most of the year's structural churn, in one append. */
  private yearlyReorganisation(year: number): void {
    const e = this.yearlyOrgEvents;
    const drafts: Draft[] = [];
    let dissolved = 0;
    for (let k = this.rng.count((e * 0.12) / 5); k > 0; k--) {
      const level = this.pickLevel(2);
      const a = this.pickActive(level);
      const b = a && this.pickActive(level, a.id);
      if (!a || !b) continue;
      drafts.push(...this.dissolveDrafts(a, b));
      dissolved += 1;
    }
    for (let k = this.rng.count((e * 0.06) / 3); k > 0; k--) {
      const unit = this.pickActive(this.pickLevel(2));
      if (!unit || unit.children.size > 0 || !unit.parentId) continue;
      drafts.push(...this.dissolveDrafts(unit, this.units.get(unit.parentId)!));
      dissolved += 1;
    }
    const active = this.activeByLevel.reduce((sum, set) => sum + set.size, 0);
    const establish = dissolved + Math.max(0, Math.min(5, 1000 - active));
    for (let k = 0; k < establish; k++) {
      const level = this.pickLevel(2);
      const parent = this.pickActive(level - 1);
      if (!parent) continue;
      drafts.push(...this.establishDrafts(this.newUnit(level, parent.id), 1, 0.8));
    }
    for (let k = this.rng.count(e * 0.12); k > 0; k--) {
      const unit = this.pickActive(this.pickLevel());
      if (!unit) continue;
      unit.name = this.newName(unit);
      drafts.push({ type: 'UnitRenamed', data: { unitId: unit.id, name: unit.name } satisfies EventDataByType['UnitRenamed'] });
    }
    for (let k = this.rng.count(e * 0.08); k > 0; k--) {
      const unit = this.pickActive(this.pickLevel(2));
      const parent = unit && this.pickActive(unit.level - 1, unit.parentId ?? undefined);
      if (!unit || !parent || parent.id === unit.parentId) continue;
      drafts.push(this.moveDraft(unit, parent));
    }
    for (let k = this.rng.count(e * 0.03); k > 0; k--) {
      const unit = this.pickActive(this.pickLevel());
      if (!unit) continue;
      const [a, b] = KINDS_BY_LEVEL[unit.level]!;
      unit.kind = unit.kind === a ? b : a;
      drafts.push({ type: 'UnitReclassified', data: { unitId: unit.id, kind: unit.kind } satisfies EventDataByType['UnitReclassified'] });
    }
    for (let k = this.rng.count(e * 0.1); k > 0; k--) drafts.push(...this.transferSome());
    const act = this.act('delibera di Giunta', `Riorganizzazione della macrostruttura ${year}`);
    this.append(orgStream(this.orgId), this.metadata(this.today, act, this.rng, 'ufficio-organizzazione'), this.rng, drafts);
  }

  private transferSome(): Draft[] {
    const competencyId = this.heldCompetencies.pick(this.rng);
    if (!competencyId) return [];
    const from = this.units.get(this.competencyHolder.get(competencyId)!)!;
    const to = this.pickActive(from.level, from.id);
    return to ? [this.transferDraft(competencyId, to)] : [];
  }

  /** A smaller act during the year: heads, some transfers, competencies, a rename. */
  private midYearAct(): void {
    const e = this.yearlyOrgEvents / 5;
    const drafts: Draft[] = [];
    for (let k = this.rng.count(e * 0.15); k > 0; k--) {
      const unit = this.pickActive(this.pickLevel());
      if (unit) drafts.push(this.appointDraft(unit));
    }
    for (let k = this.rng.count(e * 0.03); k > 0; k--) {
      const unit = this.pickActive(this.pickLevel());
      if (!unit || !unit.hasHead) continue;
      unit.hasHead = false;
      drafts.push({ type: 'HeadVacated', data: { unitId: unit.id } satisfies EventDataByType['HeadVacated'] });
    }
    for (let k = this.rng.count(e * 0.05); k > 0; k--) drafts.push(...this.transferSome());
    for (let k = this.rng.count(e * 0.03); k > 0; k--) {
      const unit = this.pickActive(this.pickLevel());
      if (unit) drafts.push(this.assignDraft(unit));
    }
    for (let k = this.rng.count(e * 0.02); k > 0; k--) {
      const competencyId = this.heldCompetencies.pick(this.rng);
      if (!competencyId) continue;
      const holder = this.units.get(this.competencyHolder.get(competencyId)!)!;
      if (holder.competencies.size < 2) continue;
      holder.competencies.delete(competencyId);
      this.competencyHolder.set(competencyId, null);
      this.heldCompetencies.delete(competencyId);
      drafts.push({ type: 'CompetencyWithdrawn', data: { competencyId, unitId: holder.id } satisfies EventDataByType['CompetencyWithdrawn'] });
    }
    for (let k = this.rng.count(e * 0.03); k > 0; k--) {
      const unit = this.pickActive(this.pickLevel());
      if (!unit) continue;
      unit.name = this.newName(unit);
      drafts.push({ type: 'UnitRenamed', data: { unitId: unit.id, name: unit.name } satisfies EventDataByType['UnitRenamed'] });
    }
    const act = this.act('decreto', 'Conferimento e revoca di incarichi dirigenziali; assegnazione di competenze');
    this.append(orgStream(this.orgId), this.metadata(this.today, act, this.rng, 'ufficio-organizzazione'), this.rng, drafts);
  }

  // ---------------------------------------------------------------- the year's agenda

  private at(day: number, task: Task): void {
    if (day > LAST_DAY) return;
    const tasks = this.agenda.get(day);
    if (tasks) tasks.push(task);
    else this.agenda.set(day, [task]);
  }

  private scheduleYear(year: number): void {
    if (year > WORKLOAD_START_YEAR) this.at(dayOf(year, 1, 10) + this.rng.int(0, 20), () => this.yearlyReorganisation(year));
    for (const month of [3, 5, 7, 9, 11]) this.at(dayOf(year, month, 10) + this.rng.int(0, 10), () => this.midYearAct());
    const pdoDay = dayOf(year, 2, 1);
    this.at(pdoDay + this.rng.int(0, 14), () => this.yearlyRevisions(year));
    for (let k = this.rng.count(this.objectivesPerYear); k > 0; k--) this.at(pdoDay + this.rng.int(0, 45), () => this.defineObjective(year));
  }

  // ---------------------------------------------------------------- PDO

  private defineObjective(year: number): void {
    const owner = this.pickActive(this.pickLevel(2));
    if (!owner) return;
    this.objectiveSerial += 1;
    const objectiveId = `ob-${String(this.objectiveSerial).padStart(6, '0')}`;
    const open = this.rng.chance(0.1);
    const span = open ? 0 : this.rng.pick([1, 2, 2, 3, 3]);
    const years = Array.from({ length: span }, (_, i) => year + i);
    const title = `${this.rng.pick(VERBS)} ${this.rng.pick(THINGS)} — ${owner.sector} (${objectiveId})`;
    const withdrawChance = open ? 0.8 : 0.05;
    const endOfPlan = open ? LAST_DAY : Math.min(LAST_DAY, dayOf(year + span - 1, 12, 31));
    let withdrawnDay: number | null = null;
    if (this.rng.chance(withdrawChance)) {
      const earliest = this.today + (open ? 3 * 365 : 60);
      const latest = open ? this.today + 6 * 365 : endOfPlan;
      const day = earliest + Math.floor(this.rng.next() * Math.max(1, latest - earliest));
      if (day <= endOfPlan && day <= LAST_DAY) withdrawnDay = day;
    }
    const objective: ObjectiveModel = {
      id: objectiveId,
      unitId: owner.id,
      mode: open ? 'open' : 'yearly',
      years,
      definedDay: this.today,
      withdrawnDay,
      lastDay: withdrawnDay === null ? endOfPlan : withdrawnDay - 1,
      indicators: [],
      title,
    };
    this.objectives.push(objective);
    this.ownObjective(objective, owner.id);
    const links: ObjectiveLink[] = [{ kind: 'DUP', code: `M${this.rng.int(1, 12)}.P${this.rng.int(1, 9)}`, title: this.rng.pick(MISSIONS) }];
    if (this.rng.chance(0.3)) links.push({ kind: 'valore pubblico', title: `Dimensione di valore pubblico ${year}`, year });
    const drafts: Draft[] = [
      {
        type: 'ObjectiveDefined',
        data: {
          objectiveId,
          unitId: owner.id,
          title,
          plan: `PDO ${year}${span > 1 ? `-${year + span - 1}` : ''}`,
          years: open ? null : Object.fromEntries(years.map((y) => [String(y), `${title}: traguardo ${y}`])),
          links,
        } satisfies EventDataV1ByType['ObjectiveDefined'],
      },
    ];
    for (let i = 0; i < 3; i++) {
      this.indicatorSerial += 1;
      const indicator: IndicatorModel = {
        id: `ind-${String(this.indicatorSerial).padStart(6, '0')}`,
        objective,
        unit: this.rng.pick(INDICATOR_UNITS),
        targets: [{ day: this.today, target: Math.round(this.rng.next() * 1000) / 10 + 1 }],
        definedDay: this.today,
        lastDay: objective.lastDay,
      };
      objective.indicators.push(indicator);
      this.indicators.push(indicator);
      this.indicatorDays += Math.max(0, indicator.lastDay - indicator.definedDay + 1);
      drafts.push({
        type: 'IndicatorDefined',
        data: {
          indicatorId: indicator.id,
          objectiveId,
          description: `${this.rng.pick(['Percentuale di', 'Numero di', 'Tempo medio di', 'Grado di'])} ${this.rng.pick(THINGS)} (${indicator.id})`,
          kind: this.rng.pick(INDICATOR_KINDS),
          unit: indicator.unit,
          target: indicator.targets[0]!.target,
        } satisfies EventDataByType['IndicatorDefined'],
      });
      if (this.measurements) this.scheduleMeasurement(indicator, this.today + Math.floor(this.mRng.next() * this.meanInterval()));
    }
    const act = this.act('delibera di Giunta', `Approvazione del Piano degli Obiettivi ${year}`);
    const provenance: Provenance = { source: { document: `PDO ${year}`, location: `p. ${this.rng.int(3, 240)}` } };
    this.append(objectiveStream(this.orgId, objectiveId), this.metadata(this.today, act, this.rng, 'controllo-di-gestione', provenance), this.rng, drafts);
    if (withdrawnDay !== null) this.at(withdrawnDay, () => this.withdraw(objective));
  }

  private ownObjective(objective: ObjectiveModel, unitId: string): void {
    this.objectivesByUnit.get(objective.unitId)?.delete(objective);
    objective.unitId = unitId;
    let set = this.objectivesByUnit.get(unitId);
    if (!set) this.objectivesByUnit.set(unitId, (set = new Set()));
    set.add(objective);
  }

  private alive(objective: ObjectiveModel, day = this.today): boolean {
    return day >= objective.definedDay && day <= objective.lastDay;
  }

  /** The objectives of a dissolved unit still running pass to its successor, effective the same day. */
  private reassignObjectives(from: UnitModel, to: UnitModel): void {
    for (const objective of [...(this.objectivesByUnit.get(from.id) ?? [])]) {
      if (!this.alive(objective)) continue;
      this.ownObjective(objective, to.id);
      const act = this.act('determinazione', `Riassegnazione degli obiettivi di ${from.name}`);
      this.append(objectiveStream(this.orgId, objective.id), this.metadata(this.today, act, this.rng, 'controllo-di-gestione'), this.rng, [
        { type: 'ObjectiveRevised', data: { objectiveId: objective.id, unitId: to.id, reason: `Successione a ${from.id}` } satisfies EventDataByType['ObjectiveRevised'] },
      ]);
    }
  }

  private yearlyRevisions(year: number): void {
    const act = this.act('delibera di Giunta', `Aggiornamento del Piano degli Obiettivi ${year}`);
    for (const objective of this.objectives) {
      if (!this.alive(objective) || objective.definedDay >= this.today) continue;
      if (objective.mode === 'yearly' && !objective.years.includes(year)) continue;
      const drafts: Draft[] = [];
      if (objective.mode === 'yearly' && this.rng.chance(0.8)) {
        drafts.push({
          type: 'ObjectiveRevised',
          data: { objectiveId: objective.id, years: { [String(year)]: `${objective.title}: traguardo ${year}, aggiornato` }, reason: `Aggiornamento annuale ${year}` } satisfies EventDataByType['ObjectiveRevised'],
        });
      } else if (objective.mode === 'open' && this.rng.chance(0.3)) {
        objective.title = `${objective.title.replace(/ \[rev\. \d+\]$/, '')} [rev. ${year}]`;
        drafts.push({ type: 'ObjectiveRevised', data: { objectiveId: objective.id, title: objective.title, reason: `Aggiornamento annuale ${year}` } satisfies EventDataByType['ObjectiveRevised'] });
      }
      for (const indicator of objective.indicators) {
        if (!this.rng.chance(0.5)) continue;
        const target = reviseTarget(indicator, this.today, Math.round(targetAt(indicator, this.today) * (0.9 + this.rng.next() * 0.3) * 10) / 10);
        drafts.push({ type: 'IndicatorTargetRevised', data: { indicatorId: indicator.id, objectiveId: objective.id, target, unit: indicator.unit } satisfies EventDataByType['IndicatorTargetRevised'] });
      }
      this.append(objectiveStream(this.orgId, objective.id), this.metadata(this.today, act, this.rng, 'controllo-di-gestione'), this.rng, drafts);
    }
  }

  private withdraw(objective: ObjectiveModel): void {
    this.objectivesByUnit.get(objective.unitId)?.delete(objective);
    const act = this.act('delibera di Giunta', `Stralcio dell'obiettivo ${objective.id}`);
    this.append(objectiveStream(this.orgId, objective.id), this.metadata(this.today, act, this.rng, 'controllo-di-gestione'), this.rng, [
      { type: 'ObjectiveWithdrawn', data: { objectiveId: objective.id, reason: 'Obiettivo superato da sopravvenute priorità' } satisfies EventDataByType['ObjectiveWithdrawn'] },
    ]);
  }

  // ---------------------------------------------------------------- backdated corrections

  /** A correction recorded today, effective months or years ago (a decision found late, an error fixed). */
  private correction(): void {
    const rng = this.fixRng;
    const latest = this.today - 90;
    if (latest < 0) return;
    const r = rng.next();
    const provenance: Provenance = { qualifiers: [{ kind: 'inferred', field: 'effectiveFrom', reason: 'Rettifica di un dato registrato in ritardo' }] };
    if (r < 0.4) {
      const unit = rng.pick(this.allUnits);
      const last = Math.min(latest, unit.dissolvedDay === null ? latest : unit.dissolvedDay - 1);
      if (last < unit.establishedDay) return;
      const day = unit.establishedDay + Math.floor(rng.next() * (last - unit.establishedDay + 1));
      const act = this.act('determinazione', `Rettifica dell'atto di organizzazione`, day);
      const drafts: Draft[] = [];
      if (r < 0.2) {
        this.nameSerial += 1;
        drafts.push({ type: 'UnitRenamed', data: { unitId: unit.id, name: `${unit.name.replace(/ \(\d+\)$/, '')} (rettifica ${this.nameSerial})` } satisfies EventDataByType['UnitRenamed'] });
      } else {
        drafts.push({ type: 'HeadAppointed', data: { unitId: unit.id, person: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, title: rng.pick(HEAD_TITLES) } satisfies EventDataByType['HeadAppointed'] });
      }
      this.append(orgStream(this.orgId), this.metadata(day, act, rng, 'ufficio-organizzazione', provenance), rng, drafts);
      return;
    }
    if (this.objectives.length === 0) return;
    const objective = rng.pick(this.objectives);
    const last = Math.min(latest, objective.lastDay);
    if (last < objective.definedDay) return;
    const day = objective.definedDay + Math.floor(rng.next() * (last - objective.definedDay + 1));
    const act = this.act('determinazione', `Rettifica del Piano degli Obiettivi`, day);
    let draft: Draft;
    if (r < 0.7) {
      this.nameSerial += 1;
      draft =
        objective.mode === 'yearly'
          ? { type: 'ObjectiveRevised', data: { objectiveId: objective.id, years: { [String(rng.pick(objective.years))]: `${objective.title}: traguardo rettificato (${this.nameSerial})` }, reason: 'Rettifica' } }
          : { type: 'ObjectiveRevised', data: { objectiveId: objective.id, title: `${objective.title} (rettifica ${this.nameSerial})`, reason: 'Rettifica' } };
    } else {
      const indicator = rng.pick(objective.indicators);
      const target = reviseTarget(indicator, day, Math.round(rng.next() * 1000) / 10);
      draft = { type: 'IndicatorTargetRevised', data: { indicatorId: indicator.id, objectiveId: objective.id, target, unit: indicator.unit } satisfies EventDataByType['IndicatorTargetRevised'] };
    }
    this.append(objectiveStream(this.orgId, objective.id), this.metadata(day, act, rng, 'controllo-di-gestione', provenance), rng, [draft]);
  }

  // ---------------------------------------------------------------- measurements

  private meanInterval(): number {
    return 1 / this.measurements!.perIndicatorDay;
  }

  private scheduleMeasurement(indicator: IndicatorModel, day: number): void {
    if (day > indicator.lastDay || day > LAST_DAY) return;
    const due = this.measurementsDue.get(day);
    if (due) due.push(indicator);
    else this.measurementsDue.set(day, [indicator]);
  }

  private recordMeasurementsDue(): void {
    const rng = this.mRng;
    for (const indicator of this.measurementsDue.get(this.today) ?? []) {
      this.scheduleMeasurement(indicator, this.today + Math.max(1, Math.round(this.meanInterval() * (0.5 + rng.next()))));
      if (rng.chance(this.lateMeasurementShare)) {
        const recordDay = this.today + rng.int(90, 900);
        if (recordDay > LAST_DAY) continue;
        const late = this.lateMeasurements.get(recordDay);
        if (late) late.push({ indicator, day: this.today });
        else this.lateMeasurements.set(recordDay, [{ indicator, day: this.today }]);
        continue;
      }
      this.measure(indicator, this.today);
    }
    this.measurementsDue.delete(this.today);
    for (const { indicator, day } of this.lateMeasurements.get(this.today) ?? []) this.measure(indicator, day);
    this.lateMeasurements.delete(this.today);
  }

  /** One measurement, unless the log would then exceed its size (only ever on the last days). */
  private measure(indicator: IndicatorModel, day: number): void {
    const plan = this.measurements!;
    const structureToCome = plan.nonMeasurementEvents - this.nonMeasurementEvents;
    if (this.nonMeasurementEvents + this.measurementEvents + structureToCome >= this.size) return;
    const rng = this.mRng;
    const value = Math.round(targetAt(indicator, day) * (0.5 + rng.next() * 0.7) * 100) / 100;
    const data: EventDataByType['MeasurementRecorded'] = {
      indicatorId: indicator.id,
      objectiveId: indicator.objective.id,
      value,
      measuredAt: dateOfDay(day),
      note: rng.chance(0.1) ? 'Dato provvisorio' : null,
      source: rng.chance(0.2) ? 'Sistema di controllo di gestione' : null,
    };
    this.append(indicatorStream(this.orgId, indicator.id), this.metadata(day, null, rng, 'rilevazione-indicatori'), rng, [{ type: 'MeasurementRecorded', data }]);
  }

  /** On the last day: the measurements still missing to reach the exact size, for indicators alive that day. */
  private topUp(): void {
    const alive = this.indicators.filter((i) => i.lastDay >= LAST_DAY);
    const pool = alive.length > 0 ? alive : this.indicators;
    while (this.nonMeasurementEvents + this.measurementEvents < this.size) this.measure(this.mRng.pick(pool), LAST_DAY);
  }
}

type Draft = { type: EventType; data: unknown };

/** The target in force on `day`: the latest version by (effective day, recording order). */
function targetAt(indicator: IndicatorModel, day: number): number {
  let best: { day: number; target: number } | undefined;
  for (const version of indicator.targets) if (version.day <= day && (best === undefined || version.day >= best.day)) best = version;
  return (best ?? indicator.targets[0]!).target;
}

/** Records a target revision effective on `day`, nudged so that it always changes the target in force then. */
function reviseTarget(indicator: IndicatorModel, day: number, proposed: number): number {
  const target = proposed === targetAt(indicator, day) ? Math.round((proposed + 0.5) * 10) / 10 : proposed;
  indicator.targets.push({ day, target });
  return target;
}
