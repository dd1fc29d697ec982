/**
 * Decides the annulment of an act, on the acts of the org as known now. Pure.
 *   - unknown act → 404; already annulled → 409 (an annulment is not repeated);
 *   - an act cannot annul itself, and an act whose events include an annulment cannot be
 *     annulled (reinstating an annulled act is not supported) → 422 naming `act/id` / the path.
 */
import type { ActRecord } from '../../projections/acts-index.ts';
import type { ReadModels } from '../../projections/read-models.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { AnnulAct } from './command-types.ts';
import type { Decision } from './decide-reorganization.ts';

export function decideAnnulment(record: ActRecord | undefined, cmd: AnnulAct, models: Pick<ReadModels, 'refs'>): Decision {
  if (!record) throw new NotFoundError(`act ${cmd.actId} is not known in org ${cmd.orgId}`);
  if (record.annulment) throw new ConflictError(`act ${cmd.actId} was already annulled (position ${record.annulment.position}, by ${record.annulment.by?.id ?? 'no act'})`);
  if (cmd.act.id === cmd.actId) return { ok: false, problems: [{ field: 'act/id', message: 'an act cannot annul itself' }] };
  if (record.positions.some((p) => models.refs.at(p)?.type === 'ActAnnulled')) {
    return { ok: false, problems: [{ field: 'actId', message: `act ${cmd.actId} annulled another act: reinstating an annulled act is not supported` }] };
  }
  return { ok: true, events: [{ type: 'ActAnnulled', data: { actId: cmd.actId, reason: cmd.reason } }] };
}
