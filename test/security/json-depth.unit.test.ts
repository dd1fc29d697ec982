/** jsonDepth counts nesting on raw bytes, ignoring brackets inside strings (escaped quotes included). */
import { describe, expect, it } from 'vitest';
import { jsonDepth } from '../../src/http/security/input-limits.ts';

const depthOf = (text: string) => jsonDepth(new TextEncoder().encode(text));

describe('jsonDepth', () => {
  it('counts nested objects and arrays', () => {
    expect(depthOf('1')).toBe(0);
    expect(depthOf('{"a": [1, {"b": []}]}')).toBe(4);
    expect(depthOf('[[], [[]], []]')).toBe(3);
  });

  it('ignores brackets inside strings, also after escaped quotes and backslashes', () => {
    expect(depthOf('{"a": "[[[{{{"}')).toBe(1);
    expect(depthOf('{"a": "x\\"[[[", "b": "\\\\"}')).toBe(1);
    expect(depthOf('["\\\\", [["]]]]"]]]')).toBe(3);
  });
});
