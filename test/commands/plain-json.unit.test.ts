/** A command's events are schema-checked as the JSON the store will write: plainJson must give what a JSON round trip gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainJson } from '../../src/commands/plain-json.ts';

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe('plainJson', () => {
  it('given any JSON-like value with undefined members and items, then it equals the JSON round trip', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(-0));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node')), fc.dictionary(fc.string(), tie('node'))),
    })).node;

    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (input) => {
        expect(plainJson(input)).toStrictEqual(roundTrip(input));
        expect(JSON.stringify(plainJson(input))).toBe(JSON.stringify(input));
      }),
    );
  });

  it('given a draft as deciders build it, then undefined members are gone, dates are their ISO text, non-finite numbers are null', () => {
    const draft = { unitId: 'u1', note: undefined, at: new Date('2024-01-02T03:04:05Z'), list: [1, undefined, Number.NaN], nested: { gone: undefined, kept: Infinity }, fn: () => 1 };

    expect(plainJson(draft)).toStrictEqual({ unitId: 'u1', at: '2024-01-02T03:04:05.000Z', list: [1, null, null], nested: { kept: null } });
    expect(plainJson(draft)).toStrictEqual(roundTrip(draft));
  });

  it('given a "__proto__" member, then it stays an own member, as JSON.parse keeps it', () => {
    const input = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;

    const copy = plainJson(input);

    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });

  it('does not change its input', () => {
    const input = { a: { b: undefined, c: [undefined] } };

    plainJson(input);

    expect(input).toStrictEqual({ a: { b: undefined, c: [undefined] } });
  });
});
