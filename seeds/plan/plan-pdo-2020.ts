/**
 * 001: the PDO 2020 sheet of objective 2020_Z101, attested over the plan year 2020: the
 * Direzione, its Servizio and Uffici with the Direzione's activities as competencies; the
 * Servizio's dirigente as head; then the objective with its description, its strategic links
 * (each DUP strategic line with its operational objective as a part, each with its line) and its
 * three indicators. After 2020 no source shows them: answers carry them forward.
 */
import type { Qualifier } from '../../src/commands/command-types.ts';
import { objectiveStream } from '../../src/commands/streams.ts';
import type { SeedData } from '../load-seed-data.ts';
import { COMUNE } from './plan-orgs.ts';
import { attestCommand, dateQualifier, documentByKey, seedContext, type SeedCommand } from './seed-command.ts';

export function planPdo2020(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '001');
  const { units, head, objective } = data.pdo2020;
  const lines = [...new Set([...units.flatMap((u) => u.lines), ...units.flatMap((u) => u.competencies.map((c) => c.line))])].sort((a, b) => a - b);
  const parentReason = units.find((u) => u.parentReason)?.parentReason;
  const attest = attestCommand('seed:001:attest', document, `lines ${lines.join(', ')}${parentReason ? `; the Uffici are the Direzione's: ${parentReason}` : ''}`, {
    units: units.map((u) => ({ unitId: u.unitId, name: u.name, kind: u.kind, parentId: u.parentId })),
    competencies: units.flatMap((u) => u.competencies.map((c, index) => ({ competencyId: `${u.unitId}.c${String(index + 1).padStart(2, '0')}`, unitId: u.unitId, text: c.text }))),
  });
  // Its own attestation, so that the transcription of the name qualifies the head's event only.
  const nameOrder: Qualifier = { kind: 'inferred', field: 'heads/0/person', reason: head.reason };
  const attestHead = attestCommand('seed:001:attest:head', document, `line ${head.line} ("${head.printed}")`, { units: [], heads: [{ unitId: head.unitId, person: head.person, title: head.title }] }, [nameOrder]);

  const objectiveKey = `seed:001:define:${objective.objectiveId}`;
  const define: SeedCommand = {
    kind: 'defineObjective',
    key: objectiveKey,
    stream: objectiveStream(COMUNE, objective.objectiveId),
    input: {
      orgId: COMUNE,
      objectiveId: objective.objectiveId,
      unitId: objective.unitId,
      title: objective.title,
      plan: objective.plan,
      years: { [objective.year]: objective.title },
      description: objective.description,
      links: objective.links,
      indicators: objective.indicators.map(({ printed: _printed, line: _line, ...indicator }) => indicator),
      effectiveFrom: document.effectiveFrom,
      sourceId: document.source.id,
    },
    ctx: seedContext(objectiveKey, document.file, `lines ${objective.lines.join(', ')}, links lines 9-19, description lines ${objective.descriptionLines.join('-')}, indicators lines 50-55`, [dateQualifier(document)]),
  };
  return [attest, attestHead, define];
}
