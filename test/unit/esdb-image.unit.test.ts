/**
 * One EventStoreDB version everywhere: every EventStoreDB image in docker-compose.yml is
 * exactly ESDB_IMAGE, the image the contract test runs against, so the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ESDB_IMAGE } from '../../src/store/eventstoredb/esdb-image.ts';

const composeText = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
const isEventStoreImage = (image: string) => /eventstore|kurrent/i.test(image);

interface ComposeService {
  image?: string;
  profiles?: string[];
}

describe('EventStoreDB image', () => {
  const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };
  const services = Object.entries(compose.services);

  it('is a pinned eventstore/eventstore tag', () => {
    expect(ESDB_IMAGE).toMatch(/^eventstore\/eventstore:\d+\.\d+(\.\d+)?$/);
  });

  it('given docker-compose.yml, then every EventStoreDB service (anchors merged) uses exactly ESDB_IMAGE', () => {
    const eventStoreServices = services.filter(([, service]) => isEventStoreImage(service.image ?? ''));

    expect(eventStoreServices.map(([name]) => name).sort()).toEqual(['eventstore', 'n1', 'n2', 'n3']);
    for (const [name, service] of eventStoreServices) expect({ name, image: service.image }).toEqual({ name, image: ESDB_IMAGE });
  });

  it('given docker-compose.yml, then no other EventStoreDB image is named anywhere in it, comments included', () => {
    const named = composeText.match(/eventstore\/eventstore[:@][^\s"'#,]*|[\w.-]*kurrent[\w.-]*\/[\w./-]*[:@][^\s"'#,]*/gi) ?? [];

    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set([ESDB_IMAGE]));
  });

  it('given the cluster profile, then it has three EventStoreDB nodes and the development node is outside it', () => {
    const inCluster = services.filter(([, service]) => service.profiles?.includes('cluster') && isEventStoreImage(service.image ?? ''));

    expect(inCluster.map(([name]) => name).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(compose.services.eventstore?.profiles).toBeUndefined();
  });
});
