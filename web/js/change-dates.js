// The dates on which an org's chart changed (valid time), as known at `asKnownAt`, each with
// the acts behind it: the stops of the timeline slider. They come from the unit histories
// (GET /orgs/:org/acts would also list PDO acts, and only each act's first date), crawled from
// the units of the latest chart and of the charts on (and the day before) each change date
// found, until no new unit appears.
import { getJson, orgPath } from './api.js';
import { dayBefore } from './format.js';

const END_OF_TIME = '2199-12-31';
const MAX_ROUNDS = 4;

export async function changeDates(org, asKnownAt) {
  const byDate = new Map();
  const seenUnits = new Set();
  const seenDates = new Set();
  let charts = [END_OF_TIME];
  for (let round = 0; round < MAX_ROUNDS && charts.length > 0; round++) {
    const answers = await Promise.all(charts.map((at) => getJson(`${orgPath(org)}/org-chart`, { at, asKnownAt })));
    const newUnits = [...new Set(answers.flatMap((answer) => answer.units.map((unit) => unit.unitId)))].filter((id) => !seenUnits.has(id));
    newUnits.forEach((id) => seenUnits.add(id));
    const histories = await Promise.all(newUnits.map((id) => getJson(`${orgPath(org)}/units/${encodeURIComponent(id)}/history`, { asKnownAt })));
    for (const entry of histories.flatMap((answer) => answer.history)) addAct(byDate, entry.effectiveFrom, entry.act);
    const newDates = [...byDate.keys()].filter((date) => !seenDates.has(date));
    newDates.forEach((date) => seenDates.add(date));
    charts = newDates.flatMap((date) => [date, dayBefore(date)]);
  }
  return sorted(byDate);
}

function addAct(byDate, date, act) {
  if (!byDate.has(date)) byDate.set(date, new Map());
  if (act) byDate.get(date).set(act.id, act);
}

function sorted(byDate) {
  return [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, acts]) => ({ date, acts: [...acts.values()] }));
}
