/**
 * What an unexpected error logs: method, path and stack, never the query string (it may carry
 * personal data) nor the Authorization header; and what it answers: a generic 500 problem.
 */
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { problemMiddleware } from '../../src/http/problem.ts';

describe('logging of a 500', () => {
  it('logs method, path and stack only', () => {
    const lines: string[] = [];
    const sent: { status?: number; body?: string } = {};
    const req = {
      method: 'GET',
      path: '/api/v1/orgs/milano/pdo',
      originalUrl: '/api/v1/orgs/milano/pdo?unitId=mario-rossi&note=otk_query-secret',
      headers: { authorization: 'Bearer otk_header-secret' },
      get: (name: string) => (name.toLowerCase() === 'authorization' ? 'Bearer otk_header-secret' : undefined),
    } as unknown as Request;
    const res = {
      headersSent: false,
      status(code: number) {
        sent.status = code;
        return this;
      },
      type() {
        return this;
      },
      send(body: string) {
        sent.body = body;
        return this;
      },
      set() {
        return this;
      },
    } as unknown as Response;

    problemMiddleware((line) => lines.push(line))(new Error('a bug'), req, res, () => {});

    const log = lines.join('\n');
    expect(log).toContain('500 GET /api/v1/orgs/milano/pdo: Error: a bug');
    expect(log).not.toContain('mario-rossi');
    expect(log).not.toContain('otk_');
    expect(sent.status).toBe(500);
    expect(sent.body).not.toContain('a bug');
  });
});
