/**
 * EventStoreDB and KurrentDB connection strings: the schemes configuration accepts, the one the
 * 6.x client is given, and what the adapter reads of them (credentials for unary appends, tls).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';
import { connectEsdb } from '../../src/store/eventstoredb/esdb-client.ts';
import { connectionFacts, toClientConnectionString } from '../../src/store/eventstoredb/esdb-connection-string.ts';

describe('connection strings', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['esdb+discover://cluster.example:2113', 'esdb+discover://cluster.example:2113'],
    ['kurrentdb://admin:changeit@n1:2113,n2:2113,n3:2113?nodePreference=leader', 'esdb://admin:changeit@n1:2113,n2:2113,n3:2113?nodePreference=leader'],
    ['kurrentdb+discover://cluster.example:2113?tls=false', 'esdb+discover://cluster.example:2113?tls=false'],
    ['kdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
  ])('given %s, then the client gets %s', (given, client) => {
    expect(toClientConnectionString(given)).toBe(client);
  });

  it('given another scheme, then the client is never given it', () => {
    expect(() => toClientConnectionString('tcp://localhost:1113')).toThrow(/must start with one of esdb:\/\//);
  });

  it('given credentials and tls=false, then both are read (percent-decoded), the hosts left alone', () => {
    expect(connectionFacts('esdb://ops%40pa:s%3Acret@n1:2113,n2:2113?TLS=False&nodePreference=leader')).toEqual({ credentials: { username: 'ops@pa', password: 's:cret' }, insecure: true });
    expect(connectionFacts('kurrentdb+discover://cluster.example:2113')).toEqual({ insecure: false });
  });

  it('given KURRENTDB_CONNECTION_STRING with the kurrentdb scheme, then the service runs on it', () => {
    expect(parseConfig({ KURRENTDB_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false' }).esdbConnectionString).toBe('kurrentdb://localhost:2113?tls=false');
    expect(parseConfig({ ESDB_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false' }).esdbConnectionString).toBe('kurrentdb://localhost:2113?tls=false');
  });

  it('given a connection string with an unknown scheme, or two different ones, then configuration stops naming the variable', () => {
    expect(() => parseConfig({ ESDB_CONNECTION_STRING: 'http://localhost:2113' })).toThrow(/ESDB_CONNECTION_STRING: must start with esdb:\/\//);
    expect(() => parseConfig({ ESDB_CONNECTION_STRING: 'esdb://a:2113', KURRENTDB_CONNECTION_STRING: 'kurrentdb://b:2113' })).toThrow(ConfigError);
  });

  it('given a connection, then appends carry credentials (unary Append) unless TLS is on without a user in the string', async () => {
    const cases = [
      ['esdb://localhost:2113?tls=false', true],
      ['esdb://admin:changeit@localhost:2113', true],
      ['esdb://localhost:2113', false],
    ] as const;
    for (const [connectionString, withCredentials] of cases) {
      const connection = connectEsdb(connectionString);
      expect({ connectionString, withCredentials: connection.appendCredentials !== undefined }).toEqual({ connectionString, withCredentials });
      await connection.client.dispose();
    }
  });
});
