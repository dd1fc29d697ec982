/** The security settings fail fast on a bad value, naming the variable, and parse the good ones. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';

describe('security configuration', () => {
  it('has safe defaults: public reads, 1200 requests a minute, no CORS, no trusted proxy', () => {
    expect(parseConfig({}).security).toEqual({ publicReads: true, rateLimitPerMinute: 1200, corsOrigins: [], trustProxy: false });
  });

  it('parses each setting', () => {
    const config = parseConfig({ ORGTRAIL_PUBLIC_READS: 'false', ORGTRAIL_RATE_LIMIT: '0', ORGTRAIL_CORS_ORIGINS: 'https://a.example,http://localhost:8080', ORGTRAIL_TRUST_PROXY: 'loopback, 172.16.0.0/12' });
    expect(config.security).toEqual({ publicReads: false, rateLimitPerMinute: 0, corsOrigins: ['https://a.example', 'http://localhost:8080'], trustProxy: ['loopback', '172.16.0.0/12'] });
    expect(parseConfig({ ORGTRAIL_TRUST_PROXY: '1' }).security.trustProxy).toBe(1);
  });

  for (const [name, value] of [
    ['ORGTRAIL_PUBLIC_READS', 'no'],
    ['ORGTRAIL_RATE_LIMIT', '-1'],
    ['ORGTRAIL_RATE_LIMIT', 'many'],
    ['ORGTRAIL_CORS_ORIGINS', 'https://a.example/'],
    ['ORGTRAIL_CORS_ORIGINS', '*'],
    ['ORGTRAIL_TRUST_PROXY', 'nginx'],
    ['ORGTRAIL_ADMIN_TOKEN', 'short'],
    ['ORGTRAIL_ADMIN_TOKEN', 'a secret with spaces that is long enough to pass'],
  ] as const) {
    it(`refuses ${name}=${value}, naming it`, () => {
      expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
      expect(() => parseConfig({ [name]: value })).toThrow(name);
    });
  }
});
