/**
 * Adds `provenance` to the views of an answer, attribute by attribute, from the timeline
 * versions in force at the cut (see provenance.ts). Without `provenance=true` none of this
 * runs and the answers are unchanged.
 */
import type { OrgModels, ReadModels } from '../../projections/read-models.ts';
import type { Timeline } from '../../projections/timeline.ts';
import type { Cut, IndicatorView, MeasurementView, ObjectiveView, UnitView } from '../../projections/views.ts';
import { factProvenance, type FactProvenance } from './provenance.ts';

type Sourced<V, P> = V & { provenance: P };

export interface UnitProvenance {
  name: FactProvenance | null;
  kind: FactProvenance | null;
  parentId: FactProvenance | null;
  active: FactProvenance | null;
  head: FactProvenance | null;
}

export function provenanceViews(models: ReadModels, org: OrgModels, cut: Cut) {
  const fact = (timeline: Timeline<unknown> | undefined, dataFields: readonly string[]) =>
    factProvenance(models, timeline?.versionAt(cut.at, cut.maxPosition)?.position, dataFields);

  const unit = (view: UnitView) => {
    const t = org.chart.unitTimelines(view.unitId);
    return {
      ...view,
      competencies: view.competencies.map((c) => {
        const ct = org.chart.competencyTimelines(c.competencyId);
        return { ...c, provenance: { holder: fact(ct?.holder, ['unitId', 'toUnitId']), text: fact(ct?.text, ['text']) } };
      }),
      provenance: {
        name: fact(t?.name, ['name']),
        kind: fact(t?.kind, ['kind']),
        parentId: fact(t?.parentId, ['parentId']),
        active: fact(t?.active, ['unitId', 'successorIds']),
        head: fact(t?.head, ['person', 'title']),
      } satisfies UnitProvenance,
    };
  };

  const measurement = (m: MeasurementView): Sourced<MeasurementView, FactProvenance | null> => ({ ...m, provenance: factProvenance(models, m.position) });

  const indicator = (view: IndicatorView) => {
    const t = org.pdo.indicatorTimelines(view.indicatorId);
    const latest = view.latest && org.pdo.latestMeasurement(view.indicatorId, cut.at, cut.maxPosition);
    return {
      ...view,
      provenance: {
        description: fact(t?.description, ['description']),
        kind: fact(t?.kind, ['kind']),
        unit: fact(t?.unit, ['unit']),
        target: fact(t?.target, ['target']),
        latest: latest ? factProvenance(models, latest.position) : null,
      },
    };
  };

  const objective = (view: ObjectiveView) => {
    const t = org.pdo.objectiveTimelines(view.objectiveId);
    const years = Object.fromEntries(Object.keys(view.years ?? {}).map((year) => [year, fact(t?.years.get(year), ['years'])]));
    return {
      ...view,
      indicators: view.indicators.map(indicator),
      provenance: {
        status: fact(t?.status, ['objectiveId']),
        title: fact(t?.title, ['title']),
        unitId: fact(t?.unitId, ['unitId']),
        links: fact(t?.links, ['links']),
        description: fact(t?.description, ['description']),
        matrix: fact(t?.matrix, ['matrix']),
        planItems: fact(t?.planItems, ['planItems']),
        /** The statement of each plan year shown in `years`. */
        years,
      },
    };
  };

  return { unit, objective, indicator, measurement };
}

