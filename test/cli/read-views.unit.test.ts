/**
 * The CLI's renderings of answers: given answers shaped as the API gives them, the tables show
 * an evidence column exactly when the answer carries `evidence` (issue 15), in the language
 * chosen, with the right plurals.
 */
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/cli/messages.ts';
import { readViews } from '../../src/cli/read-views.ts';

const unit = (unitId: string, name: string, parentId: string | null, evidence?: object) => ({
  unitId, name, kind: 'direzione', parentId, competencies: [], head: null, ...(evidence ? { evidence } : {}),
});
const basis = { at: '2024-06-01', asKnownAt: '2026-12-03T10:00:00.000Z', position: 410 };
const ui = (lang: 'it' | 'en') => ({ m: messagesFor(lang), width: 200 });

describe('CLI renderings', () => {
  it('shows an evidence column with each unit status when the answer carries evidence', () => {
    const answer = {
      ...basis,
      units: [
        unit('dg', 'Direzione Generale', null, { status: 'attested', firstAttestedOn: '2024-01-01', lastAttestedOn: '2026-12-31', sources: ['doc-004'] }),
        unit('dir-periferie', 'Direzione Periferie', null, { status: 'carried-forward', firstAttestedOn: '2016-07-01', lastAttestedOn: '2016-07-01', sources: ['doc-002'] }),
      ],
    };
    const italian = readViews['org-chart']!.render('comune-milano', answer, ui('it'), {});
    expect(italian).toMatch(/^unità +id +tipo +prova +responsabile +competenze$/m);
    expect(italian).toMatch(/^Direzione Periferie +dir-periferie +direzione +riportata dal 2016-07-01 /m);
    expect(italian).toMatch(/^Direzione Generale +dg +direzione +attestata /m);
    const english = readViews['org-chart']!.render('comune-milano', answer, ui('en'), {});
    expect(english).toMatch(/^Direzione Periferie +dir-periferie +direzione +carried forward since 2016-07-01 /m);
    expect(english).toMatch(/: 2 units$/m);
  });

  it('has no evidence column when the answer carries none', () => {
    const text = readViews['org-chart']!.render('prova', { ...basis, units: [unit('dg', 'Direzione Generale', null)] }, ui('it'), {});
    expect(text).toMatch(/^unità +id +tipo +responsabile +competenze$/m);
    expect(text).toMatch(/: 1 unità$/m);
  });

  it('counts acts and changes with the plural rules of the language', () => {
    const acts = { ...basis, at: null, acts: [{ actId: 'DG-1', kind: 'delibera', date: '2024-01-01', title: 'Istituzione', url: null, firstEffectiveFrom: '2024-01-01', eventCount: 1, annulled: null }] };
    expect(readViews['acts']!.render('prova', acts, ui('it'), {})).toMatch(/: 1 atto$/m);
    expect(readViews['acts']!.render('prova', { ...acts, acts: [...acts.acts, { ...acts.acts[0]!, actId: 'DG-2' }] }, ui('it'), {})).toMatch(/: 2 atti$/m);
    expect(readViews['acts']!.render('prova', acts, ui('en'), {})).toMatch(/: 1 act$/m);
  });
});
