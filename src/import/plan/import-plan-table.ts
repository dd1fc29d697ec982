/**
 * Imports a plan table (CSV or XLSX bytes) into an org: read → parse → plan against the store
 * as known now → (unless a dry run) run the planned commands through the CommandService, the
 * same checks as any editor's command. Guarantees:
 * - a malformed file, or a plan refused as it stands (unmatched directorates without
 *   createUnits, a plan id registered over other years...), appends nothing: every problem is
 *   found before the first command;
 * - a second import of the same file appends nothing: the plan finds everything recorded and
 *   issues no command (and every command's idempotency key is derived from its content, so a
 *   retry after a failure is answered with the original result);
 * - the commands run in order (source, directorates, objectives); if one is refused midway by
 *   the store (a concurrent change), the ones before it stay and a new import completes the rest.
 */
import type { CommandContext, CommandService } from '../../commands/command-types.ts';
import { NotFoundError } from '../../errors.ts';
import type { QueryService } from '../../read/queries.ts';
import { parsePlanTable } from './parse-plan-table.ts';
import { planImport, refuseIfProblems, type PlanImportReport, type PlanImportState, type PlannedCommand } from './plan-import.ts';
import { readTableFile } from './read-table-file.ts';

export interface PlanImportRequest {
  /** The file's name, as reports name it. */
  file: string;
  bytes: Uint8Array;
  orgId: string;
  planId?: string;
  createUnits?: boolean;
  dryRun?: boolean;
}

export interface PlanImportResult extends PlanImportReport {
  dryRun: boolean;
  /** Commands that appended events (0 for a dry run, and for a repeated import). */
  appended: number;
  /** The store position after the import (of the last command's events), null when nothing was appended. */
  position: number | null;
}

export function queryState(queries: QueryService, orgId: string): PlanImportState {
  return {
    async units(at) {
      const { answer } = await queries.orgChart(orgId, { at });
      return answer.units as Awaited<ReturnType<PlanImportState['units']>>;
    },
    async objective(objectiveId, at) {
      try {
        return (await queries.objective(orgId, objectiveId, { at })).objective;
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    async sources() {
      return (await queries.sources(orgId, {})).sources;
    },
  };
}

export async function importPlanTable(request: PlanImportRequest, deps: { commands: CommandService; queries: QueryService; recordedBy: string }): Promise<PlanImportResult> {
  const table = parsePlanTable(await readTableFile(request.file, request.bytes));
  const report = await planImport(table, { orgId: request.orgId, planId: request.planId, createUnits: request.createUnits }, queryState(deps.queries, request.orgId));
  if (request.dryRun) return { ...report, dryRun: true, appended: 0, position: null };
  refuseIfProblems(report);
  let appended = 0;
  let position: number | null = null;
  for (const command of report.commands) {
    const result = await run(deps.commands, command, contextOf(command, report, deps.recordedBy));
    if (!result.replayed) {
      appended += 1;
      position = result.position;
    }
  }
  return { ...report, dryRun: false, appended, position };
}

function contextOf(command: PlannedCommand, report: PlanImportReport, recordedBy: string): CommandContext {
  return {
    recordedBy,
    correlationId: `plan-import:${report.plan.sourceId}`,
    idempotencyKey: command.key,
    provenance: { source: { document: report.file, location: command.line === null ? 'the whole table' : `line ${command.line}` } },
  };
}

function run(commands: CommandService, command: PlannedCommand, ctx: CommandContext) {
  switch (command.kind) {
    case 'registerSource':
      return commands.registerSource(command.input, ctx);
    case 'attest':
      return commands.attest(command.input, ctx);
    case 'defineObjective':
      return commands.defineObjective(command.input, ctx);
    case 'reviseObjective':
      return commands.reviseObjective(command.input, ctx);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled planned command ${JSON.stringify(unhandled)}`);
    }
  }
}
