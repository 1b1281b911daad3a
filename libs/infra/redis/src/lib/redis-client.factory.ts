import Redis from 'ioredis';

/**
 * A client that fails a command within seconds while Redis is down (instead of queueing it forever), so
 * that consumers can tell an outage apart and wait it out, and keeps reconnecting in the background.
 */
export function createRedisClient(url: string, connectionName: string): Redis {
  return new Redis(url, {
    connectionName,
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

const UNAVAILABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTCONN|Connection is closed|max retries per request|Stream isn't writeable|LOADING|connect ETIMEDOUT/i;

/** True when the error says Redis could not be reached, not that the command itself was wrong. */
export function isRedisUnavailable(error: unknown): boolean {
  return error instanceof Error && (error.name === 'MaxRetriesPerRequestError' || UNAVAILABLE.test(error.message));
}
