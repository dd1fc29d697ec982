/**
 * Answers an accepted command: `{position, revision, eventIds}`, with Location and ETag when they
 * apply, and `readModel` when the read models had not caught up with it in time (the command is
 * stored all the same).
 */
import type { Response } from 'express';
import type { CommandResult } from '../commands/command-types.ts';
import { etagOf } from './if-match.ts';

export function sendCommandResult(res: Response, status: 200 | 201, result: CommandResult, headers: { location?: string; etag?: boolean } = {}): void {
  if (headers.location !== undefined) res.location(headers.location);
  if (headers.etag) res.set('ETag', etagOf(result.revision));
  res.status(status).json(commandResultBody(result));
}

export function commandResultBody(result: CommandResult): Pick<CommandResult, 'position' | 'revision' | 'eventIds' | 'readModel'> {
  const { position, revision, eventIds, readModel } = result;
  return readModel === undefined ? { position, revision, eventIds } : { position, revision, eventIds, readModel };
}
