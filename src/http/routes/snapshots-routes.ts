/**
 * POST /orgs/:org/snapshots[?dryRun=true&date=YYYY-MM-DD&ipa=CODE&filename=NAME] (editor):
 * imports snapshot files of the org (docs/import.md). The body is one file as it is (CSV or
 * XLSX; its name from `filename` or Content-Disposition) or multipart/form-data with one or
 * more file parts. Each file is spooled to a temporary file as it arrives (memory stays
 * bounded; at most MAX_SNAPSHOT_BYTES per request, else 413), then read and checked. A dry run
 * answers 200 with what would be appended; otherwise 201 once everything is appended (200 when
 * every file was already imported). A malformed file is 422 `malformed_snapshot` listing each
 * problem with file, line and column; nothing is appended.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { StructureLimits } from '../../commands/structure-limits.ts';
import { AppError, BadRequestError } from '../../errors.ts';
import { importSnapshots, type SnapshotFileInput } from '../../import/snapshot/import-snapshots.ts';
import type { Projector } from '../../read/projector.ts';
import type { EventStore } from '../../store/event-store.ts';
import { principalOf } from '../auth/principal.ts';
import { orgParamsSchema } from '../schemas/query-schemas.ts';
import { parseParams, parseQuery } from '../validate.ts';

export const MAX_SNAPSHOT_BYTES = 200 * 1024 * 1024;
export const MAX_SNAPSHOT_FILES = 20;

export const snapshotsQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).optional().describe('true: answer what would be appended, append nothing'),
  date: z.iso.date().optional().describe('the snapshot date (wins over the file\'s Data_aggiornamento / data_istantanea column)'),
  ipa: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional().describe('IndicePA: the Codice_IPA to keep (needed when the file lists several bodies)'),
  filename: z.string().min(1).max(200).optional().describe('the name of a file sent as the body (default: Content-Disposition, else "snapshot")'),
});

class PayloadTooLargeError extends AppError {
  constructor() {
    super('payload_too_large', 413, `the snapshot files are larger than ${MAX_SNAPSHOT_BYTES} bytes`, [{ field: '', message: `larger than ${MAX_SNAPSHOT_BYTES} bytes` }]);
  }
}

export function snapshotsRoutes(deps: { store: EventStore; projector: Projector; limits: StructureLimits }): Router {
  const router = Router();
  router.post('/orgs/:org/snapshots', async (req, res) => {
    const { org } = parseParams(orgParamsSchema, req.params);
    const query = parseQuery(snapshotsQuerySchema, req.query);
    const principal = principalOf(req);
    if (!principal) throw new Error('a command reached its route without an authenticated principal');
    const dir = await mkdtemp(join(tmpdir(), 'orgtrail-snapshot-'));
    try {
      const files = await spool(req, dir, query.filename);
      if (files.length === 0) throw new BadRequestError('no snapshot file', [{ field: 'file', message: 'send the file as the body, or as a multipart part named file' }]);
      const report = await importSnapshots(deps, { orgId: org, files, date: query.date, ipa: query.ipa, dryRun: query.dryRun === 'true', recordedBy: principal.name });
      const appended = report.files.some((f) => f.status === 'appended');
      res.status(appended ? 201 : 200).json(report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  return router;
}

/** Writes each file of the request to `dir` as it streams in; the files to open from there. */
async function spool(req: Request, dir: string, filename: string | undefined): Promise<SnapshotFileInput[]> {
  let total = 0;
  const counted = () =>
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        total += chunk.length;
        done(total > MAX_SNAPSHOT_BYTES ? new PayloadTooLargeError() : null, chunk);
      },
    });
  const save = async (input: Readable, name: string, index: number): Promise<SnapshotFileInput> => {
    const path = join(dir, `${index}`);
    await pipeline(input, counted(), createWriteStream(path));
    return { name, open: () => createReadStream(path) };
  };
  if (!req.is('multipart/form-data')) {
    const disposition = /filename="?([^";]+)"?/.exec(req.get('Content-Disposition') ?? '')?.[1];
    const file = await save(req, filename ?? disposition ?? 'snapshot', 0);
    return total === 0 ? [] : [file];
  }
  const files: Promise<SnapshotFileInput>[] = [];
  await new Promise<void>((resolve, reject) => {
    const parser = busboy({ headers: req.headers, limits: { files: MAX_SNAPSHOT_FILES, fileSize: MAX_SNAPSHOT_BYTES } });
    parser.on('file', (_field, stream, info) => {
      const saved = save(stream, info.filename || `snapshot-${files.length + 1}`, files.length);
      saved.catch(() => stream.resume());
      files.push(saved);
    });
    parser.on('filesLimit', () => reject(new BadRequestError(`at most ${MAX_SNAPSHOT_FILES} files`, [{ field: 'file', message: `at most ${MAX_SNAPSHOT_FILES} files in one import` }])));
    parser.on('error', (error: Error) => reject(new BadRequestError('the multipart body is malformed', [{ field: '', message: error.message }])));
    parser.on('close', () => resolve());
    req.pipe(parser);
  });
  return Promise.all(files);
}
