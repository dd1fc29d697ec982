/**
 * Baseline (b): what a team would build instead of event sourcing — a bitemporal relational
 * model in SQLite (better-sqlite3, its own file), queried with SQL.
 *
 * Each table holds versions of rows with a valid-time period [valid_from, valid_to) (calendar
 * dates, '9999-12-31' when open) and a system-time period [recorded_from, recorded_to) (epoch
 * milliseconds, MAX when current). A change recorded at instant t never updates a row in place:
 * the rows it supersedes get recorded_to = t, and the rows that replace them (the same periods
 * with the new values, split where the change starts) get recorded_from = t. The state at a
 * cut (at, asKnownAt) is therefore the rows with valid_from <= at < valid_to and
 * recorded_from <= asKnownAt < recorded_to: one indexed query per table, no replay.
 *
 *   unit_version         one row per period of a unit's whole state (name, kind, parent, head)
 *   competency_version   who holds a competency, and its text
 *   objective_version    status, title, owner, mode (open / yearly), links
 *   objective_statement  the statement of one plan year of an objective
 *   objective_event      stream revision and effective date of every objective event (ETag, effectiveFrom)
 *   indicator_version    description, kind, unit, target
 *   measurement          measurements (append-only facts): the latest one at a cut is a LIMIT 1 query
 *
 * The model is filled from the same events, in position order, by a projector that keeps the
 * current (as known now) history of each entity in memory to compute which rows to close and
 * which to insert. Building it is timed and reported, but it is not what is compared.
 */
import Database from 'better-sqlite3';
import type { EventDataByType, EventMetadata } from '../events/types.ts';
import type { ObjectiveLink } from '../src/commands/command-types.ts';
import type { RecordedEvent } from '../src/store/event-store.ts';
import type { AsOfQueries, IndicatorState, ObjectiveState, UnitState } from './as-of-queries.ts';

const OPEN_DATE = '9999-12-31';
const OPEN_INSTANT = Number.MAX_SAFE_INTEGER;

const SCHEMA = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  CREATE TABLE IF NOT EXISTS unit_version (
    id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, unit_id TEXT NOT NULL,
    valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, recorded_from INTEGER NOT NULL, recorded_to INTEGER NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL, parent_id TEXT, head_person TEXT, head_title TEXT);
  CREATE TABLE IF NOT EXISTS competency_version (
    id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, competency_id TEXT NOT NULL,
    valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, recorded_from INTEGER NOT NULL, recorded_to INTEGER NOT NULL,
    unit_id TEXT NOT NULL, text TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS objective_version (
    id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, objective_id TEXT NOT NULL,
    valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, recorded_from INTEGER NOT NULL, recorded_to INTEGER NOT NULL,
    status TEXT NOT NULL, title TEXT NOT NULL, unit_id TEXT NOT NULL, mode TEXT NOT NULL, links TEXT NOT NULL, plan TEXT);
  CREATE TABLE IF NOT EXISTS objective_statement (
    id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, objective_id TEXT NOT NULL, year TEXT NOT NULL,
    valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, recorded_from INTEGER NOT NULL, recorded_to INTEGER NOT NULL,
    statement TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS objective_event (
    id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, objective_id TEXT NOT NULL, revision INTEGER NOT NULL,
    effective_from TEXT NOT NULL, sets_status INTEGER NOT NULL, recorded_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS indicator_version (
    id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, indicator_id TEXT NOT NULL, objective_id TEXT NOT NULL,
    valid_from TEXT NOT NULL, valid_to TEXT NOT NULL, recorded_from INTEGER NOT NULL, recorded_to INTEGER NOT NULL,
    description TEXT NOT NULL, kind TEXT, unit TEXT, target REAL NOT NULL);
  CREATE TABLE IF NOT EXISTS measurement (
    id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, indicator_id TEXT NOT NULL, measured_at TEXT NOT NULL,
    position INTEGER NOT NULL, recorded_at INTEGER NOT NULL, value REAL NOT NULL);
`;

/** Created after the bulk load (as one would for a migration), then ANALYZEd so the planner knows the data. */
const INDEXES = `
  CREATE INDEX IF NOT EXISTS unit_version_valid ON unit_version (org_id, valid_to, valid_from);
  CREATE INDEX IF NOT EXISTS unit_version_recorded ON unit_version (org_id, recorded_to, recorded_from);
  CREATE INDEX IF NOT EXISTS competency_version_valid ON competency_version (org_id, valid_to, valid_from);
  CREATE INDEX IF NOT EXISTS competency_version_recorded ON competency_version (org_id, recorded_to, recorded_from);
  CREATE INDEX IF NOT EXISTS objective_version_valid ON objective_version (org_id, valid_to, valid_from);
  CREATE INDEX IF NOT EXISTS objective_version_recorded ON objective_version (org_id, recorded_to, recorded_from);
  CREATE INDEX IF NOT EXISTS objective_statement_by_objective ON objective_statement (objective_id, year, valid_from);
  CREATE INDEX IF NOT EXISTS objective_event_by_objective ON objective_event (objective_id, recorded_at);
  CREATE INDEX IF NOT EXISTS indicator_version_by_objective ON indicator_version (objective_id, valid_from);
  CREATE INDEX IF NOT EXISTS measurement_latest ON measurement (indicator_id, measured_at, position, recorded_at);
  ANALYZE;
`;

const BITEMPORAL = (t: string) =>
  `${t}.valid_from <= @at AND ${t}.valid_to > @at AND ${t}.recorded_from <= @t AND ${t}.recorded_to > @t`;

type WriteStatements = ReturnType<typeof prepareWrites>;

function prepareWrites(db: Database.Database) {
  return {
    insertUnit: db.prepare(`INSERT INTO unit_version (org_id, unit_id, valid_from, valid_to, recorded_from, recorded_to, name, kind, parent_id, head_person, head_title)
      VALUES (?, ?, ?, ?, ?, ${OPEN_INSTANT}, ?, ?, ?, ?, ?)`),
    closeUnit: db.prepare('UPDATE unit_version SET recorded_to = ? WHERE id = ?'),
    insertCompetency: db.prepare(`INSERT INTO competency_version (org_id, competency_id, valid_from, valid_to, recorded_from, recorded_to, unit_id, text)
      VALUES (?, ?, ?, ?, ?, ${OPEN_INSTANT}, ?, ?)`),
    closeCompetency: db.prepare('UPDATE competency_version SET recorded_to = ? WHERE id = ?'),
    insertObjective: db.prepare(`INSERT INTO objective_version (org_id, objective_id, valid_from, valid_to, recorded_from, recorded_to, status, title, unit_id, mode, links, plan)
      VALUES (?, ?, ?, ?, ?, ${OPEN_INSTANT}, ?, ?, ?, ?, ?, ?)`),
    closeObjective: db.prepare('UPDATE objective_version SET recorded_to = ? WHERE id = ?'),
    insertStatement: db.prepare(`INSERT INTO objective_statement (org_id, objective_id, year, valid_from, valid_to, recorded_from, recorded_to, statement)
      VALUES (?, ?, ?, ?, ?, ?, ${OPEN_INSTANT}, ?)`),
    closeStatement: db.prepare('UPDATE objective_statement SET recorded_to = ? WHERE id = ?'),
    insertObjectiveEvent: db.prepare('INSERT INTO objective_event (org_id, objective_id, revision, effective_from, sets_status, recorded_at) VALUES (?, ?, ?, ?, ?, ?)'),
    insertIndicator: db.prepare(`INSERT INTO indicator_version (org_id, indicator_id, objective_id, valid_from, valid_to, recorded_from, recorded_to, description, kind, unit, target)
      VALUES (?, ?, ?, ?, ?, ?, ${OPEN_INSTANT}, ?, ?, ?, ?)`),
    closeIndicator: db.prepare('UPDATE indicator_version SET recorded_to = ? WHERE id = ?'),
    insertMeasurement: db.prepare('INSERT INTO measurement (org_id, indicator_id, measured_at, position, recorded_at, value) VALUES (?, ?, ?, ?, ?, ?)'),
  };
}

/** An attribute's versions as known now, ordered by (valid date, position). */
class History<T> {
  readonly versions: { from: string; value: T }[] = [];

  set(from: string, value: T): void {
    let i = this.versions.length;
    while (i > 0 && this.versions[i - 1]!.from > from) i--;
    this.versions.splice(i, 0, { from, value });
  }

  valueAt(date: string): T | undefined {
    for (let i = this.versions.length - 1; i >= 0; i--) if (this.versions[i]!.from <= date) return this.versions[i]!.value;
    return undefined;
  }
}

interface OpenRow {
  rowid: number;
  key: string;
}

interface Period {
  from: string;
  to: string;
  values: Record<string, unknown>;
}

/** What sync needs of an entity, whatever its attributes. */
interface Versioned {
  openRows: OpenRow[];
  periods(include: (values: Record<string, unknown>) => boolean): Period[];
}

/**
 * One entity's rows as known now: recomputed from its attribute histories after each change
 * (periods split at every valid date any attribute changes on, equal neighbours merged), then
 * diffed against the rows currently open, closing the ones that went away and inserting the new.
 */
class VersionedEntity<Attrs extends { [name: string]: { versions: { from: string }[]; valueAt(date: string): unknown } }> implements Versioned {
  openRows: OpenRow[] = [];

  constructor(readonly attrs: Attrs) {}

  periods(include: (values: Record<string, unknown>) => boolean): Period[] {
    const dates = [...new Set(Object.values(this.attrs).flatMap((h) => h.versions.map((v) => v.from)))].sort();
    const out: Period[] = [];
    for (let i = 0; i < dates.length; i++) {
      const from = dates[i]!;
      const values: Record<string, unknown> = {};
      for (const [name, history] of Object.entries(this.attrs)) values[name] = history.valueAt(from);
      if (!include(values)) continue;
      const last = out[out.length - 1];
      if (last && last.to === from && JSON.stringify(last.values) === JSON.stringify(values)) {
        last.to = dates[i + 1] ?? OPEN_DATE;
        continue;
      }
      out.push({ from, to: dates[i + 1] ?? OPEN_DATE, values });
    }
    return out;
  }
}

export interface RelationalBuildStats {
  events: number;
  rows: Record<string, number>;
  buildMs: number;
  fileBytes: number;
}

export class RelationalModel {
  readonly db: Database.Database;
  private readonly units = new Map<string, VersionedEntity<{ active: History<boolean>; name: History<string>; kind: History<string>; parentId: History<string | null>; head: History<{ person: string; title: string | null } | null> }>>();
  private readonly competencies = new Map<string, VersionedEntity<{ holder: History<string | null>; text: History<string> }>>();
  private readonly objectives = new Map<string, VersionedEntity<{ status: History<string>; title: History<string>; unitId: History<string>; mode: History<string>; links: History<ObjectiveLink[]> }> & { plan: string | null }>();
  private readonly statements = new Map<string, VersionedEntity<{ statement: History<string | null> }>>();
  private readonly indicators = new Map<string, VersionedEntity<{ description: History<string>; kind: History<string | null>; unit: History<string | null>; target: History<number> }> & { objectiveId: string }>();
  private readonly sql: WriteStatements;
  private eventsApplied = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.exec(SCHEMA);
    this.sql = prepareWrites(this.db);
  }


  /** Fills the model from events in position order (in transactions of `batch` events), then indexes it. */
  static async build(file: string, events: AsyncIterable<RecordedEvent[]> | Iterable<RecordedEvent[]>): Promise<{ model: RelationalModel; stats: Omit<RelationalBuildStats, 'fileBytes'> }> {
    const started = performance.now();
    const model = new RelationalModel(file);
    const applyPage = model.db.transaction((page: RecordedEvent[]) => {
      for (const event of page) model.apply(event);
    });
    for await (const page of events) applyPage(page);
    model.db.exec(INDEXES);
    const rows: Record<string, number> = {};
    for (const table of ['unit_version', 'competency_version', 'objective_version', 'objective_statement', 'objective_event', 'indicator_version', 'measurement']) {
      rows[table] = Number(model.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    }
    return { model, stats: { events: model.eventsApplied, rows, buildMs: performance.now() - started } };
  }

  close(): void {
    this.db.close();
  }

  private apply(event: RecordedEvent): void {
    this.eventsApplied += 1;
    const meta = event.metadata as EventMetadata;
    const orgId = meta.orgId;
    const from = meta.effectiveFrom;
    const t = Date.parse(event.recordedAt);
    const s = this.sql;
    switch (event.type) {
      case 'UnitEstablished': {
        const d = event.data as EventDataByType['UnitEstablished'];
        const u = this.unit(d.unitId);
        u.attrs.active.set(from, true);
        u.attrs.name.set(from, d.name);
        u.attrs.kind.set(from, d.kind);
        u.attrs.parentId.set(from, d.parentId);
        return this.syncUnit(orgId, d.unitId, t);
      }
      case 'UnitRenamed': {
        const d = event.data as EventDataByType['UnitRenamed'];
        this.unit(d.unitId).attrs.name.set(from, d.name);
        return this.syncUnit(orgId, d.unitId, t);
      }
      case 'UnitMoved': {
        const d = event.data as EventDataByType['UnitMoved'];
        this.unit(d.unitId).attrs.parentId.set(from, d.parentId);
        return this.syncUnit(orgId, d.unitId, t);
      }
      case 'UnitReclassified': {
        const d = event.data as EventDataByType['UnitReclassified'];
        this.unit(d.unitId).attrs.kind.set(from, d.kind);
        return this.syncUnit(orgId, d.unitId, t);
      }
      case 'UnitDissolved': {
        const d = event.data as EventDataByType['UnitDissolved'];
        this.unit(d.unitId).attrs.active.set(from, false);
        return this.syncUnit(orgId, d.unitId, t);
      }
      case 'HeadAppointed': {
        const d = event.data as EventDataByType['HeadAppointed'];
        this.unit(d.unitId).attrs.head.set(from, { person: d.person, title: d.title });
        return this.syncUnit(orgId, d.unitId, t);
      }
      case 'HeadVacated': {
        const d = event.data as EventDataByType['HeadVacated'];
        this.unit(d.unitId).attrs.head.set(from, null);
        return this.syncUnit(orgId, d.unitId, t);
      }
      case 'CompetencyAssigned': {
        const d = event.data as EventDataByType['CompetencyAssigned'];
        const c = this.competency(d.competencyId);
        c.attrs.holder.set(from, d.unitId);
        c.attrs.text.set(from, d.text);
        return this.syncCompetency(orgId, d.competencyId, t);
      }
      case 'CompetencyWithdrawn': {
        const d = event.data as EventDataByType['CompetencyWithdrawn'];
        this.competency(d.competencyId).attrs.holder.set(from, null);
        return this.syncCompetency(orgId, d.competencyId, t);
      }
      case 'CompetencyTransferred': {
        const d = event.data as EventDataByType['CompetencyTransferred'];
        this.competency(d.competencyId).attrs.holder.set(from, d.toUnitId);
        return this.syncCompetency(orgId, d.competencyId, t);
      }
      case 'ObjectiveDefined': {
        const d = event.data as EventDataByType['ObjectiveDefined'];
        const o = this.objective(d.objectiveId, d.plan);
        o.attrs.status.set(from, 'active');
        o.attrs.title.set(from, d.title);
        o.attrs.unitId.set(from, d.unitId);
        o.attrs.mode.set(from, d.years ? 'yearly' : 'open');
        o.attrs.links.set(from, d.links);
        for (const [year, statement] of Object.entries(d.years ?? {})) this.setStatement(orgId, d.objectiveId, year, from, statement, t);
        s.insertObjectiveEvent.run(orgId, d.objectiveId, event.revision, from, 1, t);
        return this.syncObjective(orgId, d.objectiveId, t);
      }
      case 'ObjectiveRevised': {
        const d = event.data as EventDataByType['ObjectiveRevised'];
        const o = this.objective(d.objectiveId, null);
        if (d.title !== undefined) o.attrs.title.set(from, d.title);
        if (d.unitId !== undefined) o.attrs.unitId.set(from, d.unitId);
        if (d.links !== undefined) o.attrs.links.set(from, d.links);
        if (d.years !== undefined) {
          o.attrs.mode.set(from, 'yearly');
          for (const [year, statement] of Object.entries(d.years)) this.setStatement(orgId, d.objectiveId, year, from, statement, t);
        }
        s.insertObjectiveEvent.run(orgId, d.objectiveId, event.revision, from, 0, t);
        return this.syncObjective(orgId, d.objectiveId, t);
      }
      case 'ObjectiveWithdrawn': {
        const d = event.data as EventDataByType['ObjectiveWithdrawn'];
        this.objective(d.objectiveId, null).attrs.status.set(from, 'withdrawn');
        s.insertObjectiveEvent.run(orgId, d.objectiveId, event.revision, from, 1, t);
        return this.syncObjective(orgId, d.objectiveId, t);
      }
      case 'IndicatorDefined': {
        const d = event.data as EventDataByType['IndicatorDefined'];
        const i = this.indicator(d.indicatorId, d.objectiveId);
        i.attrs.description.set(from, d.description);
        i.attrs.kind.set(from, d.kind);
        i.attrs.unit.set(from, d.unit);
        i.attrs.target.set(from, d.target);
        s.insertObjectiveEvent.run(orgId, d.objectiveId, event.revision, from, 0, t);
        return this.syncIndicator(orgId, d.indicatorId, t);
      }
      case 'IndicatorRevised': {
        const d = event.data as EventDataByType['IndicatorRevised'];
        const i = this.indicator(d.indicatorId, d.objectiveId);
        if (d.description !== undefined) i.attrs.description.set(from, d.description);
        if (d.kind !== undefined) i.attrs.kind.set(from, d.kind);
        s.insertObjectiveEvent.run(orgId, d.objectiveId, event.revision, from, 0, t);
        return this.syncIndicator(orgId, d.indicatorId, t);
      }
      case 'IndicatorTargetRevised': {
        const d = event.data as EventDataByType['IndicatorTargetRevised'];
        const i = this.indicator(d.indicatorId, d.objectiveId);
        i.attrs.target.set(from, d.target);
        i.attrs.unit.set(from, d.unit);
        s.insertObjectiveEvent.run(orgId, d.objectiveId, event.revision, from, 0, t);
        return this.syncIndicator(orgId, d.indicatorId, t);
      }
      case 'MeasurementRecorded': {
        const d = event.data as EventDataByType['MeasurementRecorded'];
        s.insertMeasurement.run(orgId, d.indicatorId, d.measuredAt, event.position, t, d.value);
        return;
      }
      default:
        return;
    }
  }

  private unit(unitId: string) {
    let u = this.units.get(unitId);
    if (!u) this.units.set(unitId, (u = new VersionedEntity({ active: new History<boolean>(), name: new History<string>(), kind: new History<string>(), parentId: new History<string | null>(), head: new History<{ person: string; title: string | null } | null>() })));
    return u;
  }

  private competency(competencyId: string) {
    let c = this.competencies.get(competencyId);
    if (!c) this.competencies.set(competencyId, (c = new VersionedEntity({ holder: new History<string | null>(), text: new History<string>() })));
    return c;
  }

  private objective(objectiveId: string, plan: string | null) {
    let o = this.objectives.get(objectiveId);
    if (!o) {
      o = Object.assign(new VersionedEntity({ status: new History<string>(), title: new History<string>(), unitId: new History<string>(), mode: new History<string>(), links: new History<ObjectiveLink[]>() }), { plan });
      this.objectives.set(objectiveId, o);
    }
    return o;
  }

  private indicator(indicatorId: string, objectiveId: string) {
    let i = this.indicators.get(indicatorId);
    if (!i) {
      i = Object.assign(new VersionedEntity({ description: new History<string>(), kind: new History<string | null>(), unit: new History<string | null>(), target: new History<number>() }), { objectiveId });
      this.indicators.set(indicatorId, i);
    }
    return i;
  }

  /** Replaces an entity's open rows by its new periods: unchanged rows stay, the others are closed at t. */
  private sync(entity: Versioned, include: (v: Record<string, unknown>) => boolean, close: (rowid: number) => void, insert: (from: string, to: string, values: Record<string, unknown>) => number): void {
    const periods = entity.periods(include).map((p) => ({ ...p, key: `${p.from}|${p.to}|${JSON.stringify(p.values)}` }));
    const wanted = new Set(periods.map((p) => p.key));
    const kept: OpenRow[] = [];
    for (const row of entity.openRows) {
      if (wanted.has(row.key)) kept.push(row);
      else close(row.rowid);
    }
    const existing = new Set(kept.map((r) => r.key));
    for (const p of periods) if (!existing.has(p.key)) kept.push({ rowid: insert(p.from, p.to, p.values), key: p.key });
    entity.openRows = kept;
  }

  private syncUnit(orgId: string, unitId: string, t: number): void {
    const s = this.sql;
    this.sync(this.unit(unitId), (v) => v.active === true, (rowid) => s.closeUnit.run(t, rowid), (from, to, v) => {
      const head = v.head as { person: string; title: string | null } | null | undefined;
      return Number(s.insertUnit.run(orgId, unitId, from, to, t, v.name, v.kind, v.parentId ?? null, head?.person ?? null, head?.title ?? null).lastInsertRowid);
    });
  }

  private syncCompetency(orgId: string, competencyId: string, t: number): void {
    const s = this.sql;
    this.sync(this.competency(competencyId), (v) => typeof v.holder === 'string' && v.text !== undefined, (rowid) => s.closeCompetency.run(t, rowid), (from, to, v) =>
      Number(s.insertCompetency.run(orgId, competencyId, from, to, t, v.holder, v.text).lastInsertRowid),
    );
  }

  private syncObjective(orgId: string, objectiveId: string, t: number): void {
    const s = this.sql;
    const o = this.objective(objectiveId, null);
    this.sync(o, (v) => v.status !== undefined, (rowid) => s.closeObjective.run(t, rowid), (from, to, v) =>
      Number(s.insertObjective.run(orgId, objectiveId, from, to, t, v.status, v.title, v.unitId, v.mode ?? 'open', JSON.stringify(v.links ?? []), o.plan).lastInsertRowid),
    );
  }

  private setStatement(orgId: string, objectiveId: string, year: string, from: string, statement: string | null, t: number): void {
    const key = `${objectiveId}|${year}`;
    let e = this.statements.get(key);
    if (!e) this.statements.set(key, (e = new VersionedEntity({ statement: new History<string | null>() })));
    e.attrs.statement.set(from, statement);
    const s = this.sql;
    this.sync(e, (v) => typeof v.statement === 'string' && v.statement !== '', (rowid) => s.closeStatement.run(t, rowid), (f, to, v) =>
      Number(s.insertStatement.run(orgId, objectiveId, year, f, to, t, v.statement).lastInsertRowid),
    );
  }

  private syncIndicator(orgId: string, indicatorId: string, t: number): void {
    const s = this.sql;
    const i = this.indicators.get(indicatorId)!;
    this.sync(i, (v) => v.target !== undefined, (rowid) => s.closeIndicator.run(t, rowid), (from, to, v) =>
      Number(s.insertIndicator.run(orgId, indicatorId, i.objectiveId, from, to, t, v.description, v.kind ?? null, v.unit ?? null, v.target).lastInsertRowid),
    );
  }
}

interface UnitRow {
  unit_id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  head_person: string | null;
  head_title: string | null;
}

interface ObjectiveRow {
  objective_id: string;
  unit_id: string;
  title: string;
  plan: string | null;
  mode: 'open' | 'yearly';
  links: string;
  effective_from: string;
  revision: number;
  statement: string | null;
}

interface IndicatorRow {
  objective_id: string;
  indicator_id: string;
  description: string;
  kind: string | null;
  unit: string | null;
  target: number;
  value: number | null;
  measured_at: string | null;
}

/** The SQL side of baseline (b). Queries run on their own read connection to the model's file. */
export class RelationalQueries implements AsOfQueries {
  readonly name = 'relational (SQLite)';
  private readonly db: Database.Database;
  private readonly units;
  private readonly competencies;
  private readonly objectives;
  private readonly years;
  private readonly indicators;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true });
    this.db.pragma('cache_size = -262144');
    this.units = this.db.prepare(
      `SELECT unit_id, name, kind, parent_id, head_person, head_title FROM unit_version u WHERE u.org_id = @org AND ${BITEMPORAL('u')}`,
    );
    this.competencies = this.db.prepare(`SELECT competency_id, unit_id, text FROM competency_version c WHERE c.org_id = @org AND ${BITEMPORAL('c')}`);
    this.objectives = this.db.prepare(`
      WITH o AS (
        SELECT ov.objective_id, ov.unit_id, ov.title, ov.plan, ov.mode, ov.links,
          (SELECT min(e.effective_from) FROM objective_event e WHERE e.objective_id = ov.objective_id AND e.sets_status = 1 AND e.recorded_at <= @t) AS effective_from,
          (SELECT max(e.revision) FROM objective_event e WHERE e.objective_id = ov.objective_id AND e.recorded_at <= @t) AS revision,
          (SELECT s.statement FROM objective_statement s WHERE s.objective_id = ov.objective_id AND s.year = @year AND ${BITEMPORAL('s')}) AS statement
        FROM objective_version ov
        WHERE ov.org_id = @org AND ov.status = 'active' AND ${BITEMPORAL('ov')})
      SELECT * FROM o
      WHERE (mode = 'yearly' AND statement IS NOT NULL) OR (mode = 'open' AND CAST(substr(effective_from, 1, 4) AS INTEGER) <= @yearNumber)`);
    this.years = this.db.prepare(`
      SELECT s.objective_id, s.year, s.statement FROM objective_statement s
      WHERE s.objective_id IN (SELECT value FROM json_each(@ids)) AND ${BITEMPORAL('s')}`);
    this.indicators = this.db.prepare(`
      SELECT i.objective_id, i.indicator_id, i.description, i.kind, i.unit, i.target, m.value, m.measured_at
      FROM indicator_version i
      LEFT JOIN measurement m ON m.id = (
        SELECT m2.id FROM measurement m2
        WHERE m2.indicator_id = i.indicator_id AND m2.measured_at <= @at AND m2.recorded_at <= @t
        ORDER BY m2.measured_at DESC, m2.position DESC LIMIT 1)
      WHERE i.objective_id IN (SELECT value FROM json_each(@ids)) AND ${BITEMPORAL('i')}`);
  }

  /** The query plans, for the report (what SQLite does with the bitemporal predicates). */
  plans(): Record<string, string[]> {
    const params = { org: 'x', at: '2010-01-01', t: 0, year: '2010', yearNumber: 2010, ids: '[]' };
    const plan = (statement: Database.Statement) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(params) as { detail: string }[]).map((r) => r.detail);
    return { orgChartUnits: plan(this.units), orgChartCompetencies: plan(this.competencies), pdoObjectives: plan(this.objectives), pdoIndicators: plan(this.indicators) };
  }

  orgChart(orgId: string, at: string, asKnownAt: string): UnitState[] {
    const params = { org: orgId, at, t: Date.parse(asKnownAt) };
    const views = new Map<string, UnitState>();
    for (const r of this.units.all(params) as UnitRow[]) {
      views.set(r.unit_id, {
        unitId: r.unit_id,
        name: r.name,
        kind: r.kind,
        parentId: r.parent_id,
        competencies: [],
        head: r.head_person === null ? null : { person: r.head_person, title: r.head_title },
      });
    }
    for (const c of this.competencies.all(params) as { competency_id: string; unit_id: string; text: string }[]) {
      views.get(c.unit_id)?.competencies.push({ competencyId: c.competency_id, text: c.text });
    }
    return [...views.values()];
  }

  pdo(orgId: string, year: number, at: string, asKnownAt: string): ObjectiveState[] {
    const t = Date.parse(asKnownAt);
    const rows = this.objectives.all({ org: orgId, at, t, year: String(year), yearNumber: year }) as ObjectiveRow[];
    const views = new Map<string, ObjectiveState>();
    for (const r of rows) {
      views.set(r.objective_id, {
        objectiveId: r.objective_id,
        unitId: r.unit_id,
        title: r.mode === 'yearly' ? r.statement! : r.title,
        status: 'active',
        plan: r.plan,
        years: r.mode === 'yearly' ? {} : null,
        // The generated events are of data v1: upcast, they have no description, matrix rows or plan items.
        description: null,
        links: JSON.parse(r.links) as ObjectiveLink[],
        matrix: [],
        planItems: [],
        effectiveFrom: r.effective_from,
        indicators: [],
        revision: r.revision,
      });
    }
    const ids = JSON.stringify(rows.map((r) => r.objective_id));
    const yearly = JSON.stringify(rows.filter((r) => r.mode === 'yearly').map((r) => r.objective_id));
    const statements = (this.years.all({ ids: yearly, at, t }) as { objective_id: string; year: string; statement: string }[]).sort((a, b) => (a.year < b.year ? -1 : a.year > b.year ? 1 : 0));
    for (const s of statements) views.get(s.objective_id)!.years![s.year] = s.statement;
    for (const i of this.indicators.all({ ids, at, t }) as IndicatorRow[]) {
      const view: IndicatorState = {
        indicatorId: i.indicator_id,
        description: i.description,
        kind: i.kind,
        unit: i.unit,
        target: i.target,
        latest: i.value === null ? null : { value: i.value, measuredAt: i.measured_at! },
      };
      views.get(i.objective_id)!.indicators.push(view);
    }
    return [...views.values()];
  }

  close(): void {
    this.db.close();
  }
}
