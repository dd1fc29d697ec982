/**
 * The Gabinetto del Sindaco (000) as the importer will append it, checked against the
 * document: competency counts are read from seeds/sources/ by this file's own simple rule
 * (a bullet is a line starting with a space and containing lower case, between two headings),
 * and some texts are written out by hand from reading the document.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { planSeedCommands } from '../../seeds/plan/plan-seed-commands.ts';

const LINES = readFileSync(new URL('../../seeds/sources/000_73076facddbf972e.txt', import.meta.url), 'utf8').split('\n');
const data = loadSeedData();
const commands = planSeedCommands(data);

/** Bullets between the heading line `from` (1-based) and the next heading of another unit. */
function bulletsAfterHeading(from: number, nextHeading: number): number {
  return LINES.slice(from, nextHeading - 1).filter((line) => /^ \S/.test(line) && /[a-zàèéìòù]/.test(line)).length;
}

/** What 000's attestation of `unitId` says. */
function attestationOf(unitId: string) {
  const command = commands.find((c) => c.key === `seed:000:attest:${unitId}`);
  return command?.kind === 'attest' ? command.input : undefined;
}

/** The parent the seeds give `unitId`: attested by 000, or set by the inference that establishes it. */
function parentOf(unitId: string): string | null | undefined {
  const attested = attestationOf(unitId)?.units.find((u) => u.unitId === unitId);
  if (attested && 'parentId' in attested) return attested.parentId;
  const inferred = commands.find((c) => c.key === `seed:000:infer:${unitId}`);
  const establish = inferred?.kind === 'reorganize' ? inferred.input.changes.find((ch) => ch.op === 'establish' && ch.unitId === unitId) : undefined;
  return establish?.op === 'establish' ? establish.parentId : undefined;
}

const competencies = (unitId: string) => (attestationOf(unitId)?.competencies ?? []).map((c) => c.text);

describe('Gabinetto del Sindaco, from the document', () => {
  it('has as many competencies per unit as bullets in the document', () => {
    const cases: [string, number, number, number][] = [
      ['gab-unita-coordinamento-funzioni-sindaco', 44, 82, 12],
      ['gab-segreteria-tecnica', 82, 102, 8],
      ['gab-ufficio-cerimoniale', 102, 160, 18],
      ['gab-area-relazioni-internazionali', 292, 349, 7],
      ['gab-redazione', 488, LINES.length + 1, 1],
    ];
    for (const [unitId, heading, next, byHand] of cases) {
      expect(bulletsAfterHeading(heading, next), unitId).toBe(byHand);
      expect(competencies(unitId), unitId).toHaveLength(byHand);
    }
  });

  it('keeps a bullet wrapped over blank lines as one competency, even when it goes on with a capital', () => {
    expect(competencies('gab-unita-staff-capo-gabinetto')).toContain(
      'Supporto al Capo di Gabinetto nella gestione dei rapporti con gli uffici della Presidenza del Consiglio Comunale, della Direzione Generale e della Segreteria Generale al fine di favorire lo svolgimento coordinato e integrato delle attività',
    );
    expect(competencies('gab-segreteria-tecnica')).toContain(
      'Gestione dei contatti con le Direzioni comunali e/o soggetti esterni all’Amministrazione per l’ottenimento delle informazioni utili alla partecipazione del Sindaco a incontri e riunioni in diretta relazione con le attività cittadine',
    );
  });

  it('keeps the competencies that follow a page break with their unit', () => {
    expect(LINES.slice(63, 70).every((line) => line.trim() === '')).toBe(true);
    expect(competencies('gab-unita-coordinamento-funzioni-sindaco')[7]).toBe('Cura e monitoraggio di progetti e tematiche di interesse del Sindaco');
  });

  it('keeps the dash sub-items inside their bullet, one per line', () => {
    expect(competencies('gab-area-relazioni-internazionali')).toContain(
      [
        'Gestione delle attività e delle procedure amministrative finalizzate a:',
        '- Concessione di patrocini',
        '- Erogazione di contributi',
        '- Partecipazione ad eventi organizzati dall’Amministrazione comunale e/o promossi da enti ed istituzioni esterne (consolati, istituti internazionali, ecc.)',
      ].join('\n'),
    );
  });

  it('joins a word hyphenated at the end of a line without a space', () => {
    expect(competencies('gab-unita-staff-capo-gabinetto')[5]).toContain('dell’attività tecnico-amministrativa riguardante');
  });

  it('places the units whose activities another unit supervises under it, as an inference with the line it rests on', () => {
    expect(LINES[78]).toContain('Supervisione delle attività della Segreteria Tecnica e dell’Ufficio Cerimoniale');
    expect(parentOf('gab-segreteria-tecnica')).toBe('gab-unita-coordinamento-funzioni-sindaco');
    expect(parentOf('gab-ufficio-cerimoniale')).toBe('gab-unita-coordinamento-funzioni-sindaco');
    expect(parentOf('gab-area-comunicazione')).toBe('gabinetto-sindaco');
    for (const unitId of ['gab-segreteria-tecnica', 'gab-ufficio-cerimoniale']) {
      const inferred = commands.find((c) => c.key === `seed:000:infer:${unitId}`);
      expect(inferred?.kind === 'reorganize' && inferred.input).toMatchObject({ basis: 'inferred', basisReason: expect.stringContaining('(line 79)'), inferredFrom: ['doc-000-gabinetto-struttura'] });
      // 000 attests the name and kind, not the parent: the parent stays the inference's.
      expect(attestationOf(unitId)?.units).toEqual([expect.not.objectContaining({ parentId: expect.anything() })]);
    }
    expect(attestationOf('gab-area-comunicazione')?.units).toEqual([{ unitId: 'gab-area-comunicazione', name: 'Area Comunicazione', kind: 'area', parentId: 'gabinetto-sindaco' }]);
  });

  it('attests the Gabinetto and its twelve units over 000\'s approximate year, and establishes by inference only what the text does not state', () => {
    const attestations = commands.filter((c) => c.key.startsWith('seed:000:attest:') && c.key !== 'seed:000:attest:directorates');
    expect(attestations).toHaveLength(13);
    for (const command of attestations) {
      expect(command.kind === 'attest' && command.input).toMatchObject({ orgId: 'comune-milano', sourceId: 'doc-000-gabinetto-struttura' });
      expect(command.kind === 'attest' && (command.input.on ?? command.input.period)).toBeFalsy(); // the source's period, 2022
      expect(command.ctx.provenance?.qualifiers).toContainEqual(expect.objectContaining({ kind: 'approximate', field: 'effectiveFrom' }));
    }
    const inferred = commands.filter((c) => c.key.startsWith('seed:000:infer:')).map((c) => c.key.slice('seed:000:infer:'.length));
    expect(inferred.sort()).toEqual(['gabinetto-sindaco', ...data.gabinettoUnits.units.filter((u) => u.parentInferred).map((u) => u.unitId)].sort());
    const source = commands.find((c) => c.key === 'seed:000:source');
    expect(source?.kind === 'registerSource' && source.input).toMatchObject({ period: { from: '2022-01-01', to: '2022-12-31' }, legalEffect: false, scope: { kind: 'complete-structure', rootUnitId: 'gabinetto-sindaco' } });
  });

  it('attests the directorates 000 names, so they exist in 2022 by its evidence, under the names it prints', () => {
    const command = commands.find((c) => c.key === 'seed:000:attest:directorates');
    const units = command?.kind === 'attest' ? command.input.units : [];
    for (const [unitId, printed, line] of [
      ['dir-generale', 'Direzione Generale', 15],
      ['segreteria-generale', 'Segreteria Generale', 41],
      ['dir-centrale-unica-appalti', 'Direzione Centrale Unica Appalti', 195],
      ['dir-tecnica-arredo-urbano', 'Direzione Tecnica', 253],
      ['dir-municipi', 'Direzione Quartieri e Municipi', 145],
    ] as const) {
      expect(LINES[line - 1], printed).toContain(printed);
      expect(units).toContainEqual(expect.objectContaining({ unitId, name: printed }));
    }
    expect(units).toHaveLength(11);
  });
});
