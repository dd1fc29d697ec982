/**
 * Shapes of the hand-curated files in seeds/data/. They are edited by people, so they are
 * checked on load: a typo in an id or a missing reason stops the import with the file and
 * the path of the problem, before anything is appended.
 */
import { z } from 'zod';
import { ANOMALY_KINDS } from './parse/anomaly.ts';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/);
const text = z.string().min(1);
const lines = z.array(z.number().int().positive()).min(1);
/** A strategic link of 001 (DUP line, classification), with the line it is printed on. */
const dupLink = { kind: text, code: text.optional(), title: text, year: z.number().int(), line: z.number().int() };
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const comment = { $comment: z.string().optional() };
const documentKey = z.enum(['000', '001', '002', '003', '004']);

const anomaly = z.strictObject({
  location: text,
  kind: z.enum(ANOMALY_KINDS),
  description: text,
  action: text,
});

export const documentsFile = z.strictObject({
  ...comment,
  documents: z.array(
    z.strictObject({
      key: documentKey,
      file: text,
      orgId: id,
      source: z
        .strictObject({
          id,
          title: text,
          kind: text,
          issuedOn: date.optional(),
          period: z.strictObject({ from: date, to: date }).optional(),
          lines: z.array(z.strictObject({ from: z.number().int().positive(), to: z.number().int().positive() })).min(1),
          scope: z.strictObject({ kind: z.enum(['complete-structure', 'complete-plan', 'mentions']), rootUnitId: id.optional() }),
          scopeReason: text,
        })
        .refine((s) => (s.issuedOn === undefined) !== (s.period === undefined), 'give either issuedOn or period'),
      /** The valid-time date the document's facts are recorded from: its issue day, or the first day of its period. */
      effectiveFrom: date,
      dateQualifier: z.strictObject({ kind: z.enum(['approximate', 'inferred']), reason: text }),
    }),
  ),
});

export const gabinettoUnitsFile = z.strictObject({
  ...comment,
  root: z.strictObject({ unitId: id, name: text, kind: text, line: z.number().int(), kindReason: text }),
  units: z.array(
    z.strictObject({
      heading: text,
      unitId: id,
      name: text,
      kind: text,
      parentId: id,
      parentInferred: z.boolean().optional(),
      parentReason: text,
    }),
  ),
  directorates: z.array(z.strictObject({ unitId: id, name: text, kind: text, lines })),
});

const competency = z.strictObject({ text, line: z.number().int().positive() });

/** How a prose source knows a fact: the tense of the quoted words decides (seeds/EVIDENCE-PLAN.md). */
const basisReading = z.strictObject({ kind: z.enum(['attested', 'announced']), lines, quotes: z.array(text).min(1), reason: text });

export const pdo2020File = z.strictObject({
  ...comment,
  document: text,
  units: z.array(
    z.strictObject({
      unitId: id,
      name: text,
      printed: text,
      kind: text,
      parentId: id.nullable(),
      parentReason: text.optional(),
      lines,
      competencies: z.array(competency),
    }),
  ),
  head: z.strictObject({ unitId: id, person: text, printed: text, title: text, line: z.number().int(), reason: text }),
  objective: z.strictObject({
    objectiveId: id,
    unitId: id,
    title: text,
    plan: text,
    year: z.string().regex(/^\d{4}$/),
    lines,
    unitReason: text,
    classification: z.strictObject({ classificazione: text, tipologia: text, line: z.number().int() }),
    /** The detailed description, lines descriptionLines[0]-[1] of the document (blank lines dropped). */
    description: text,
    descriptionLines: z.tuple([z.number().int(), z.number().int()]),
    /** A DUP strategic line with its operational objectives as parts; each with the line it is printed on. */
    links: z.array(z.strictObject({ ...dupLink, parts: z.array(z.strictObject(dupLink)).optional() })),
    indicators: z.array(
      z.strictObject({
        indicatorId: id,
        description: text,
        kind: text,
        unit: text.optional(),
        target: z.number(),
        printed: text,
        line: z.number().int(),
      }),
    ),
  }),
  anomalies: z.array(anomaly),
});

export const reorganization2016File = z.strictObject({
  ...comment,
  document: text,
  directorates: z.array(
    z.strictObject({
      unitId: id,
      name: text,
      kind: text,
      status: z.enum(['new', 'existing']),
      line: z.number().int(),
      reason: text.optional(),
      basis: basisReading,
      competencies: z.array(competency.extend({ basis: basisReading })),
    }),
  ),
  anomalies: z.array(anomaly),
});

export const cittaMetropolitanaFile = z.strictObject({
  ...comment,
  document: text,
  units: z.array(
    z.strictObject({
      unitId: id,
      name: text,
      kind: text,
      parentId: id.nullable(),
      lines,
      aliases: z.array(text).optional(),
      competencies: z.array(z.strictObject({ text, lines })),
      /** What the office's prose (lines 17-33) adds beyond its bullets: competencies after the listed ones, verbatim. */
      prose: z.array(z.strictObject({ text, lines })).optional(),
    }),
  ),
  parentReason: text,
  anomalies: z.array(anomaly),
});

export const directoratesFile = z.strictObject({
  ...comment,
  directorates: z.array(z.strictObject({ unitId: id, name: text, kind: text, aliases: z.array(text) })),
});

export const renamesFile = z.strictObject({
  ...comment,
  renames: z.array(
    z.strictObject({ unitId: id, from: text, fromDocumentKey: documentKey, fromLines: lines, name: text, documentKey, lines, reason: text }),
  ),
});

export const rowIdentitiesFile = z.strictObject({
  ...comment,
  identities: z.array(
    z.strictObject({ objectiveId: id, line: z.number().int().positive(), years: z.array(z.enum(['2024', '2025', '2026'])).min(1), reason: text }),
  ),
});

export const crossDocumentAnomaliesFile = z.strictObject({
  ...comment,
  anomalies: z.array(anomaly.extend({ document: text })),
});

export type DocumentsFile = z.infer<typeof documentsFile>;
export type DocumentEntry = DocumentsFile['documents'][number];
export type DocumentKey = DocumentEntry['key'];
export type GabinettoUnitsFile = z.infer<typeof gabinettoUnitsFile>;
export type Pdo2020File = z.infer<typeof pdo2020File>;
export type Reorganization2016File = z.infer<typeof reorganization2016File>;
export type CittaMetropolitanaFile = z.infer<typeof cittaMetropolitanaFile>;
export type DirectoratesFile = z.infer<typeof directoratesFile>;
export type RenamesFile = z.infer<typeof renamesFile>;
export type RowIdentitiesFile = z.infer<typeof rowIdentitiesFile>;
export type CrossDocumentAnomaliesFile = z.infer<typeof crossDocumentAnomaliesFile>;
