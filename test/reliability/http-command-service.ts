/**
 * The commands of the random sequences spoken over HTTP, so that the same random command sequences
 * can be sent through the whole stack (auth, zod schemas, routes, problem+json). A 2xx is the
 * command's result; a 4xx becomes an AppError with its status and code; a 5xx is thrown as a
 * plain Error (a bug: client input must never cause one).
 */
import type { CommandResult } from '../../src/commands/command-types.ts';
import { AppError, type ErrorCode } from '../../src/errors.ts';
import type { ApiClient, ApiResponse } from '../api/api-client.ts';
import type { SequenceCommands } from './command-arbitraries.ts';

async function result(response: Promise<ApiResponse>): Promise<CommandResult> {
  const { status, body } = await response;
  if (status >= 200 && status < 300) return { position: body.position, revision: body.revision, eventIds: body.eventIds };
  if (status < 500) throw new AppError(body.code as ErrorCode, status, body.detail, body.problems);
  throw new Error(`HTTP ${status}: ${JSON.stringify(body)}`);
}

export function httpCommandService(api: ApiClient): SequenceCommands {
  const org = (orgId: string) => `/api/v1/orgs/${orgId}`;
  return {
    createOrg: (cmd) => result(api.post('/api/v1/orgs', cmd)),
    reorganize: ({ orgId, ...body }) => result(api.post(`${org(orgId)}/reorganizations`, body)),
    defineObjective: ({ orgId, ...body }) => result(api.post(`${org(orgId)}/objectives`, body)),
    reviseObjective: ({ orgId, objectiveId, ...body }) => result(api.patch(`${org(orgId)}/objectives/${objectiveId}`, body)),
    withdrawObjective: ({ orgId, objectiveId, ...body }) => result(api.post(`${org(orgId)}/objectives/${objectiveId}/withdraw`, body)),
    recordMeasurement: ({ orgId, indicatorId, ...body }) => result(api.post(`${org(orgId)}/indicators/${indicatorId}/measurements`, body)),
  };
}
