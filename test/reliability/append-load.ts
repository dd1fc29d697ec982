/**
 * A client that appends as fast as it can over HTTP, with several requests in flight at once,
 * and remembers every acknowledged (201) command with its position and event ids — the
 * promises a crash, a stop or a backup must keep. Workers alternate between reorganisations
 * (one org stream, so they race and are decided again) and measurements (append-only streams).
 */
import { accepted, apiClient, type ApiClient } from '../api/api-client.ts';

export interface Ack {
  kind: 'reorganization' | 'measurement';
  position: number;
  eventIds: string[];
}

export interface LoadResult {
  acks: Ack[];
  /** Answers other than 201, by status (e.g. 409 after too many lost races, 503 while closing). */
  refused: Record<number, number>;
  /** Requests that got no answer at all (the server died or closed the connection). */
  unanswered: number;
}

export const LOAD_ORG = 'o1';

/** The org, root unit, objective and indicator the load appends to. */
export async function prepareLoadTarget(api: ApiClient): Promise<void> {
  await accepted(api.post('/api/v1/orgs', { orgId: LOAD_ORG, name: 'Org one' }));
  await accepted(
    api.post(`/api/v1/orgs/${LOAD_ORG}/reorganizations`, { act: { id: 'A0' }, effectiveFrom: '2019-01-01', changes: [{ op: 'establish', unitId: 'root', name: 'Root', kind: 'direzione' }] }),
  );
  await accepted(
    api.post(`/api/v1/orgs/${LOAD_ORG}/objectives`, {
      objectiveId: 'ob1',
      unitId: 'root',
      title: 'Objective one',
      effectiveFrom: '2019-01-01',
      indicators: [{ indicatorId: 'i1', description: 'Indicator one', target: 100 }],
    }),
  );
}

/**
 * Starts `workers` loops; each stops at its first request without an answer, or when
 * `stop()` is called (after its request in flight). `tag` keeps unit ids unique across runs.
 */
export function startAppendLoad(url: string, token: string, options: { workers: number; tag: string }) {
  const api = apiClient(url, { token });
  const result: LoadResult = { acks: [], refused: {}, unanswered: 0 };
  let stopped = false;
  async function worker(index: number): Promise<void> {
    const kind = index % 2 === 0 ? 'reorganization' : 'measurement';
    for (let n = 0; !stopped; n++) {
      const response =
        kind === 'reorganization'
          ? api.post(`/api/v1/orgs/${LOAD_ORG}/reorganizations`, {
              act: { id: `L-${options.tag}-${index}-${n}` },
              effectiveFrom: '2020-01-01',
              changes: [{ op: 'establish', unitId: `u-${options.tag}-${index}-${n}`, name: `Unit ${n}`, kind: 'servizio', parentId: 'root' }],
            })
          : api.post(`/api/v1/orgs/${LOAD_ORG}/indicators/i1/measurements`, { value: n, measuredAt: '2020-06-30' });
      let status: number;
      let body: { position: number; eventIds: string[] };
      try {
        ({ status, body } = await response);
      } catch {
        result.unanswered += 1;
        return;
      }
      if (status === 201) result.acks.push({ kind, position: body.position, eventIds: body.eventIds });
      else result.refused[status] = (result.refused[status] ?? 0) + 1;
    }
  }
  const done = Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i))).then(() => result);
  return {
    result,
    done,
    /** Lets each worker finish its request in flight, then resolves with everything seen. */
    stop(): Promise<LoadResult> {
      stopped = true;
      return done;
    },
  };
}
