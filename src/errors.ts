/**
 * The application's error hierarchy. Every error a client can cause is one of these;
 * the Express edge maps them once to application/problem+json (src/http/problem.ts).
 * Anything else that escapes is a bug and becomes a 500 without details.
 */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'not_acceptable'
  | 'conflict'
  | 'precondition_failed'
  | 'unprocessable'
  | 'idempotency_key_reused'
  | 'wrong_expected_revision'
  | 'invalid_event'
  | 'stream_deleted'
  | 'payload_too_large'
  | 'unavailable'
  | 'store_access_denied'
  | 'too_many_requests'
  | 'storage_full'
  | 'malformed_snapshot';

export interface FieldProblem {
  /** JSON-pointer-like path of the offending field, e.g. "changes/2/parentId". */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, problems: FieldProblem[] = []) {
    super('bad_request', 400, message, problems);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, problems: FieldProblem[] = []) {
    super('not_found', 404, message, problems);
  }
}

/** The client accepts no form this resource has (e.g. `Accept: application/pdf` on a history). */
export class NotAcceptableError extends AppError {
  constructor(message: string) {
    super('not_acceptable', 406, message, [{ field: 'Accept', message }]);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', 409, message);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(message: string) {
    super('precondition_failed', 412, message);
  }
}

/** A well-formed command that is invalid against the state at its effective date. */
export class UnprocessableError extends AppError {
  constructor(message: string, problems: FieldProblem[]) {
    super('unprocessable', 422, message, problems);
  }
}

/** An Idempotency-Key already used for a different command (another body or target): nothing is appended. */
export class IdempotencyKeyReusedError extends AppError {
  constructor(reason: string) {
    super('idempotency_key_reused', 422, `the Idempotency-Key was ${reason}; use a new key for a new command`, [{ field: 'Idempotency-Key', message: reason }]);
  }
}

/** The one concurrency error every store adapter translates its vendor error into. */
export class WrongExpectedRevisionError extends AppError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super('wrong_expected_revision', 409, `stream ${streamId}: expected revision ${expected}, actual ${actual}`);
  }
}

/** An event that does not match its JSON Schema; it never reaches the store. */
export class InvalidEventError extends AppError {
  constructor(type: string, problems: FieldProblem[]) {
    super('invalid_event', 500, `event ${type} is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
  }
}

/**
 * The stream was deleted in the store (EventStoreDB: soft-deleted or tombstoned by an operator;
 * orgtrail itself never deletes). It is never written again: its hash chain ends there.
 */
export class StreamDeletedError extends AppError {
  constructor(readonly streamId: string) {
    super('stream_deleted', 410, `stream ${streamId} was deleted in the event store; orgtrail never writes to a deleted stream again`);
  }
}

/** One append is larger than the store accepts (EventStoreDB: MaxAppendSize, 1 MiB by default). Nothing was appended. */
export class AppendTooLargeError extends AppError {
  constructor(
    readonly streamId: string,
    readonly maxAppendSize: number,
  ) {
    super('payload_too_large', 413, `the events for stream ${streamId} are larger than the event store accepts in one append (${maxAppendSize} bytes)`);
  }
}

/**
 * A position that is not the position of an event of this store (EventStoreDB positions are log
 * offsets: not every number is one). Nothing was read.
 */
export class InvalidPositionError extends BadRequestError {
  constructor(readonly position: number) {
    super(`position ${position} is not the position of an event in this store`, [{ field: 'position', message: 'not an event position of this store' }]);
  }
}

/** A refusal that says when to try again: the edge answers it with its status, problem and Retry-After (seconds). */
export class RetryLaterError extends AppError {
  constructor(code: ErrorCode, status: number, message: string, readonly retryAfterSeconds: number, problems: FieldProblem[] = []) {
    super(code, status, message, problems);
  }
}

export class UnavailableError extends RetryLaterError {
  constructor(message: string, retryAfterSeconds = 5, code: 'unavailable' | 'store_access_denied' = 'unavailable') {
    super(code, 503, message, retryAfterSeconds);
  }
}

/** The event store refused the service's own credentials: an operator must fix its user or ACLs; retrying does not help soon. */
export class StoreAccessDeniedError extends UnavailableError {
  constructor(message: string) {
    super(message, 60, 'store_access_denied');
  }
}

/**
 * The store has no room for the write (disk full, or SQLite's page limit): 507, nothing of it
 * was appended, and the same request succeeds once space is freed (no restart needed).
 */
export class StorageFullError extends RetryLaterError {
  constructor(detail: string, retryAfterSeconds = 30) {
    super('storage_full', 507, `the event store has no space left for this write (${detail}); nothing was appended: retry once space is freed`, retryAfterSeconds);
  }
}

/** A per-client bound reached (e.g. open live streams); the client may retry after some have ended. */
export class TooManyRequestsError extends RetryLaterError {
  constructor(message: string, problems: FieldProblem[], retryAfterSeconds = 5) {
    super('too_many_requests', 429, message, retryAfterSeconds, problems);
  }
}
