/**
 * The 2016 press article (002) as the importer will record it: what it reports as done is
 * attested on its approximate date, what it says in the future or as planned is announced.
 * The tense is checked on the document's own lines here, independently of the curated file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { planSeedCommands } from '../../seeds/plan/plan-seed-commands.ts';

/** The article's lines, a non-breaking space read as a space (the article has some). */
const LINES = readFileSync(new URL('../../seeds/sources/002_077a4ac8d4a0e2cd.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.replace(/\s+/g, ' '));
const commands = planSeedCommands(loadSeedData());
const attest = commands.find((c) => c.key === 'seed:002:attest');
const announce = commands.find((c) => c.key === 'seed:002:announce');

describe('the 2016 reorganisation article, by tense', () => {
  it('attests, on its date, the directorates it reports as reorganised or strengthened', () => {
    expect(LINES[2]).toMatch(/^Marketing metropolitano, Periferie, Municipi\. Potenziati i Sistemi informativi.*Sono alcuni dei settori riorganizzati.*ha riorganizzato/);
    expect(attest?.kind === 'attest' && attest.input).toMatchObject({ orgId: 'comune-milano', sourceId: 'doc-002-articolo-riorganizzazione-2016' });
    const input = attest?.kind === 'attest' ? attest.input : undefined;
    expect(input?.on ?? input?.period).toBeUndefined(); // the source's issue day, 2016-07-01 (approximate)
    expect(input?.units.map((u) => u.unitId)).toEqual(['dir-periferie', 'dir-marketing-metropolitano', 'dir-municipi', 'dir-sistemi-informativi-agenda-digitale']);
    // The one mission in the present: the Sistemi informativi "impegnata a realizzare" the data hub.
    expect(LINES[20]).toContain('impegnata a realizzare un hub unico dei dati');
    expect(input?.competencies).toEqual([{ competencyId: 'dir-sistemi-informativi-agenda-digitale.c01', unitId: 'dir-sistemi-informativi-agenda-digitale', text: 'realizzare un hub unico dei dati del Comune di Milano' }]);
  });

  it('records as announced the planned directorate ("Prevista…") and the missions under "opereranno"', () => {
    expect(LINES[22]).toMatch(/^Prevista una Direzione Partecipate e Patrimonio immobiliare che farà/);
    expect(LINES[14]).toMatch(/^Nuove direzioni opereranno su obiettivi centrali e strategici\. La Direzione Periferie per/);
    const input = announce?.kind === 'reorganize' ? announce.input : undefined;
    expect(input).toMatchObject({ basis: 'announced', sourceId: 'doc-002-articolo-riorganizzazione-2016', effectiveFrom: '2016-07-01' });
    expect(input).not.toHaveProperty('act');
    expect(input?.changes.filter((c) => c.op === 'establish').map((c) => c.unitId)).toEqual(['dir-partecipate-patrimonio-immobiliare']);
    expect(input?.changes.flatMap((c) => (c.op === 'assign-competency' ? [c.competencyId] : []))).toEqual([
      'dir-periferie.c01',
      'dir-marketing-metropolitano.c01',
      'dir-marketing-metropolitano.c02',
      'dir-municipi.c01',
      'dir-partecipate-patrimonio-immobiliare.c01',
    ]);
    expect(commands.indexOf(attest!)).toBeLessThan(commands.indexOf(announce!));
  });
});
