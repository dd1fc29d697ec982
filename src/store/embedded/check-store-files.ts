/**
 * The embedded store's files, checked before SQLite opens the database (opening applies a WAL
 * and rolls back a hot journal, so whatever is wrong must be found first). Reads only: a refusal
 * changes nothing on disk.
 *
 * Refused, each with a StoreFileError naming the file, the cause and what to do:
 *   - a database that is not an SQLite file (garbage), is cut short of the size its header
 *     declares (truncated), or has a schema version newer than this orgtrail knows;
 *   - a sidecar without its database (`-wal`, `-shm` or `-journal` but no orgtrail.sqlite):
 *     SQLite would create an empty database and adopt the sidecar's content;
 *   - a `-journal` (rollback journal) beside the database: the store runs in WAL mode and never
 *     writes one, and SQLite would roll it back into the database;
 *   - a `-wal` that does not belong to the database. Each store has a random 32-bit identity in
 *     its header's application_id (set at creation, open-event-database.ts), rewritten in every
 *     transaction (sqlite-event-store.ts), so each commit in its WAL carries a page-1 image with
 *     it. The WAL is read as SQLite reads it (header checksum; frames whose salts match the header
 *     and whose cumulative checksum chain holds, up to the last commit frame), and is foreign if
 *     its page size differs, if a committed image of page 1 carries another identity, or if, with
 *     no page-1 image (a writer that does not stamp), a commit declares a database size other
 *     than the database's (a transaction that changes the size always rewrites page 1). A WAL
 *     with no valid commit is applied by nobody (SQLite discards it) and is accepted.
 * Not refused: a `-shm` beside the database (SQLite rebuilds it from the WAL when the first
 * connection opens), and an empty database without sidecars (a new store, as SQLite treats it).
 * The identity reaches the database file itself at once (the store checkpoints right after
 * setting it), so the file and its WAL agree from the first append on.
 * Known limit: a database file without an identity (a store created before identities, until
 * its first start with them) is checked by size alone, so another store's WAL whose commits
 * declare a size no smaller than this database's is not recognised.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    cause: string,
    remedy: string,
  ) {
    super(`${file}: ${cause}; ${remedy}. Nothing was changed.`);
    this.name = 'StoreFileError';
  }
}

/** The database header's fields this check and the schema check use. */
export interface DatabaseHeader {
  pageSize: number;
  /** Pages the header declares (the file's size in pages where that field is not valid: older writers). */
  declaredPages: number;
  userVersion: number;
  applicationId: number;
}

const SQLITE_MAGIC = 'SQLite format 3\0';
const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const APPLICATION_ID_OFFSET = 68;
const RESTORE = 'restore it from a backup (npm run restore), or point ORGTRAIL_DATA_DIR at the right directory';

export function checkStoreFiles(dbFile: string, knownSchemaVersion: number): void {
  const sidecars = ['-wal', '-shm', '-journal'].map((suffix) => `${dbFile}${suffix}`).filter((path) => existsSync(path));
  if (!existsSync(dbFile)) {
    const [orphan] = sidecars;
    if (orphan !== undefined) throw new StoreFileError(orphan, `a sidecar file without its database ${dbFile}`, 'it belongs to another copy of the store: move it away, or put its database beside it');
    return;
  }
  if (sidecars.includes(`${dbFile}-journal`)) {
    throw new StoreFileError(`${dbFile}-journal`, 'a rollback journal beside a WAL-mode store (orgtrail never writes one), which SQLite would roll back into the database', 'move it away if it is not this store\'s');
  }
  if (statSync(dbFile).size === 0) {
    if (sidecars.includes(`${dbFile}-wal`)) throw new StoreFileError(`${dbFile}-wal`, 'a WAL beside an empty database, which SQLite would adopt', 'move it away, or restore the database it belongs to');
    return;
  }
  const header = readDatabaseHeader(dbFile);
  if (header.userVersion > knownSchemaVersion) {
    throw new StoreFileError(dbFile, `the database has schema version ${header.userVersion}, newer than this orgtrail knows (${knownSchemaVersion})`, 'start the orgtrail version that wrote it, or a newer one');
  }
  if (sidecars.includes(`${dbFile}-wal`)) checkWal(`${dbFile}-wal`, dbFile, header);
}

/** The 100-byte header of an SQLite database file, refusing a file that is not one or is cut short. */
export function readDatabaseHeader(dbFile: string): DatabaseHeader {
  const { size, bytes } = readWhole(dbFile, 100);
  if (bytes.length < 100 || bytes.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new StoreFileError(dbFile, `not an SQLite database (${bytes.length < 100 ? `only ${size} bytes` : 'garbage in its header'})`, RESTORE);
  }
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = bytes.readUInt32BE(28);
  const declaredPages = pages > 0 && bytes.readUInt32BE(24) === bytes.readUInt32BE(92) ? pages : null;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0 || size % pageSize !== 0 || (declaredPages !== null && size < declaredPages * pageSize)) {
    throw new StoreFileError(dbFile, `the database is truncated or damaged (${size} bytes; its header declares ${declaredPages ?? '?'} pages of ${pageSize} bytes)`, RESTORE);
  }
  return { pageSize, declaredPages: declaredPages ?? size / pageSize, userVersion: bytes.readUInt32BE(60), applicationId: bytes.readInt32BE(APPLICATION_ID_OFFSET) };
}

function checkWal(walFile: string, dbFile: string, db: DatabaseHeader): void {
  const wal = readWal(walFile);
  if (wal === undefined || wal.commitSizes.length === 0) return;
  const foreign = (cause: string): never => {
    throw new StoreFileError(walFile, `a WAL that does not belong to ${dbFile} (${cause}); SQLite would replace the store's history with another's`, 'move it away (it holds another store\'s writes), or put it back beside its own database');
  };
  if (wal.pageSize !== db.pageSize) foreign(`its pages are ${wal.pageSize} bytes, the database's ${db.pageSize}`);
  const otherId = db.applicationId === 0 ? undefined : wal.pageOneIds.find((id) => id !== db.applicationId);
  if (otherId !== undefined) foreign(`it carries store identity ${otherId}, the database ${db.applicationId}`);
  const otherSize = wal.commitSizes.find((pages) => pages !== db.declaredPages);
  if (wal.pageOneIds.length === 0 && otherSize !== undefined) {
    foreign(`a commit declares ${otherSize} pages without rewriting the header page; the database has ${db.declaredPages}`);
  }
  const lastSize = wal.commitSizes.at(-1)!;
  if (db.applicationId === 0 && lastSize < db.declaredPages) {
    foreign(`its last commit declares ${lastSize} pages, fewer than the database's ${db.declaredPages}, and the store only grows`);
  }
}

/**
 * What SQLite would apply from a WAL: its page size, and over its committed frames (valid salts
 * and checksum chain, up to the last commit frame) the identities in page-1 images and the
 * database size each commit declares. Undefined for a WAL SQLite ignores (bad magic or header checksum).
 */
function readWal(walFile: string): { pageSize: number; pageOneIds: number[]; commitSizes: number[] } | undefined {
  const fd = openSync(walFile, 'r');
  try {
    const header = Buffer.alloc(WAL_HEADER_BYTES);
    if (readSync(fd, header, 0, WAL_HEADER_BYTES, 0) < WAL_HEADER_BYTES) return undefined;
    const magic = header.readUInt32BE(0);
    if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return undefined;
    const bigEndian = magic === WAL_MAGIC_BE;
    let sum = checksum(header, 0, 24, [0, 0], bigEndian);
    if (sum[0] !== header.readUInt32BE(24) || sum[1] !== header.readUInt32BE(28)) return undefined;
    const pageSize = header.readUInt32BE(8);
    const frame = Buffer.alloc(FRAME_HEADER_BYTES + pageSize);
    const result = { pageSize, pageOneIds: [] as number[], commitSizes: [] as number[] };
    let pending: number[] = [];
    for (let at = WAL_HEADER_BYTES; readSync(fd, frame, 0, frame.length, at) === frame.length; at += frame.length) {
      if (frame.readUInt32BE(8) !== header.readUInt32BE(16) || frame.readUInt32BE(12) !== header.readUInt32BE(20)) break;
      sum = checksum(frame, 0, 8, sum, bigEndian);
      sum = checksum(frame, FRAME_HEADER_BYTES, pageSize, sum, bigEndian);
      if (sum[0] !== frame.readUInt32BE(16) || sum[1] !== frame.readUInt32BE(20)) break;
      if (frame.readUInt32BE(0) === 1) pending.push(frame.readInt32BE(FRAME_HEADER_BYTES + APPLICATION_ID_OFFSET));
      const dbSizeAfterCommit = frame.readUInt32BE(4);
      if (dbSizeAfterCommit !== 0) {
        result.pageOneIds.push(...pending);
        result.commitSizes.push(dbSizeAfterCommit);
        pending = [];
      }
    }
    return result;
  } finally {
    closeSync(fd);
  }
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8) from `at`, continuing from `seed`; words in the WAL's byte order. */
function checksum(bytes: Buffer, at: number, length: number, seed: [number, number], bigEndian: boolean): [number, number] {
  let [s0, s1] = seed;
  for (let i = at; i < at + length; i += 8) {
    s0 = (s0 + (bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i)) + s1) >>> 0;
    s1 = (s1 + (bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4)) + s0) >>> 0;
  }
  return [s0, s1];
}

/** The file's size and up to `limit` of its first bytes. */
function readWhole(file: string, limit: number): { size: number; bytes: Buffer } {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.alloc(Math.min(size, limit));
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { size, bytes: bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}
