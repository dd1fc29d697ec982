/**
 * From the text of 000 and the curated unit map (seeds/data/000-gabinetto-units.json) to the
 * Gabinetto del Sindaco units the importer establishes, each with its parent and its
 * competencies in document order. Pure. Competency ids: `<unit id>.c<nn>`, nn the 1-based
 * position of the bullet within its unit, e.g. gab-area-comunicazione.c07.
 *
 * Throws when a heading of the document is not in the map, or the map names a heading the
 * document does not have: the map must be reviewed whenever the parser's reading changes.
 */
import type { Anomaly } from './anomaly.ts';
import { parseGabinetto } from './parse-gabinetto.ts';

export interface GabinettoRoot {
  unitId: string;
  name: string;
  kind: string;
  line: number;
  kindReason: string;
}

export interface GabinettoUnitEntry {
  heading: string;
  unitId: string;
  name: string;
  kind: string;
  parentId: string;
  parentInferred?: boolean;
  parentReason: string;
}

export interface GabinettoUnit extends GabinettoUnitEntry {
  headingLines: number[];
  competencies: { competencyId: string; text: string; fromLine: number; toLine: number }[];
}

export interface AssembledGabinetto {
  document: string;
  title: string;
  root: GabinettoRoot;
  units: GabinettoUnit[];
  anomalies: Anomaly[];
}

export function assembleGabinetto(text: string, document: string, curated: { root: GabinettoRoot; units: GabinettoUnitEntry[] }): AssembledGabinetto {
  const parsed = parseGabinetto(text, document);
  const units = parsed.sections.map((section): GabinettoUnit => {
    const entry = curated.units.find((u) => u.heading === section.heading);
    if (!entry) throw new Error(`${document} lines ${section.headingLines.join(', ')}: heading "${section.heading}" is not in seeds/data/000-gabinetto-units.json`);
    return {
      ...entry,
      headingLines: section.headingLines,
      competencies: section.competencies.map((c, index) => ({ competencyId: `${entry.unitId}.c${String(index + 1).padStart(2, '0')}`, ...c })),
    };
  });
  const unused = curated.units.filter((u) => !units.some((unit) => unit.unitId === u.unitId));
  if (unused.length > 0) throw new Error(`seeds/data/000-gabinetto-units.json names headings that ${document} does not have: ${unused.map((u) => u.heading).join(', ')}`);
  return { document, title: parsed.title, root: curated.root, units, anomalies: parsed.anomalies };
}
