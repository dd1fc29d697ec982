/** Answers an accepted command: `{position, revision, eventIds}`, with Location and ETag when they apply. */
import type { Response } from 'express';
import type { CommandResult } from '../commands/command-types.ts';
import { etagOf } from './if-match.ts';

export function sendCommandResult(res: Response, status: 200 | 201, result: CommandResult, headers: { location?: string; etag?: boolean } = {}): void {
  if (headers.location !== undefined) res.location(headers.location);
  if (headers.etag) res.set('ETag', etagOf(result.revision));
  res.status(status).json({ position: result.position, revision: result.revision, eventIds: result.eventIds });
}
