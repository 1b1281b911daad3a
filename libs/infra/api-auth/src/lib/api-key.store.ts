import type Redis from 'ioredis';
import { generateApiKey, type ApiScope } from '@baton/api-key';

export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

export interface ApiKeyRecord {
  readonly keyId: string;
  /** Which system sends with it: `segment`, `crm`, `website`. */
  readonly source: string;
  readonly scopes: readonly ApiScope[];
  readonly secretHash: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
  /** Its own limit; the service's defaults otherwise. */
  readonly rateLimit?: RateLimit;
}

export interface NewApiKeyRequest {
  readonly source: string;
  readonly scopes: readonly ApiScope[];
  readonly rateLimit?: RateLimit;
}

const INDEX_KEY = 'baton:api-keys';
// The key id is the hash tag: the record and its rate-limit bucket share a Redis Cluster slot.
const recordKey = (keyId: string): string => `baton:api-key:{${keyId}}`;

/**
 * API keys in Redis, shared by every service: one hash per key (the secret only as its SHA-256) and a set of
 * all key ids for listing. Revoking keeps the record, so that a list shows who had access and until when.
 */
export class ApiKeyStore {
  constructor(private readonly redis: Redis) {}

  /** Returns the whole key: the only time it exists outside the caller's hands. */
  async create(request: NewApiKeyRequest, now: Date = new Date()): Promise<{ key: string; record: ApiKeyRecord }> {
    const created = generateApiKey();
    const record: ApiKeyRecord = {
      keyId: created.keyId,
      source: request.source,
      scopes: [...request.scopes],
      secretHash: created.secretHash,
      createdAt: now.toISOString(),
      rateLimit: request.rateLimit,
    };
    await this.redis.hset(recordKey(record.keyId), toHash(record));
    await this.redis.sadd(INDEX_KEY, record.keyId);
    return { key: created.key, record };
  }

  async find(keyId: string): Promise<ApiKeyRecord | undefined> {
    const hash = await this.redis.hgetall(recordKey(keyId));
    return fromHash(hash);
  }

  async list(): Promise<ApiKeyRecord[]> {
    const ids = await this.redis.smembers(INDEX_KEY);
    const records = await Promise.all(ids.map((id) => this.find(id)));
    return records.filter((record) => record !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** False for an unknown key; revoking twice keeps the first time. */
  async revoke(keyId: string, now: Date = new Date()): Promise<boolean> {
    const key = recordKey(keyId);
    if ((await this.redis.exists(key)) === 0) return false;
    await this.redis.hsetnx(key, 'revokedAt', now.toISOString());
    return true;
  }
}

function toHash(record: ApiKeyRecord): Record<string, string> {
  return {
    keyId: record.keyId,
    source: record.source,
    scopes: record.scopes.join(' '),
    secretHash: record.secretHash,
    createdAt: record.createdAt,
    ...(record.rateLimit === undefined ? {} : { ratePerSecond: String(record.rateLimit.perSecond), rateBurst: String(record.rateLimit.burst) }),
  };
}

function fromHash(hash: Record<string, string>): ApiKeyRecord | undefined {
  const { keyId, source, scopes, secretHash, createdAt, revokedAt, ratePerSecond, rateBurst } = hash;
  if (keyId === undefined || secretHash === undefined || source === undefined || createdAt === undefined) return undefined;
  return {
    keyId,
    source,
    scopes: (scopes ?? '').split(' ').filter((scope) => scope !== '') as ApiScope[],
    secretHash,
    createdAt,
    ...(revokedAt === undefined ? {} : { revokedAt }),
    ...(ratePerSecond === undefined || rateBurst === undefined ? {} : { rateLimit: { perSecond: Number(ratePerSecond), burst: Number(rateBurst) } }),
  };
}
