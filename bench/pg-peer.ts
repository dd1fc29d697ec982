/**
 * The PostgreSQL peer (issue 20, targets 2 and 3): what a team would run instead of the
 * service — PostgreSQL holding the same generated history in a bitemporal relational model,
 * queried through the `pg` driver with prepared statements.
 *
 * The rows are the relational baseline's (relational.ts): its projector decides, event by
 * event in position order, which row versions a change closes and which it inserts, and the
 * peer copies those very versions into PostgreSQL types — valid time as a `daterange` [from,
 * to), system time as a `tstzrange` [recorded_from, recorded_to) (unbounded when current) —
 * with GiST indexes on the two ranges (btree_gist for the org column where the extension
 * exists) and a b-tree for the latest-measurement look-up. A cut (at, asKnownAt) is then
 * `valid @> at AND recorded @> asKnownAt`, one query per table, as in the SQLite model.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ObjectiveLink } from '../src/commands/command-types.ts';
import type { AsOfQueries, IndicatorState, ObjectiveState, UnitState } from './as-of-queries.ts';

const SCHEMA = 'orgtrail_bench_peer';
const OPEN_INSTANT = Number.MAX_SAFE_INTEGER;

/** SQLite column → PostgreSQL: how each relational table is copied. */
interface TableCopy {
  table: string;
  create: string;
  /** SQLite SELECT giving the rows, in the column order of `insert`'s unnest. */
  select: string;
  /** INSERT … SELECT FROM unnest($1::t[], …) with the conversions. */
  insert: string;
}

const range = (from: string, to: string) => `daterange(${from}, ${to}, '[)')`;
const instants = (from: string, to: string) => `tstzrange(to_timestamp(${from} / 1000.0), CASE WHEN ${to} >= ${OPEN_INSTANT} THEN NULL ELSE to_timestamp(${to} / 1000.0) END, '[)')`;

const TABLES: TableCopy[] = [
  {
    table: 'unit_version',
    create: 'org_id text NOT NULL, unit_id text NOT NULL, valid daterange NOT NULL, recorded tstzrange NOT NULL, name text NOT NULL, kind text NOT NULL, parent_id text, head_person text, head_title text',
    select: 'SELECT org_id, unit_id, valid_from, valid_to, recorded_from, recorded_to, name, kind, parent_id, head_person, head_title FROM unit_version',
    insert: `INSERT INTO unit_version SELECT a, b, ${range('c', 'd')}, ${instants('e', 'f')}, g, h, i, j, k FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::float8[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS t(a, b, c, d, e, f, g, h, i, j, k)`,
  },
  {
    table: 'competency_version',
    create: 'org_id text NOT NULL, competency_id text NOT NULL, valid daterange NOT NULL, recorded tstzrange NOT NULL, unit_id text NOT NULL, text text NOT NULL',
    select: 'SELECT org_id, competency_id, valid_from, valid_to, recorded_from, recorded_to, unit_id, text FROM competency_version',
    insert: `INSERT INTO competency_version SELECT a, b, ${range('c', 'd')}, ${instants('e', 'f')}, g, h FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::float8[], $6::float8[], $7::text[], $8::text[]) AS t(a, b, c, d, e, f, g, h)`,
  },
  {
    table: 'objective_version',
    create: 'org_id text NOT NULL, objective_id text NOT NULL, valid daterange NOT NULL, recorded tstzrange NOT NULL, status text NOT NULL, title text NOT NULL, unit_id text NOT NULL, mode text NOT NULL, links text NOT NULL, plan text',
    select: 'SELECT org_id, objective_id, valid_from, valid_to, recorded_from, recorded_to, status, title, unit_id, mode, links, plan FROM objective_version',
    insert: `INSERT INTO objective_version SELECT a, b, ${range('c', 'd')}, ${instants('e', 'f')}, g, h, i, j, k, l FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::float8[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS t(a, b, c, d, e, f, g, h, i, j, k, l)`,
  },
  {
    table: 'objective_statement',
    create: 'org_id text NOT NULL, objective_id text NOT NULL, year text NOT NULL, valid daterange NOT NULL, recorded tstzrange NOT NULL, statement text NOT NULL',
    select: 'SELECT org_id, objective_id, year, valid_from, valid_to, recorded_from, recorded_to, statement FROM objective_statement',
    insert: `INSERT INTO objective_statement SELECT a, b, c, ${range('d', 'e')}, ${instants('f', 'g')}, h FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::float8[], $7::float8[], $8::text[]) AS t(a, b, c, d, e, f, g, h)`,
  },
  {
    table: 'objective_event',
    create: 'org_id text NOT NULL, objective_id text NOT NULL, revision integer NOT NULL, effective_from text NOT NULL, sets_status boolean NOT NULL, recorded_at timestamptz NOT NULL',
    select: 'SELECT org_id, objective_id, revision, effective_from, sets_status, recorded_at FROM objective_event',
    insert: 'INSERT INTO objective_event SELECT a, b, c, d, e = 1, to_timestamp(f / 1000.0) FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::float8[]) AS t(a, b, c, d, e, f)',
  },
  {
    table: 'indicator_version',
    create: 'org_id text NOT NULL, indicator_id text NOT NULL, objective_id text NOT NULL, valid daterange NOT NULL, recorded tstzrange NOT NULL, description text NOT NULL, kind text, unit text, target float8 NOT NULL',
    select: 'SELECT org_id, indicator_id, objective_id, valid_from, valid_to, recorded_from, recorded_to, description, kind, unit, target FROM indicator_version',
    insert: `INSERT INTO indicator_version SELECT a, b, c, ${range('d', 'e')}, ${instants('f', 'g')}, h, i, j, k FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::float8[], $7::float8[], $8::text[], $9::text[], $10::text[], $11::float8[]) AS t(a, b, c, d, e, f, g, h, i, j, k)`,
  },
  {
    table: 'measurement',
    create: 'org_id text NOT NULL, indicator_id text NOT NULL, measured_at text NOT NULL, position bigint NOT NULL, recorded_at timestamptz NOT NULL, value float8 NOT NULL',
    select: 'SELECT org_id, indicator_id, measured_at, position, recorded_at, value FROM measurement',
    insert: 'INSERT INTO measurement SELECT a, b, c, d, to_timestamp(e / 1000.0), f FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::float8[], $6::float8[]) AS t(a, b, c, d, e, f)',
  },
];

function indexes(orgGist: boolean): string[] {
  const org = orgGist ? 'org_id, ' : '';
  return [
    ...['unit_version', 'competency_version', 'objective_version'].map((t) => `CREATE INDEX ${t}_cut ON ${t} USING gist (${org}valid, recorded)`),
    'CREATE INDEX objective_statement_cut ON objective_statement USING gist (valid, recorded)',
    'CREATE INDEX objective_statement_by_objective ON objective_statement (objective_id, year)',
    'CREATE INDEX objective_event_by_objective ON objective_event (objective_id, recorded_at)',
    'CREATE INDEX indicator_version_by_objective ON indicator_version (objective_id)',
    'CREATE INDEX measurement_latest ON measurement (indicator_id, measured_at DESC, position DESC) INCLUDE (recorded_at, value)',
  ];
}

export interface PgLoadStats {
  rows: Record<string, number>;
  loadMs: number;
  /** Whether the org column is in the GiST indexes (btree_gist available). */
  orgInGist: boolean;
}

const BATCH = 20_000;

/** Drops and refills the peer's schema with the relational model's rows (its SQLite file), then indexes and ANALYZEs. */
export async function loadPgPeer(url: string, relationalFile: string): Promise<PgLoadStats> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const source = new Database(relationalFile, { readonly: true });
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.query(`CREATE SCHEMA ${SCHEMA}`);
    await client.query(`SET search_path TO ${SCHEMA}`);
    let orgInGist = true;
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    } catch {
      orgInGist = false;
    }
    const rows: Record<string, number> = {};
    for (const copy of TABLES) {
      await client.query(`CREATE UNLOGGED TABLE ${copy.table} (${copy.create})`);
      const statement = source.prepare(copy.select).raw();
      let batch: unknown[][] = [];
      let count = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const columns = batch[0]!.map((_, c) => batch.map((row) => row[c]));
        await client.query(copy.insert, columns);
        count += batch.length;
        batch = [];
      };
      for (const row of statement.iterate() as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      rows[copy.table] = count;
    }
    for (const index of indexes(orgInGist)) await client.query(index);
    await client.query('ANALYZE');
    return { rows, loadMs: performance.now() - started, orgInGist };
  } finally {
    source.close();
    await client.end();
  }
}

const CUT = (t: string, at = '$2::date', known = '$3::timestamptz') => `${t}.valid @> ${at} AND ${t}.recorded @> ${known}`;

const STATEMENTS = {
  units: `SELECT unit_id, name, kind, parent_id, head_person, head_title FROM unit_version u WHERE u.org_id = $1 AND ${CUT('u')}`,
  competencies: `SELECT competency_id, unit_id, text FROM competency_version c WHERE c.org_id = $1 AND ${CUT('c')}`,
  objectives: `
    WITH o AS (
      SELECT ov.objective_id, ov.unit_id, ov.title, ov.plan, ov.mode, ov.links,
        (SELECT min(e.effective_from) FROM objective_event e WHERE e.objective_id = ov.objective_id AND e.sets_status AND e.recorded_at <= $3::timestamptz) AS effective_from,
        (SELECT max(e.revision) FROM objective_event e WHERE e.objective_id = ov.objective_id AND e.recorded_at <= $3::timestamptz) AS revision,
        (SELECT s.statement FROM objective_statement s WHERE s.objective_id = ov.objective_id AND s.year = $4 AND ${CUT('s')}) AS statement
      FROM objective_version ov
      WHERE ov.org_id = $1 AND ov.status = 'active' AND ${CUT('ov')})
    SELECT * FROM o
    WHERE (mode = 'yearly' AND statement IS NOT NULL) OR (mode = 'open' AND substr(effective_from, 1, 4)::int <= $5)`,
  years: `SELECT s.objective_id, s.year, s.statement FROM objective_statement s WHERE s.objective_id = ANY($1::text[]) AND ${CUT('s', '$2::date', '$3::timestamptz')}`,
  indicators: `
    SELECT i.objective_id, i.indicator_id, i.description, i.kind, i.unit, i.target, m.value, m.measured_at
    FROM indicator_version i
    LEFT JOIN LATERAL (
      SELECT m2.value, m2.measured_at FROM measurement m2
      WHERE m2.indicator_id = i.indicator_id AND m2.measured_at <= $2 AND m2.recorded_at <= $3::timestamptz
      ORDER BY m2.measured_at DESC, m2.position DESC LIMIT 1) m ON true
    WHERE i.objective_id = ANY($1::text[]) AND ${CUT('i', '$2::date', '$3::timestamptz')}`,
} as const;

type Statement = keyof typeof STATEMENTS;

/** Every column as the text PostgreSQL sent: the "unparsed" client time has no type parsing and no assembly. */
const RAW_TYPES = { getTypeParser: () => (value: string) => value };

/**
 * The SQL side of the peer, on one connection (a pool would only add hand-offs for a sequential
 * series): named statements, so PostgreSQL prepares each once and then binds and executes.
 */
export class PgQueries implements AsOfQueries {
  readonly name = 'PostgreSQL (pg driver)';

  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<PgQueries> {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${SCHEMA}` });
    await client.connect();
    return new PgQueries(client);
  }

  private async run<R>(name: Statement, values: unknown[], raw = false): Promise<R[]> {
    const result = await this.client.query({ name: raw ? `${name}_raw` : name, text: STATEMENTS[name], values, ...(raw ? { rowMode: 'array', types: RAW_TYPES } : {}) });
    return result.rows as R[];
  }

  async orgChart(orgId: string, at: string, asKnownAt: string): Promise<UnitState[]> {
    const views = new Map<string, UnitState>();
    const units = await this.run<{ unit_id: string; name: string; kind: string; parent_id: string | null; head_person: string | null; head_title: string | null }>('units', [orgId, at, asKnownAt]);
    for (const r of units) {
      views.set(r.unit_id, { unitId: r.unit_id, name: r.name, kind: r.kind, parentId: r.parent_id, competencies: [], head: r.head_person === null ? null : { person: r.head_person, title: r.head_title } });
    }
    for (const c of await this.run<{ competency_id: string; unit_id: string; text: string }>('competencies', [orgId, at, asKnownAt])) {
      views.get(c.unit_id)?.competencies.push({ competencyId: c.competency_id, text: c.text });
    }
    return [...views.values()];
  }

  async pdo(orgId: string, year: number, at: string, asKnownAt: string): Promise<ObjectiveState[]> {
    const rows = await this.run<{ objective_id: string; unit_id: string; title: string; plan: string | null; mode: string; links: string; effective_from: string; revision: number; statement: string | null }>('objectives', [orgId, at, asKnownAt, String(year), year]);
    const views = new Map<string, ObjectiveState>();
    for (const r of rows) {
      views.set(r.objective_id, {
        objectiveId: r.objective_id, unitId: r.unit_id, title: r.mode === 'yearly' ? r.statement! : r.title, status: 'active', plan: r.plan,
        years: r.mode === 'yearly' ? {} : null, links: JSON.parse(r.links) as ObjectiveLink[], effectiveFrom: r.effective_from, indicators: [], revision: r.revision,
        // As in relational.ts: the generated events are of data v1 (no description, matrix rows or plan items).
        description: null, matrix: [], planItems: [],
      });
    }
    const yearly = rows.filter((r) => r.mode === 'yearly').map((r) => r.objective_id);
    const statements = (await this.run<{ objective_id: string; year: string; statement: string }>('years', [yearly, at, asKnownAt])).sort((a, b) => (a.year < b.year ? -1 : a.year > b.year ? 1 : 0));
    for (const s of statements) views.get(s.objective_id)!.years![s.year] = s.statement;
    const indicators = await this.run<{ objective_id: string; indicator_id: string; description: string; kind: string | null; unit: string | null; target: number; value: number | null; measured_at: string | null }>('indicators', [rows.map((r) => r.objective_id), at, asKnownAt]);
    for (const i of indicators) {
      const view: IndicatorState = { indicatorId: i.indicator_id, description: i.description, kind: i.kind, unit: i.unit, target: i.target, latest: i.value === null ? null : { value: i.value, measuredAt: i.measured_at! } };
      views.get(i.objective_id)!.indicators.push(view);
    }
    return [...views.values()];
  }

  /** The same statements with every value left as the text received (no type parsing, no objects): the "unparsed" client time. Returns the rows received. */
  async unparsed(view: 'orgChart' | 'pdo', orgId: string, cut: { at: string; asKnownAt: string; year: number }): Promise<number> {
    if (view === 'orgChart') {
      const [units, competencies] = [await this.run<unknown[]>('units', [orgId, cut.at, cut.asKnownAt], true), await this.run<unknown[]>('competencies', [orgId, cut.at, cut.asKnownAt], true)];
      return units.length + competencies.length;
    }
    const rows = await this.run<string[]>('objectives', [orgId, cut.at, cut.asKnownAt, String(cut.year), cut.year], true);
    const ids = rows.map((r) => r[0]!);
    const yearly = rows.filter((r) => r[4] === 'yearly').map((r) => r[0]!);
    const years = await this.run<unknown[]>('years', [yearly, cut.at, cut.asKnownAt], true);
    const indicators = await this.run<unknown[]>('indicators', [ids, cut.at, cut.asKnownAt], true);
    return rows.length + years.length + indicators.length;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
