/**
 * Bearer tokens, kept in the event store (TokenIssued / TokenRevoked in TOKEN_STREAM) so that
 * every instance sharing the store agrees on them. A presented secret is hashed and looked up
 * by its hash; the secret itself is returned once, by `issue`, and stored nowhere.
 *
 * Revocation is immediate: before answering, `authenticate` asks the store for the token
 * stream's revision and folds any event it has not seen yet, so a token revoked on another
 * instance is refused by the next request here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SEED_PRINCIPAL } from '../../seeds/plan/seed-command.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { EventStore, RecordedEvent } from '../store/event-store.ts';
import type { Principal, Role } from './roles.ts';
import { validateSystemEvent } from '../../events/system-catalogue.ts';
import type { SystemEventMetadata, TokenIssued, TokenRevoked } from '../../events/system/types.ts';
import { TOKEN_STREAM } from './token-events.ts';
import { newTokenSecret, sameHash, tokenHash } from './token-secret.ts';

/** The principal of ORGTRAIL_ADMIN_TOKEN. */
export const BOOTSTRAP_ADMIN: Principal = { name: 'admin (bootstrap)', tokenId: 'bootstrap', role: 'admin' };

/** A token as listed: never its secret nor its hash. */
export interface TokenSummary {
  tokenId: string;
  name: string;
  role: Role;
  /** System time: when the store recorded the issue. */
  issuedAt: string;
  issuedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** The answer to an issue: the only time the secret is shown. */
export interface IssuedToken {
  token: string;
  tokenId: string;
  name: string;
  role: Role;
}

export interface TokenService {
  /** The principal of a presented secret, or undefined (unknown or revoked). */
  authenticate(secret: string): Promise<Principal | undefined>;
  issue(input: { name: string; role: Role }, issuedBy: Principal): Promise<IssuedToken>;
  list(): Promise<TokenSummary[]>;
  /** Idempotent; NotFoundError for an id never issued. */
  revoke(tokenId: string, revokedBy: Principal): Promise<TokenSummary>;
}

/** Principals that are not tokens of the store. */
const RESERVED_NAMES = new Set([BOOTSTRAP_ADMIN.name, SEED_PRINCIPAL].map((n) => n.toLowerCase()));

interface TokenRecord extends TokenSummary {
  secretSha256: string;
}

export function createTokenService({ store, adminToken }: { store: EventStore; adminToken: string | undefined }): TokenService {
  const adminHash = adminToken === undefined ? undefined : tokenHash(adminToken);
  const byId = new Map<string, TokenRecord>();
  const idByHash = new Map<string, string>();
  let revision = -1;

  /** Fails closed: an event of the token stream that does not validate stops authentication (a 500). */
  function apply(recorded: RecordedEvent): void {
    if (recorded.revision <= revision) return;
    const event = validateSystemEvent(recorded);
    revision = recorded.revision;
    const recordedBy = event.metadata.recordedBy;
    if (event.type === 'TokenIssued') {
      const { tokenId, name, role, secretSha256 } = event.data;
      byId.set(tokenId, { tokenId, name, role, secretSha256, issuedAt: recorded.recordedAt, issuedBy: recordedBy, revokedAt: null, revokedBy: null });
      idByHash.set(secretSha256, tokenId);
    } else if (event.type === 'TokenRevoked') {
      const record = byId.get(event.data.tokenId);
      if (!record || record.revokedAt !== null) return;
      record.revokedAt = recorded.recordedAt;
      record.revokedBy = recordedBy;
      idByHash.delete(record.secretSha256);
    }
  }

  /** Folds the token events recorded since the last look (by any instance). */
  async function refresh(): Promise<void> {
    const head = await store.streamRevision(TOKEN_STREAM);
    if (head === null || head <= revision) return;
    for (const event of await store.readStream(TOKEN_STREAM, { fromRevision: revision + 1 })) apply(event);
  }

  /** Appends on the revision just folded: a concurrent change makes it a 409, never a lost check. */
  async function append(type: 'TokenIssued' | 'TokenRevoked', data: TokenIssued | TokenRevoked, by: Principal): Promise<void> {
    const metadata: SystemEventMetadata = { schemaVersion: 1, recordedBy: by.name, correlationId: randomUUID(), causationId: null };
    validateSystemEvent({ type, data, metadata });
    await store.append(TOKEN_STREAM, [{ type, data, metadata }], { expectedRevision: revision === -1 ? 'no_stream' : revision });
    await refresh();
  }

  /** A name identifies one active token, so `recordedBy` names one principal at a time. */
  function assertNameFree(name: string): void {
    const taken = RESERVED_NAMES.has(name.toLowerCase()) || [...byId.values()].some((t) => t.revokedAt === null && t.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new ConflictError(`the name ${name} is taken by an active token or reserved`);
  }

  const summary = ({ secretSha256: _hash, ...rest }: TokenRecord): TokenSummary => ({ ...rest });

  return {
    async authenticate(secret) {
      const hash = tokenHash(secret);
      if (adminHash !== undefined && sameHash(hash, adminHash)) return BOOTSTRAP_ADMIN;
      await refresh();
      const tokenId = idByHash.get(hash);
      const record = tokenId === undefined ? undefined : byId.get(tokenId);
      return record && record.revokedAt === null && sameHash(hash, record.secretSha256) ? { name: record.name, tokenId: record.tokenId, role: record.role } : undefined;
    },

    async issue({ name, role }, issuedBy) {
      await refresh();
      assertNameFree(name);
      const token = newTokenSecret();
      const tokenId = `tk_${randomBytes(12).toString('base64url')}`;
      await append('TokenIssued', { tokenId, name, role, secretSha256: tokenHash(token) }, issuedBy);
      return { token, tokenId, name, role };
    },

    async list() {
      await refresh();
      return [...byId.values()].map(summary);
    },

    async revoke(tokenId, revokedBy) {
      await refresh();
      const record = byId.get(tokenId);
      if (!record) throw new NotFoundError(`no token ${tokenId}`);
      if (record.revokedAt === null) await append('TokenRevoked', { tokenId }, revokedBy);
      return summary(record);
    },
  };
}
