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
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
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

  it('given docker-compose.yml, then the image is written once (an anchor every node refers to)', () => {
    expect(composeText.split(ESDB_IMAGE).length - 1).toBe(1);
  });

  it('given every EventStoreDB node, then it is healthy only once its gossip shows a live leader, and every orgtrail service waits for that', () => {
    const nodes = services.filter(([, service]) => isEventStoreImage(service.image ?? ''));
    for (const [, node] of nodes) {
      const command = node.healthcheck?.test?.join(' ') ?? '';
      expect(command).toMatch(/\/gossip/);
      expect(command).toMatch(/"state":"Leader","isAlive":true/);
      expect(command).not.toMatch(/health\/live/);
    }
    const orgtrails = services.filter(([name]) => name.startsWith('orgtrail'));
    expect(orgtrails.length).toBeGreaterThanOrEqual(3);
    for (const [name, service] of orgtrails) {
      const waitsFor = Object.entries(service.depends_on ?? {}).filter(([, dependency]) => dependency.condition === 'service_healthy').map(([node]) => node);
      expect({ name, waitsForNodes: waitsFor.length > 0 && waitsFor.every((node) => nodes.some(([n]) => n === node)) }).toEqual({ name, waitsForNodes: true });
    }
  });

  it('given the cluster profile, then each orgtrail instance connects with all three nodes listed and prefers the leader', () => {
    for (const name of ['orgtrail-1', 'orgtrail-2']) {
      const connection = compose.services[name]?.environment?.ESDB_CONNECTION_STRING ?? '';
      expect(connection).toMatch(/^esdb:\/\/n1:2113,n2:2113,n3:2113\?/);
      expect(new URLSearchParams(connection.split('?')[1]).get('nodePreference')).toBe('leader');
    }
  });

  it('given the cluster profile, then it has three EventStoreDB nodes and the development node is outside it', () => {
    const inCluster = services.filter(([, service]) => service.profiles?.includes('cluster') && isEventStoreImage(service.image ?? ''));

    expect(inCluster.map(([name]) => name).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(compose.services.eventstore?.profiles).toBeUndefined();
  });
});
