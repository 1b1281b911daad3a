import { DependencyUnavailableError } from '@baton/failure';
import { ProblemException } from '@baton/service-runtime';
import { EventLogUnavailableError } from '../kafka/event-log.writer';

/**
 * Runs the storing part of a request. Kafka not acknowledging, or Redis (identity links) unreachable, becomes
 * the one 503 of ingest: nothing was stored, retry with the same ids.
 */
export async function storingOr503<T>(store: () => Promise<T>): Promise<T> {
  try {
    return await store();
  } catch (error) {
    const code = error instanceof EventLogUnavailableError ? error.code : error instanceof DependencyUnavailableError ? 'INGEST.IDENTITY_STORE_UNAVAILABLE' : undefined;
    if (code === undefined) throw error;
    throw new ProblemException(503, code, 'a store of ingest is unavailable: nothing was stored, retry later with the same ids', { headers: { 'Retry-After': '5' } });
  }
}
