/**
 * Connection strings of EventStoreDB and KurrentDB for @eventstore/db-client 6.x.
 *
 * KurrentDB (25+) names its scheme `kurrentdb://` (and `kurrentdb+discover://`, or `kdb://` and
 * `kdb+discover://`); the wire protocol the 6.x client speaks is unchanged, so those schemes are
 * rewritten to `esdb://` / `esdb+discover://` and everything after the scheme is kept as given.
 */

const SCHEME = /^(esdb|kurrentdb|kdb)(\+discover)?:\/\//i;

/** The schemes accepted in ESDB_CONNECTION_STRING / KURRENTDB_CONNECTION_STRING (config.ts). */
export const CONNECTION_STRING_SCHEMES = ['esdb://', 'esdb+discover://', 'kurrentdb://', 'kurrentdb+discover://', 'kdb://', 'kdb+discover://'];

export function isSupportedConnectionString(value: string): boolean {
  return SCHEME.test(value);
}

/** The connection string in the client's own scheme (esdb:// or esdb+discover://). */
export function toClientConnectionString(value: string): string {
  if (!isSupportedConnectionString(value)) {
    throw new RangeError(`a connection string must start with one of ${CONNECTION_STRING_SCHEMES.join(', ')}`);
  }
  return value.replace(SCHEME, (_, _scheme: string, discover: string | undefined) => `esdb${discover ?? ''}://`);
}

export interface ConnectionFacts {
  /** user:password given before the hosts, if any (percent-decoded). */
  credentials?: { username: string; password: string };
  /** tls=false: the client talks plain gRPC and ignores call credentials. */
  insecure: boolean;
}

/** What the adapter needs to know of a connection string beyond what the client parses itself. */
export function connectionFacts(value: string): ConnectionFacts {
  const rest = value.replace(SCHEME, '');
  const at = rest.indexOf('@');
  const slashOrQuery = rest.search(/[/?]/);
  const userInfo = at >= 0 && (slashOrQuery < 0 || at < slashOrQuery) ? rest.slice(0, at) : undefined;
  const query = rest.includes('?') ? rest.slice(rest.indexOf('?') + 1) : '';
  // The client reads option names case-insensitively.
  const tls = [...new URLSearchParams(query)].find(([key]) => key.toLowerCase() === 'tls')?.[1];
  const facts: ConnectionFacts = { insecure: tls?.toLowerCase() === 'false' };
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(':');
    const username = decodeURIComponent(colon < 0 ? userInfo : userInfo.slice(0, colon));
    const password = colon < 0 ? '' : decodeURIComponent(userInfo.slice(colon + 1));
    facts.credentials = { username, password };
  }
  return facts;
}
