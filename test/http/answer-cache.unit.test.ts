/** The answer cache is bounded by bytes: old answers go first, a too-large one is never kept. */
import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../src/http/answers/answer-cache.ts';

describe('AnswerCache', () => {
  it('stays within its byte bound, dropping the least recently used answers', () => {
    const cache = new AnswerCache(10_000);
    for (let i = 0; i < 100; i++) cache.set(`key-${i}`, { tail: 'x'.repeat(1_000), revision: undefined });
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeLessThan(10);
    expect(cache.get('key-0')).toBeUndefined();
    expect(cache.get('key-99')?.tail).toHaveLength(1_000);
  });

  it('does not keep an answer larger than the whole bound', () => {
    const cache = new AnswerCache(1_000);
    cache.set('big', { tail: 'x'.repeat(5_000), revision: 3 });
    expect(cache.get('big')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('counts the compressed form kept with an answer', () => {
    const cache = new AnswerCache(100_000);
    cache.set('a', { tail: 'x'.repeat(1_000), revision: undefined });
    const plain = cache.bytes;
    cache.set('a', { tail: 'x'.repeat(1_000), revision: undefined, compressed: { asKnownAt: '2024-01-01T00:00:00.000Z', encoding: 'gzip', body: Buffer.alloc(500) } });
    expect(cache.bytes).toBe(plain + 500);
  });

  it('keeps nothing with a bound of 0', () => {
    const cache = new AnswerCache(0);
    cache.set('a', { tail: 'x', revision: undefined });
    expect(cache.get('a')).toBeUndefined();
  });
});
