/**
 * Compression of read answers when the client asks for it (Accept-Encoding, negotiated by
 * Express's req.acceptsEncodings: br, then gzip, else identity). Only whole answers of the
 * read routes pass here — never the live SSE stream, which must not be buffered. zlib runs on
 * libuv's thread pool (the async API), so a large answer does not hold the event loop.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Request } from 'express';

/** Smaller bodies are sent as they are: compressing them gains less than its headers cost. */
export const COMPRESS_MIN_BYTES = 1024;

export type AnswerEncoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export function negotiateEncoding(req: Request, bytes: number): AnswerEncoding | undefined {
  if (bytes < COMPRESS_MIN_BYTES || req.headers['accept-encoding'] === undefined) return undefined;
  const chosen = req.acceptsEncodings('br', 'gzip', 'identity');
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

/** Brotli at quality 4 and gzip at level 6: near their best ratio on JSON, at a few ms per 500 kB. */
export function compress(body: Buffer, encoding: AnswerEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : gzipAsync(body, { level: 6 });
}
