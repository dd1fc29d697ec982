/** Exports of the plain lists: the orgs, and the measurements of one indicator. */
import type { MeasurementView, OrgSummary } from '../../../projections/views.ts';
import type { Basis } from '../../read/resolve-cut.ts';
import { EVIDENCE_COLUMNS, evidenceCells } from './evidence-cells.ts';
import { cutBasis, type ExportView } from './send-answer.ts';

export const orgsExport: ExportView<Basis & { orgs: OrgSummary[] }> = {
  name: 'orgs',
  basis: cutBasis,
  toRows: ({ orgs }) => ({ columns: ['orgId', 'name', 'registeredAt'], rows: orgs.map((o) => [o.orgId, o.name, o.registeredAt]) }),
};

export const measurementsExport: ExportView<Basis & { indicatorId: string; objectiveId: string; measurements: MeasurementView[] }> = {
  name: 'measurements',
  basis: cutBasis,
  toRows: ({ indicatorId, objectiveId, measurements }) => ({
    columns: ['objectiveId', 'indicatorId', 'measuredAt', 'value', 'note', 'source', 'recordedAt', 'position', ...EVIDENCE_COLUMNS],
    rows: measurements.map((m) => [objectiveId, indicatorId, m.measuredAt, m.value, m.note, m.source, m.recordedAt, m.position, ...evidenceCells(m.evidence)]),
  }),
};
