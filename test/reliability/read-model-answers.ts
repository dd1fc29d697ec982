/**
 * The answers of a set of read models at several cuts, as plain JSON, so that live models can
 * be compared with a from-scratch replay of the log: org list, org chart, every unit's history,
 * PDO per plan year, every objective and its history, every indicator's measurements.
 */
import { ReadModels } from '../../projections/read-models.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { INDICATOR_IDS, OBJECTIVE_IDS, PLAN_YEARS } from './command-arbitraries.ts';

const VALID_DATES = ['2018-06-30', '2020-01-01', '2022-12-31', '2026-12-31'];

/** New read models fed with every event of the log, in position order. */
export async function replayLog(store: Pick<EventStore, 'readAll'>): Promise<ReadModels> {
  const models = new ReadModels();
  for (const event of await store.readAll()) models.apply(event);
  return models;
}

/** Cuts at the head and at a few earlier positions (system time), each at several valid dates. */
export function cutPositions(head: number): number[] {
  return [...new Set([head, Math.floor(head / 2), Math.floor((head * 3) / 4), head - 1].filter((p) => p >= 0))];
}

export function readModelAnswers(models: ReadModels, maxPositions: number[]): unknown {
  const answers: Record<string, unknown> = {};
  for (const maxPosition of maxPositions) {
    for (const summary of models.orgList(maxPosition)) {
      const org = models.org(summary.orgId, maxPosition)!;
      const prefix = `${summary.orgId}@${maxPosition}`;
      answers[`${prefix} summary`] = summary;
      for (const at of VALID_DATES) {
        const cut = { at, maxPosition };
        const units = org.chart.orgChart(cut);
        answers[`${prefix} org-chart ${at}`] = units;
        for (const year of PLAN_YEARS) answers[`${prefix} pdo ${year} ${at}`] = org.pdo.pdo(year, cut);
        for (const { unitId } of units) answers[`${prefix} unit ${unitId} history`] = org.chart.unitHistory(unitId, maxPosition);
      }
      for (const objectiveId of OBJECTIVE_IDS) {
        answers[`${prefix} objective ${objectiveId}`] = org.pdo.objective(objectiveId, { at: '2026-12-31', maxPosition }) ?? null;
        answers[`${prefix} objective ${objectiveId} history`] = org.pdo.objectiveHistory(objectiveId, maxPosition);
      }
      for (const indicatorId of INDICATOR_IDS) answers[`${prefix} measurements ${indicatorId}`] = org.pdo.measurements(indicatorId, { maxPosition });
    }
  }
  return answers;
}
