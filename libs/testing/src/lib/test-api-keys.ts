import Redis from 'ioredis';
import { ApiKeyStore, type RateLimit } from '@baton/api-auth';
import type { ApiScope } from '@baton/api-key';

/** Runs one operation on the key store of the Redis at `redisUrl`, with a connection of its own. */
async function withKeyStore<T>(redisUrl: string, operation: (store: ApiKeyStore) => Promise<T>): Promise<T> {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  try {
    await redis.connect();
    return await operation(new ApiKeyStore(redis));
  } finally {
    redis.disconnect();
  }
}

/** A new API key, as `npm run api-keys -- create` makes one. */
export async function createTestApiKey(redisUrl: string, scopes: readonly ApiScope[], rateLimit?: RateLimit): Promise<{ key: string; keyId: string }> {
  const { key, record } = await withKeyStore(redisUrl, (store) => store.create({ source: 'tests', scopes, rateLimit }));
  return { key, keyId: record.keyId };
}

export async function revokeTestApiKey(redisUrl: string, keyId: string): Promise<void> {
  await withKeyStore(redisUrl, (store) => store.revoke(keyId));
}
