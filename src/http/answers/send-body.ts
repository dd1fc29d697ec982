/**
 * The last step of every read answer: the body, compressed when the client asks for it.
 */
import type { Request, Response } from 'express';
import { compress, negotiateEncoding, type AnswerEncoding } from './compress-answer.ts';

/** Sends `body` as `type`; with `precompressed` (made from this very body) when it fits the negotiated encoding. */
export async function sendBody(
  req: Request,
  res: Response,
  body: Buffer,
  type: string,
  precompressed?: { encoding: AnswerEncoding; body: Buffer },
): Promise<{ encoding: AnswerEncoding; body: Buffer } | undefined> {
  res.type(type);
  res.vary('Accept-Encoding');
  const encoding = negotiateEncoding(req, body.byteLength);
  if (encoding === undefined) {
    res.send(body);
    return undefined;
  }
  const compressed = precompressed?.encoding === encoding ? precompressed.body : await compress(body, encoding);
  res.set('Content-Encoding', encoding);
  res.send(compressed);
  return { encoding, body: compressed };
}
