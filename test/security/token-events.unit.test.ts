/**
 * The token system events against their schemas (events/system/token-*.v1.ts): a complete
 * fixture validates, a secret in place of the hash or an unknown role does not.
 */
import { describe, expect, it } from 'vitest';
import { validateSystemEvent } from '../../events/system-catalogue.ts';
import type { SystemEventMetadata, TokenIssued, TokenRevoked } from '../../events/system/types.ts';
import { InvalidEventError } from '../../src/errors.ts';

const metadata: SystemEventMetadata = { schemaVersion: 1, recordedBy: 'admin (bootstrap)', correlationId: 'c1', causationId: null };
const issued: Required<TokenIssued> = { tokenId: 'tk_0123456789abcdef', name: 'Ufficio Statistica', role: 'editor', secretSha256: 'a'.repeat(64) };
const revoked: Required<TokenRevoked> = { tokenId: 'tk_0123456789abcdef' };

describe('token system events', () => {
  it('validates complete TokenIssued and TokenRevoked events', () => {
    expect(validateSystemEvent({ type: 'TokenIssued', data: issued, metadata }).type).toBe('TokenIssued');
    expect(validateSystemEvent({ type: 'TokenRevoked', data: revoked, metadata }).type).toBe('TokenRevoked');
  });

  it('refuses a secret where the hash goes, an unknown role, and extra fields', () => {
    for (const data of [{ ...issued, secretSha256: 'otk_abcdef' }, { ...issued, role: 'root' }, { ...issued, token: 'otk_x' }]) {
      expect(() => validateSystemEvent({ type: 'TokenIssued', data, metadata })).toThrow(InvalidEventError);
    }
  });
});
