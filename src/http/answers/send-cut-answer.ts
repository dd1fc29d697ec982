/**
 * The send path of the cut reads (org chart, PDO): the basis is resolved first, and the
 * serialised answer is taken from the answer cache (answer-cache.ts) when a read with the same
 * query, valid date and log position was answered before; otherwise it is computed, serialised
 * once and kept. Every answer still carries its whole basis (the asKnownAt asked for, or now),
 * its coverage and evidence: only the fields after the basis are shared between requests.
 * ETag / If-None-Match → 304 by basis (read-etag.ts); compression when asked (send-body.ts).
 * CSV and XLSX take the ordinary path (send-answer.ts).
 */
import type { Request, Response } from 'express';
import type { Basis } from '../../read/resolve-cut.ts';
import { decideAnswerFormat } from '../export/answer-format.ts';
import { BASIS_HEADER, basisHeaderOf, cutBasis, exportFileName, sendAnswer, type ExportView } from '../export/send-answer.ts';
import type { AnswerCache, CachedAnswer } from './answer-cache.ts';
import { basisKey, matchesIfNoneMatch, readEtag, readRequestKey, sendNotModified, setReadValidators } from './read-etag.ts';
import { sendBody } from './send-body.ts';

export interface CutRead<A extends Basis> {
  cache: AnswerCache;
  /** The read's basis, resolved before the answer is computed. */
  basis: Basis;
  /** The last applied position when the basis was resolved: a revision is an If-Match ETag only at the head. */
  headPosition: number;
  view: ExportView<A>;
  /** The answer at exactly the basis's valid date and position, and the revision the read reports (if any). */
  answer(): Promise<{ answer: A; revision?: number | undefined }>;
}

/** `{"at":…,"asKnownAt":…,"position":…,` — the JSON every cut answer starts with. */
function basisPrefix({ at, asKnownAt, position }: Basis): string {
  return `${JSON.stringify({ at, asKnownAt, position }).slice(0, -1)},`;
}

async function computeEntry<A extends Basis>(read: CutRead<A>): Promise<CachedAnswer | { uncacheable: string; revision: number | undefined }> {
  const { answer, revision } = await read.answer();
  const text = read.view.toJson?.(answer) ?? JSON.stringify(answer);
  const prefix = basisPrefix(answer);
  if (!text.startsWith(prefix)) return { uncacheable: JSON.stringify({ ...answer, ...read.basis }), revision };
  return { tail: text.slice(prefix.length), revision };
}

export async function sendCutAnswer<A extends Basis>(req: Request, res: Response, read: CutRead<A>): Promise<void> {
  const { format, explicit } = decideAnswerFormat(req);
  if (format !== 'json') {
    const { answer } = await read.answer();
    await sendAnswer(req, res, { ...answer, ...read.basis }, read.view);
    return;
  }
  const key = `${readRequestKey(req, format)}|${basisKey(cutBasis(read.basis).fields)}`;
  let entry = read.cache.get(key);
  let uncacheable: string | undefined;
  if (entry === undefined) {
    const computed = await computeEntry(read);
    if ('uncacheable' in computed) uncacheable = computed.uncacheable;
    else read.cache.set(key, computed);
    entry = 'uncacheable' in computed ? { tail: '', revision: computed.revision } : computed;
  }
  const revision = read.basis.position >= read.headPosition ? entry.revision : undefined;
  const basis = cutBasis(read.basis);
  res.vary('Accept');
  res.set(BASIS_HEADER, basisHeaderOf(basis));
  setReadValidators(req, res, readEtag(key, revision));
  if (matchesIfNoneMatch(req, res.get('ETag')!)) return sendNotModified(res);
  if (explicit) res.set('Content-Disposition', `attachment; filename="${exportFileName(req.params['org'] as string | undefined, read.view.name, basis, format)}"`);
  const body = Buffer.from(uncacheable ?? basisPrefix(read.basis) + entry.tail);
  const reusable = entry.compressed?.asKnownAt === read.basis.asKnownAt ? entry.compressed : undefined;
  const sent = await sendBody(req, res, body, 'application/json', reusable);
  if (sent && uncacheable === undefined && sent !== reusable && sent.body !== reusable?.body) {
    read.cache.set(key, { ...entry, compressed: { asKnownAt: read.basis.asKnownAt, ...sent } });
  }
}
