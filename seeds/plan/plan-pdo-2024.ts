/**
 * 004: the PDO 2024-2026, from seeds/data/004-pdo-2024-2026.generated.json, attested over its
 * three plan years.
 *
 * - Every directorate that owns objectives is attested by the title of its table: name, kind
 *   and its place at the top level (a Direzione is a first-level structure of the Comune). One
 *   the Comune already has (002, 000) must carry the plan's name by then, after the inferred
 *   renames of plan-renames.ts; the others are established by the attestation, from 2024.
 * - Every objective is defined at the plan's date with its statement for each year the plan
 *   fills (a gap year is absent), its 2024 public-value matrix rows and its shared-objective link:
 *   the plan, as adopted, states all three years at once.
 * - A wording that changes from one year to the next is an ObjectiveRevised of the title,
 *   effective on the first day of that plan year, attested from then to the plan's end.
 * - A statement under a garbled header (read as its year by position only) is qualified
 *   inferred in the event that records it (`years/<year>` on the definition, `title` on the
 *   revision); a revision whose identity with the earlier years rests only on the row ID
 *   (seeds/data/004-row-identities.json) is recorded with basis inferred, with the reason.
 */
import type { EvidenceInput, Qualifier } from '../../src/commands/command-types.ts';
import { objectiveStream } from '../../src/commands/streams.ts';
import type { RowIdentitiesFile } from '../data-schemas.ts';
import type { SeedData } from '../load-seed-data.ts';
import type { PdoObjective, YearsReadByPosition } from '../parse/assemble-pdo.ts';
import { COMUNE } from './plan-orgs.ts';
import { attestCommand, dateQualifier, documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export const PDO_2024_PLAN = 'PDO 2024-2026';

export function planPdo2024Directorates(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '004');
  const earlier = new Map(data.reorganization2016.directorates.map((d) => [d.unitId, d.name]));
  for (const d of data.gabinettoUnits.directorates) earlier.set(d.unitId, d.name);
  for (const rename of data.renames.renames) earlier.set(rename.unitId, rename.name);
  return data.pdo2024.directorates.map((d) => {
    const lines = `line ${d.tableLines.join(', ')}`;
    if (earlier.has(d.unitId) && earlier.get(d.unitId) !== d.name) {
      throw new Error(`${d.unitId} is "${earlier.get(d.unitId)}" after its renames, but the PDO 2024-2026 calls it "${d.name}" (${lines})`);
    }
    return attestCommand(`seed:004:attest:${d.unitId}`, document, `${lines} (title of its objective table)`, { units: [{ unitId: d.unitId, name: d.name, kind: d.kind, parentId: null }] });
  });
}

export function planPdo2024Objectives(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '004');
  const identities = new Map(data.rowIdentities.identities.map((i) => [i.objectiveId, i]));
  const commands: SeedCommand[] = [];
  for (const o of data.pdo2024.objectives) {
    const where = `line ${o.line}, table "${o.table}", ID ${o.id}`;
    const matrix = o.matrix.length > 0 ? `; public-value matrix line ${o.matrix.map((row) => row.line).join(', ')}` : '';
    const positional = (years: readonly string[], field: (year: string) => string): Qualifier[] =>
      (o.yearsReadByPosition?.years ?? []).filter((year) => years.includes(year)).map((year) => ({ kind: 'inferred', field: field(year), reason: positionalReason(o.yearsReadByPosition!, year) }));
    const identity = identities.get(o.objectiveId);
    if (identity) checkIdentity(identity, o);
    const defineKey = `seed:004:define:${o.objectiveId}`;
    commands.push({
      kind: 'defineObjective',
      key: defineKey,
      stream: objectiveStream(COMUNE, o.objectiveId),
      input: {
        orgId: COMUNE,
        objectiveId: o.objectiveId,
        unitId: o.unitId,
        title: o.title,
        plan: PDO_2024_PLAN,
        years: { ...o.years },
        links: o.links,
        matrix: o.matrix,
        effectiveFrom: document.effectiveFrom,
        sourceId: document.source.id,
      },
      ctx: seedContext(defineKey, document.file, `${where}${matrix}`, [dateQualifier(document), ...positional(Object.keys(o.years), (year) => `years/${year}`)]),
    });
    for (const revision of o.revisions) {
      const key = `seed:004:revise:${o.objectiveId}:${revision.year}`;
      const basis: EvidenceInput = identity?.years.includes(revision.year)
        ? { basis: 'inferred', basisReason: identity.reason, inferredFrom: [document.source.id] }
        : { basis: 'attested', attestedPeriod: { from: `${revision.year}-01-01`, to: document.source.period!.to } };
      commands.push({
        kind: 'reviseObjective',
        key,
        stream: objectiveStream(COMUNE, o.objectiveId),
        input: {
          orgId: COMUNE,
          objectiveId: o.objectiveId,
          title: revision.title,
          effectiveFrom: `${revision.year}-01-01`,
          sourceId: document.source.id,
          ...basis,
          reason: `the PDO 2024-2026 words this objective differently for ${revision.year} (${where}, column ${revision.year})`,
        },
        ctx: seedContext(key, document.file, `${where}, column ${revision.year}`, [
          {
            kind: 'inferred',
            field: 'effectiveFrom',
            reason: `the plan gives one statement per plan year: the ${revision.year} wording holds from the first day of plan year ${revision.year}`,
          },
          ...positional([revision.year], () => 'title'),
        ]),
      });
    }
  }
  return commands;
}

/** Why a statement is taken as the one of `year` although the header does not say so. */
function positionalReason(byPosition: YearsReadByPosition, year: string): string {
  const column = Number(year) - 2024 + 2;
  return `the header of its table (line ${byPosition.headerLine}) reads "${byPosition.header}": the ${year} statement is the cell of column ${column}, read as ${year} by its position only`;
}

/** A curated row identity must name an objective of the plan, on its line, and years it is revised in. */
function checkIdentity(identity: RowIdentitiesFile['identities'][number], objective: PdoObjective): void {
  const revised = new Set(objective.revisions.map((r) => r.year));
  if (identity.line !== objective.line || !identity.years.every((year) => revised.has(year))) {
    throw new Error(`seeds/data/004-row-identities.json: ${identity.objectiveId} is on line ${objective.line} and revised in ${[...revised].join(', ') || 'no year'}, not line ${identity.line}, years ${identity.years.join(', ')}`);
  }
}
