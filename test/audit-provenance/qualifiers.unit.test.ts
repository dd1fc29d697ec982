/**
 * Which of a command's qualifiers apply to a fact (src/read/provenance.ts): `changes/<k>[/<field>]`
 * only to the k-th event of the command and the facts derived from that field; any other
 * field to every fact of the command.
 */
import { describe, expect, it } from 'vitest';
import type { EventRef } from '../../projections/views.ts';
import { applicableQualifiers, qualifierFlags } from '../../src/read/provenance.ts';

const date = { kind: 'approximate', field: 'effectiveFrom', reason: 'undated' } as const;
const all = { kind: 'inferred', field: 'changes', reason: 'no end recorded' } as const;
const second = { kind: 'inferred', field: 'changes/1', reason: 'may be older' } as const;
const secondParent = { kind: 'inferred', field: 'changes/1/parentId', reason: 'parent not stated' } as const;
const indicatorTarget = { kind: 'approximate', field: 'indicators/0/target', reason: 'rounded' } as const;
const ref = { provenance: { qualifiers: [date, all, second, secondParent, indicatorTarget] } } as unknown as EventRef;

describe('qualifiers of a fact', () => {
  it('applies changes/1 and changes/1/parentId only to the second event of the command', () => {
    expect(applicableQualifiers(ref, 0)).toEqual([date, all, indicatorTarget]);
    expect(applicableQualifiers(ref, 1)).toEqual([date, all, second, secondParent, indicatorTarget]);
  });

  it('applies a qualifier naming a field only to the facts derived from that field', () => {
    expect(applicableQualifiers(ref, 1, ['name'])).toEqual([date, all, second, indicatorTarget]);
    expect(applicableQualifiers(ref, 1, ['parentId'])).toEqual([date, all, second, secondParent, indicatorTarget]);
  });

  it('flags a fact approximate or inferred by the kinds of its qualifiers', () => {
    expect(qualifierFlags([date])).toEqual({ approximate: true, inferred: false });
    expect(qualifierFlags([secondParent])).toEqual({ approximate: false, inferred: true });
    expect(qualifierFlags([])).toEqual({ approximate: false, inferred: false });
    expect(applicableQualifiers({ provenance: null } as unknown as EventRef, 0)).toEqual([]);
  });
});
