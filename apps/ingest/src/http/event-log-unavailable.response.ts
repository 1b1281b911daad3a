import { ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import type { EventLogUnavailableError } from '../kafka/event-log.writer';

/** The one 503 answer of ingest: nothing was stored, retry in 5 s with the same ids. */
export function eventLogUnavailable(error: EventLogUnavailableError, response: Response): ServiceUnavailableException {
  response.setHeader('Retry-After', '5');
  return new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', code: error.code, message: 'the event log is unavailable: nothing was stored, retry later' });
}
