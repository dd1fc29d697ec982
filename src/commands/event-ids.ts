/**
 * Event ids. With an idempotency key, ids are derived deterministically (a name-based
 * UUID, version 5 layout over SHA-1), so a retried command re-appends the same ids and
 * the store's idempotency turns it into a no-op; without one they are random.
 */
import { createHash, randomUUID } from 'node:crypto';

export function eventIds(count: number, idempotencyKey: string | undefined): string[] {
  return Array.from({ length: count }, (_, index) => (idempotencyKey ? nameBasedUuid(`${idempotencyKey}#${index}`) : randomUUID()));
}

export function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(`orgtrail:${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
