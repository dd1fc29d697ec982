/**
 * 003: the Servizio Comunicazione of the Città Metropolitana di Milano, attested over the
 * project year 2020, with the URP, the Ufficio Stampa and the web and social media office under
 * it and their listed activities as competencies, then what the offices' prose adds beyond the
 * lists (the URP's accesso documentale e civico, the web office's realizzazione del sito). The
 * document names no unit above the
 * Servizio: it is established as inferred at the top level first, then its name and kind are
 * attested with the rest.
 */
import type { SeedData } from '../load-seed-data.ts';
import { attestCommand, documentByKey, inferredReorganization, type SeedCommand } from './seed-command.ts';

export function planCittaMetropolitana(data: SeedData): SeedCommand[] {
  const document = documentByKey(data.documents.documents, '003');
  const { units, parentReason } = data.cittaMetropolitana;
  const topLevel = units.filter((u) => u.parentId === null);
  const infer = inferredReorganization(
    'seed:003:infer:top-level',
    document,
    `lines ${[...new Set(topLevel.flatMap((u) => u.lines))].join(', ')}`,
    topLevel.map((u) => ({ op: 'establish', unitId: u.unitId, name: u.name, kind: u.kind, parentId: null })),
    'parent: the document names no unit above the Servizio Comunicazione (lines 11, 85): recorded as a top-level unit of the Città Metropolitana',
    [document.source.id],
  );
  const attest = attestCommand('seed:003:attest', document, `lines 6-61; the offices are the Servizio's: ${parentReason}`, {
    units: units.map((u) => (u.parentId === null ? { unitId: u.unitId, name: u.name, kind: u.kind } : { unitId: u.unitId, name: u.name, kind: u.kind, parentId: u.parentId })),
    competencies: units.flatMap((u) => u.competencies.map((c, index) => ({ competencyId: `${u.unitId}.c${String(index + 1).padStart(2, '0')}`, unitId: u.unitId, text: c.text }))),
  });
  // The facts the offices' prose adds beyond their bullets, after the listed ones (so the ids of
  // the listed ones stay), each a command of its own citing its own lines (so a store seeded
  // before gets them too).
  const prose = units.flatMap((u) =>
    (u.prose ?? []).map((p, index) => {
      const competencyId = `${u.unitId}.c${String(u.competencies.length + index + 1).padStart(2, '0')}`;
      return attestCommand(`seed:003:attest:prose:${competencyId}`, document, `line ${p.lines.join('-')} (the office's prose)`, { units: [], competencies: [{ competencyId, unitId: u.unitId, text: p.text }] });
    }),
  );
  return [infer, attest, ...prose];
}
