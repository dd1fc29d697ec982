/**
 * The part of @eventstore/db-client's EventStoreDBClient that the adapter uses, so that the
 * adapter can run over the real client or over a model of the server (tests). The real client
 * satisfies it as it is (checked by the assignment in connectEsdb).
 */
import {
  EventStoreDBClient,
  type AllStreamResolvedEvent,
  type AppendResult,
  type AppendToStreamOptions,
  type Credentials,
  type EventData,
  type GetStreamMetadataOptions,
  type GetStreamMetadataResult,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import { connectionFacts, toClientConnectionString } from './esdb-connection-string.ts';

/** A catch-up subscription to $all, as the client's AllStreamSubscription is used. */
export interface EsdbAllSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  on(event: 'error', listener: (error: Error) => void): unknown;
  unsubscribe(): Promise<void>;
  destroy(): unknown;
}

export interface EsdbClient {
  appendToStream(streamName: string, events: EventData[], options: AppendToStreamOptions): Promise<AppendResult>;
  readStream(streamName: string, options: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: ReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): EsdbAllSubscription;
  getStreamMetadata(streamName: string, options?: GetStreamMetadataOptions): Promise<GetStreamMetadataResult>;
  dispose(): Promise<void>;
}

export interface EsdbConnection {
  client: EsdbClient;
  /**
   * Credentials passed with every append. With credentials on the call the client uses its
   * unary Append call instead of BatchAppend, whose pending appends live in one map shared by
   * every client of the process (one client's broken stream fails the others' appends) and whose
   * failure results report a wrong current revision. In insecure mode (tls=false) the client
   * ignores call credentials, so any will do; with TLS they are the connection string's user.
   * Undefined (TLS without a user in the connection string): the client's BatchAppend is used.
   */
  appendCredentials?: Credentials;
}

export function connectEsdb(connectionString: string): EsdbConnection {
  const facts = connectionFacts(connectionString);
  const client: EsdbClient = EventStoreDBClient.connectionString(toClientConnectionString(connectionString));
  const appendCredentials = facts.credentials ?? (facts.insecure ? { username: 'orgtrail', password: 'ignored-in-insecure-mode' } : undefined);
  return appendCredentials === undefined ? { client } : { client, appendCredentials };
}
