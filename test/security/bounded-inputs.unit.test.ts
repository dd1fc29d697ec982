/**
 * Every input the API accepts is bounded: walking the request bodies and parameters of the
 * OpenAPI document (generated from the validating zod schemas), every string has a maximum
 * length, an enum, a date format, or an anchored pattern without unbounded repetition, and
 * every array has a maximum number of items. A new schema that forgets a bound fails here.
 */
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/http/openapi.ts';

type Node = Record<string, unknown>;

/** Parameters validated outside JSON Schema: stringbool (exact words) and headers (parsed, bounded by Node). */
const EXEMPT_PARAMETERS = new Set(['query:provenance']);

function boundedPattern(pattern: unknown): boolean {
  return typeof pattern === 'string' && pattern.startsWith('^') && pattern.endsWith('$') && !/(?<!\\)[*+]|\{\d+,\}/.test(pattern);
}

function unbounded(node: unknown, where: string, found: string[] = []): string[] {
  if (node === null || typeof node !== 'object') return found;
  const n = node as Node;
  if (n.type === 'string' && n.maxLength === undefined && n.enum === undefined && n.const === undefined && n.format !== 'date' && n.format !== 'date-time' && !boundedPattern(n.pattern)) found.push(where);
  if (n.type === 'array' && n.maxItems === undefined) found.push(where);
  for (const [key, child] of Object.entries(n)) unbounded(child, `${where}/${key}`, found);
  return found;
}

describe('bounded inputs', () => {
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { in: string; name: string; schema: unknown }[] }>> };
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })));

  it('covers the documented operations with request bodies', () => {
    expect(operations.filter(({ op }) => op.requestBody !== undefined).length).toBeGreaterThanOrEqual(6);
  });

  it('bounds every string and array of every body and parameter', () => {
    const found = operations.flatMap(({ where, op }) => [
      ...unbounded(op.requestBody, `${where} body`),
      ...(op.parameters ?? []).filter((p) => p.in !== 'header' && !EXEMPT_PARAMETERS.has(`${p.in}:${p.name}`)).flatMap((p) => unbounded(p.schema, `${where} ${p.in}:${p.name}`)),
    ]);
    expect(found).toEqual([]);
  });

  it('would notice an unbounded string', () => {
    expect(unbounded({ type: 'object', properties: { note: { type: 'string' } } }, 'x')).toEqual(['x/properties/note']);
    expect(unbounded({ type: 'string', pattern: '^[a-z]+$' }, 'y')).toEqual(['y']);
    expect(unbounded({ type: 'array', items: { type: 'integer' } }, 'z')).toEqual(['z']);
  });
});
