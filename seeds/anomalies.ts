/**
 * Every irregularity found in the five source documents, with what the extractor or the
 * importer did about it: the parsers' findings (in the generated files of seeds/data/), the
 * ones a person recorded in the curated files, one entry per document whose date is not
 * stated, and one per objective whose identity across plan years is inferred. Ordered by document, as the files list them. Pure over the loaded data.
 */
import type { SeedData } from './load-seed-data.ts';
import type { Anomaly } from './parse/anomaly.ts';
import { gapYears, mutualCollaborations, nearDuplicates, type PlanObjective } from './parse/find-plan-irregularities.ts';
import { planSeedCommands } from './plan/plan-seed-commands.ts';

/** Every unit whose parent (or place at the top level) the import records as an inference: one entry each, from the planned commands. */
function inferredParents(data: SeedData): Anomaly[] {
  return planSeedCommands(data).flatMap((command) => {
    if (command.kind !== 'reorganize' || command.input.basis !== 'inferred') return [];
    const document = command.ctx.provenance?.source?.document.replace(/^seeds\/sources\//, '') ?? '';
    return command.input.changes.flatMap((change): Anomaly[] =>
      change.op === 'establish' && !/^kind:/.test(command.input.basisReason ?? '')
        ? [{
            document,
            location: command.ctx.provenance?.source?.location ?? '',
            kind: 'inferred-parent',
            description: `no line states the parent of ${change.unitId}: ${command.input.basisReason}`,
            action: `established ${change.parentId ? `under ${change.parentId}` : 'at the top level'} with basis inferred (${command.key}); its status is inferred`,
          }]
        : [],
    );
  });
}

/** The rules of find-plan-irregularities.ts over the PDO 2024-2026. */
function planIrregularities(data: SeedData, document: string): Anomaly[] {
  const objectives: PlanObjective[] = data.pdo2024.objectives.map((o) => ({
    objectiveId: o.objectiveId,
    unitId: o.unitId,
    line: o.line,
    years: o.years,
    sharedCodes: o.links.filter((l) => l.kind === 'obiettivo-condiviso').map((l) => l.code!),
  }));
  const directorates = data.pdo2024.directorates.map((d) => ({ unitId: d.unitId, names: [d.name, ...d.aliases] }));
  return [...gapYears(objectives, document), ...mutualCollaborations(objectives, directorates, document), ...nearDuplicates(objectives, document)];
}

/** The one inference every yearly revision of 004 shares: the date its wording takes effect. */
function revisionDates(data: SeedData, document: string): Anomaly {
  const revised = data.pdo2024.objectives.filter((o) => o.revisions.length > 0);
  const count = revised.reduce((n, o) => n + o.revisions.length, 0);
  return {
    document,
    location: `lines ${revised.map((o) => o.line).join(', ')} (${count} revisions)`,
    kind: 'missing-date',
    description: 'the plan gives one statement per plan year, not the date from which a new wording holds',
    action: `each of the ${count} ObjectiveRevised is recorded on 1 January of its plan year, that date qualified inferred in the event`,
  };
}

export function collectAnomalies(data: SeedData): Anomaly[] {
  const fileOf = (key: string) => data.documents.documents.find((d) => d.key === key)?.file ?? key;
  const dates: Anomaly[] = data.documents.documents.map((d) => ({
    document: d.file,
    location: 'whole document',
    kind: 'missing-date',
    description: `no date of adoption or effect is stated for the facts of ${d.key}`,
    action: `source ${d.source.id} registered ${d.source.period ? `over ${d.source.period.from} – ${d.source.period.to}` : `as issued on ${d.source.issuedOn}`}, qualified ${d.dateQualifier.kind}; its facts are recorded from ${d.effectiveFrom}: ${d.dateQualifier.reason}`,
  }));
  const fromCurated = (file: string, anomalies: Omit<Anomaly, 'document'>[]): Anomaly[] => anomalies.map((a) => ({ document: file, ...a }));
  const all = [
    ...dates,
    ...data.gabinetto.anomalies,
    ...data.gabinettoUnits.units
      .filter((u) => u.parentInferred)
      .map(
        (u): Anomaly => ({
          document: fileOf('000'),
          location: `heading "${u.heading}"`,
          kind: 'inferred-structure',
          description: `the parent of ${u.unitId} is read from the text, not stated: ${u.parentReason}`,
          action: `established under ${u.parentId} with basis inferred (this reason in the event); 000 attests its name, kind and competencies, so its status is inferred`,
        }),
      ),
    ...fromCurated(data.pdo2020.document, data.pdo2020.anomalies),
    ...fromCurated(data.reorganization2016.document, data.reorganization2016.anomalies),
    ...fromCurated(data.cittaMetropolitana.document, data.cittaMetropolitana.anomalies),
    ...data.pdo2024.anomalies,
    ...planIrregularities(data, fileOf('004')),
    revisionDates(data, fileOf('004')),
    ...data.rowIdentities.identities.map(
      (i): Anomaly => ({
        document: fileOf('004'),
        location: `line ${i.line}, ${i.objectiveId}`,
        kind: 'inferred-identity',
        description: i.reason,
        action: `kept as one objective (its id stays); the revision of ${i.years.join(' and ')} is qualified inferred on objectiveId: one objective only by its row ID`,
      }),
    ),
    ...inferredParents(data),
    ...data.crossDocument.anomalies.map((a) => ({ ...a, document: a.document.split(' + ').map(fileOf).join(' + ') })),
  ];
  const order = (a: Anomaly) => a.document.slice(0, 3) + (a.document.includes('+') ? '+' : '');
  return all.map((a, index) => ({ a, index })).sort((x, y) => order(x.a).localeCompare(order(y.a)) || x.index - y.index).map(({ a }) => a);
}
