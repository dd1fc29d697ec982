/**
 * The one EventStoreDB image orgtrail is built and tested against: 24.10, the last LTS
 * released under the EventStoreDB name (the 6.x client targets it). docker-compose.yml
 * uses exactly this image for every node (test/unit/esdb-image.unit.test.ts checks it), and
 * the contract test starts it with testcontainers (test/support/esdb-availability.ts).
 */
export const ESDB_IMAGE = 'eventstore/eventstore:24.10';
