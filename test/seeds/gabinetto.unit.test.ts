/**
 * The Gabinetto del Sindaco (000) as the importer will append it, checked against the
 * document: competency counts are read from seeds/sources/ by this file's own simple rule
 * (a bullet is a line starting with a space and containing lower case, between two headings),
 * and some texts are written out by hand from reading the document.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReorganizationChange } from '../../src/commands/command-types.ts';
import { loadSeedData } from '../../seeds/load-seed-data.ts';
import { planSeedCommands } from '../../seeds/plan/plan-seed-commands.ts';

const LINES = readFileSync(new URL('../../seeds/sources/000_73076facddbf972e.txt', import.meta.url), 'utf8').split('\n');
const commands = planSeedCommands(loadSeedData());

/** Bullets between the heading line `from` (1-based) and the next heading of another unit. */
function bulletsAfterHeading(from: number, nextHeading: number): number {
  return LINES.slice(from, nextHeading - 1).filter((line) => /^ \S/.test(line) && /[a-zàèéìòù]/.test(line)).length;
}

/** The changes of the seed command that establishes `unitId` in the Comune. */
function changesOf(unitId: string): ReorganizationChange[] {
  const command = commands.find((c) => c.kind === 'reorganize' && c.input.changes.some((ch) => ch.op === 'establish' && ch.unitId === unitId));
  return command?.kind === 'reorganize' ? command.input.changes : [];
}

const competencies = (unitId: string) => changesOf(unitId).flatMap((c) => (c.op === 'assign-competency' ? [c.text] : []));

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

  it('places the units whose activities another unit supervises under it', () => {
    const establish = (unitId: string) => changesOf(unitId).find((c) => c.op === 'establish' && c.unitId === unitId);
    expect(LINES[78]).toContain('Supervisione delle attività della Segreteria Tecnica e dell’Ufficio Cerimoniale');
    expect(establish('gab-segreteria-tecnica')).toMatchObject({ parentId: 'gab-unita-coordinamento-funzioni-sindaco' });
    expect(establish('gab-ufficio-cerimoniale')).toMatchObject({ parentId: 'gab-unita-coordinamento-funzioni-sindaco' });
    expect(establish('gab-area-comunicazione')).toMatchObject({ parentId: 'gabinetto-sindaco', name: 'Area Comunicazione', kind: 'area' });
  });

  it('establishes the twelve units of the document under the Gabinetto, at an approximate date', () => {
    const gabinetto = commands.filter((c) => c.key.startsWith('seed:000:establish:'));
    expect(gabinetto).toHaveLength(13);
    for (const command of gabinetto) {
      expect(command.kind === 'reorganize' && command.input.effectiveFrom).toBe('2022-01-01');
      expect(command.ctx.provenance?.qualifiers).toContainEqual(expect.objectContaining({ kind: 'approximate', field: 'effectiveFrom' }));
    }
  });
});
