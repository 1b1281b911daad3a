import { DependencyUnavailableError } from '@baton/failure';
import { isRedisUnavailable } from './redis-client.factory';

/**
 * Runs a Redis operation for a consumer: an outage becomes DependencyUnavailableError, so the consumer waits
 * and retries instead of dead-lettering good messages; any other error passes as it is.
 */
export async function callRedis<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw isRedisUnavailable(error) ? new DependencyUnavailableError('redis', error) : error;
  }
}
