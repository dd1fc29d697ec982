/**
 * The EventStoreDB failures the adapter translates reach clients as problem answers a person
 * can act on (application/problem+json with status, code and detail), never a bare 500.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppendTooLargeError, InvalidPositionError, StoreAccessDeniedError, StreamDeletedError } from '../../src/errors.ts';
import { problemMiddleware } from '../../src/http/problem.ts';

const failures: Record<string, Error> = {
  deleted: new StreamDeletedError('org-milano'),
  denied: new StoreAccessDeniedError('EventStoreDB denied access (stream org-milano): the connection string\'s user needs read and write'),
  large: new AppendTooLargeError('org-milano', 1_048_576),
  position: new InvalidPositionError(12_345),
};

describe('problem answers for EventStoreDB failures', () => {
  let base: string;
  let close: () => Promise<void>;
  const logged: string[] = [];

  beforeAll(async () => {
    const app = express();
    app.get('/:failure', (req) => {
      throw failures[req.params.failure]!;
    });
    app.use(problemMiddleware((line) => logged.push(line)));
    const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it.each([
    ['deleted', 410, 'stream_deleted', /stream org-milano was deleted/, null],
    ['denied', 503, 'store_access_denied', /connection string's user/, '60'],
    ['large', 413, 'payload_too_large', /1048576 bytes/, null],
    ['position', 400, 'bad_request', /position 12345 is not the position of an event/, null],
  ])('given %s, then %i with code %s, a detail and (503 only) Retry-After', async (failure, status, code, detail, retryAfter) => {
    const response = await fetch(`${base}/${failure}`);

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    expect(await response.json()).toMatchObject({ status, code, detail: expect.stringMatching(detail) });
    expect(logged).toEqual([]);
  });
});
