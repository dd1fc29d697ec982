/**
 * GET /orgs/:org/org-chart as a PDF document, when `format=pdf` or `Accept: application/pdf`
 * chooses it (the answer-format negotiation of src/http/export/answer-format.ts); any other format
 * falls through to the JSON/CSV route. Mounted before orgChartRoutes. The document's facts are
 * the org chart answer at the same cut, with the provenance of each fact to list the acts and
 * sources it rests on (src/http/export/org-chart-pdf-input.ts).
 */
import { Router } from 'express';
import type { QueryService } from '../../read/queries.ts';
import type { EventStore } from '../../store/event-store.ts';
import { orgChartPdfInput } from '../export/org-chart-pdf-input.ts';
import { PDF_CONTENT_TYPE, renderOrgChartPdf } from '../export/org-chart-pdf.ts';
import { decideAnswerFormat } from '../export/answer-format.ts';
import { BASIS_HEADER, basisHeaderOf, cutBasis, exportFileName } from '../export/send-answer.ts';
import { orgChartQuerySchema, orgParamsSchema } from '../schemas/query-schemas.ts';
import { parseParams, parseQuery } from '../validate.ts';

export function orgChartPdfRoutes(deps: { queries: QueryService; store: EventStore; clock: () => Date }): Router {
  const router = Router();

  router.get('/orgs/:org/org-chart', async (req, res, next) => {
    if (decideAnswerFormat(req).format !== 'pdf') return next();
    const { org } = parseParams(orgParamsSchema, req.params);
    const { competencies, paper, shape: _shape, format: _format, sep: _sep, provenance: _provenance, ...cut } = parseQuery(orgChartQuerySchema, req.query);
    const input = await orgChartPdfInput(deps, org, cut, { withCompetencies: competencies === true, ...(paper ? { paper } : {}) });
    const pdf = await renderOrgChartPdf(input);
    const basis = cutBasis(input);
    res.vary('Accept');
    res.set(BASIS_HEADER, basisHeaderOf(basis));
    res.set('Content-Disposition', `inline; filename="${exportFileName(org, 'org-chart', basis, 'pdf')}"`);
    res.type(PDF_CONTENT_TYPE).send(pdf);
  });

  return router;
}
