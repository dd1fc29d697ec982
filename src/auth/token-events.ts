/**
 * Where and how tokens are recorded: TokenIssued / TokenRevoked system events (schemas in
 * events/system/, validated by events/system-catalogue.ts) in a stream of their own. They hold
 * only the SHA-256 hash of a token, never the token. The read models ignore them.
 */
import { SYSTEM_STREAMS } from '../../events/system-catalogue.ts';

/** Not an org stream (org streams start with `org-`, `objective-`, `indicator-`). */
export const TOKEN_STREAM = SYSTEM_STREAMS.tokens;

/** As in events/system/token-issued.v1.ts. */
export const TOKEN_NAME_MAX = 100;
export const TOKEN_ID_PATTERN = /^tk_[A-Za-z0-9_-]{16}$/;
