/**
 * The format of a read's answer, decided once per request by the access policy (before any
 * router) and then only read: the policy authorises exactly the format the request will be
 * answered in, and sendAnswer renders exactly that format. Nothing else looks at `format` or
 * `Accept` to choose a format.
 *
 * An explicit `format=` wins; otherwise `Accept` is negotiated over the media types below, in
 * this order of preference among equal qualities (so `*\/*` is JSON, `text/*` is CSV). An
 * Accept naming none of them (or only with q=0) is answered as JSON, the API's default.
 */
import type { Request } from 'express';

export const ANSWER_MEDIA_TYPES = {
  json: 'application/json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export type AnswerFormat = keyof typeof ANSWER_MEDIA_TYPES;

export const ANSWER_FORMATS = Object.keys(ANSWER_MEDIA_TYPES) as AnswerFormat[];

/** The formats of every exportable view (its rows); pdf is a document only the org chart has (routes/org-chart-pdf-routes.ts). */
export const TABLE_FORMATS = ANSWER_FORMATS.filter((format) => format !== 'pdf');

/** `explicit`: asked by `format=` (an export named after its basis even when JSON). */
export interface AnswerFormatDecision {
  format: AnswerFormat;
  explicit: boolean;
}

function isAnswerFormat(value: unknown): value is AnswerFormat {
  return typeof value === 'string' && Object.hasOwn(ANSWER_MEDIA_TYPES, value);
}

export function negotiateAnswerFormat(req: Request): AnswerFormatDecision {
  const asked = req.query['format'];
  if (isAnswerFormat(asked)) return { format: asked, explicit: true };
  const accepted = req.accepts(ANSWER_FORMATS.map((format) => ANSWER_MEDIA_TYPES[format]));
  const format = ANSWER_FORMATS.find((candidate) => ANSWER_MEDIA_TYPES[candidate] === accepted) ?? 'json';
  return { format, explicit: false };
}

const decisions = new WeakMap<Request, AnswerFormatDecision>();

/** Decides the request's answer format (once: a second call returns the first decision). */
export function decideAnswerFormat(req: Request): AnswerFormatDecision {
  const decided = decisions.get(req) ?? negotiateAnswerFormat(req);
  decisions.set(req, decided);
  return decided;
}
