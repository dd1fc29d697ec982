/**
 * The whole seed import as an ordered list of commands. Order matters and is chosen so that
 * every command is valid when issued: orgs first, then the five sources; then the Comune's
 * structure in valid-time order (2016, 2020, 2022, 2024), each unit before its sub-units and
 * before the objectives that name it, and each inferred rename before the attestation of the
 * new name (which then agrees with the state instead of conflicting with it); then the 2024
 * objectives, each followed by its yearly revisions.
 * Pure: same data, same commands, same keys.
 */
import type { SeedData } from '../load-seed-data.ts';
import { planCittaMetropolitana } from './plan-citta-metropolitana.ts';
import { planGabinetto } from './plan-gabinetto.ts';
import { planOrgs } from './plan-orgs.ts';
import { planPdo2020 } from './plan-pdo-2020.ts';
import { planSources } from './plan-sources.ts';
import { planPdo2024Directorates, planPdo2024Objectives } from './plan-pdo-2024.ts';
import { planRenames } from './plan-renames.ts';
import { planReorganization2016 } from './plan-reorganization-2016.ts';
import type { SeedCommand } from './seed-command.ts';

export function planSeedCommands(data: SeedData): SeedCommand[] {
  const commands = [
    ...planOrgs(data),
    ...planSources(data),
    ...planReorganization2016(data),
    ...planPdo2020(data),
    ...planRenames(data, '000'),
    ...planGabinetto(data),
    ...planRenames(data, '004'),
    ...planPdo2024Directorates(data),
    ...planPdo2024Objectives(data),
    ...planCittaMetropolitana(data),
  ];
  const keys = new Set<string>();
  for (const command of commands) {
    if (keys.has(command.key)) throw new Error(`two seed commands share the key ${command.key}`);
    keys.add(command.key);
  }
  return commands;
}
