/**
 * Parses request parts with zod, turning every issue into a FieldProblem whose `field` is the
 * issue's path joined by '/' (`changes/1/parentId`; a query or path parameter is its name).
 * An unknown key is reported as its own field (`changes/2/colour`), not as its parent object.
 */
import type { z } from 'zod';
import { BadRequestError, type FieldProblem } from '../errors.ts';

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('/'), message: 'unknown field' }));
    }
    return [{ field: path.join('/'), message: issue.message }];
  });
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequestError(`${what} is invalid`, fieldProblems(result.error));
  return result.data;
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (body === undefined) {
    throw new BadRequestError('the request needs a JSON body (Content-Type: application/json)', [{ field: '', message: 'missing JSON body' }]);
  }
  return parseWith(schema, body, 'the request body');
}

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parseWith(schema, query, 'the query string');
}

export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  return parseWith(schema, params, 'the path');
}
