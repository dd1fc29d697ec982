import type { CommandService } from '../../commands/command-types.ts';
import type { QueryService } from '../../read/queries.ts';
import type { AnswerCache } from '../answers/answer-cache.ts';

/** What the resource routers need: commands to write, queries to read, the cut reads' answer cache. */
export interface RouteDeps {
  commands: CommandService;
  queries: QueryService;
  answers: AnswerCache;
}

export const apiPath = {
  org: (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}`,
  objective: (orgId: string, objectiveId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/objectives/${encodeURIComponent(objectiveId)}`,
};
