import { readFileSync } from 'node:fs';
import Redis, { type RedisOptions as IORedisOptions } from 'ioredis';
import type { ConnectionSecurityEnv } from '@baton/config';

export type RedisSecuritySettings = Pick<ConnectionSecurityEnv, 'REDIS_USERNAME' | 'REDIS_PASSWORD' | 'REDIS_TLS_CA_FILE'>;

/**
 * A client that fails a command within seconds while Redis is down (instead of queueing it forever), so
 * that consumers can tell an outage apart and wait it out, and keeps reconnecting in the background.
 * TLS comes from a `rediss://` URL (with REDIS_TLS_CA_FILE for a private CA); REDIS_USERNAME and
 * REDIS_PASSWORD, when set, win over the URL's, so that the secret can live apart from the address.
 */
export function createRedisClient(url: string, connectionName: string, security: RedisSecuritySettings = {}): Redis {
  return new Redis(url, {
    connectionName,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: 3000,
    // Commands issued in the same tick (a slice's leads, handled at once) go out in one write: without it each is a
    // syscall of its own, which the pipeline benchmark found to be the biggest CPU cost of lifecycle.
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...redisSecurityOf(url, security),
  });
}

export function redisSecurityOf(url: string, security: RedisSecuritySettings): Pick<IORedisOptions, 'username' | 'password' | 'tls'> {
  // rediss:// turns TLS on by itself; the configuration refuses a CA file with a redis:// URL.
  const tls = security.REDIS_TLS_CA_FILE === undefined || !url.startsWith('rediss://') ? undefined : { ca: readCa(security.REDIS_TLS_CA_FILE) };
  return {
    ...(security.REDIS_USERNAME === undefined ? {} : { username: security.REDIS_USERNAME }),
    ...(security.REDIS_PASSWORD === undefined ? {} : { password: security.REDIS_PASSWORD }),
    ...(tls === undefined ? {} : { tls }),
  };
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the Redis CA file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const UNAVAILABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTCONN|Connection is closed|max retries per request|Stream isn't writeable|LOADING|connect ETIMEDOUT/i;

/** True when the error says Redis could not be reached, not that the command itself was wrong. */
export function isRedisUnavailable(error: unknown): boolean {
  return error instanceof Error && (error.name === 'MaxRetriesPerRequestError' || UNAVAILABLE.test(error.message));
}
