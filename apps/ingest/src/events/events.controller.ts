import { BadRequestException, Body, Controller, HttpCode, HttpStatus, Post, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { IngestEnv } from '@baton/config';
import { parseEventBatch } from './event-batch.parser';
import { EventLogUnavailableError, IngestEventsUseCase } from './ingest-events.usecase';

export interface EventsAccepted {
  readonly accepted: number;
  readonly eventIds: readonly string[];
}

@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly ingestEvents: IngestEventsUseCase,
    private readonly config: IngestEnv,
  ) {}

  /** 202 only once Kafka stored every event; 400 names every bad field; 503 when nothing could be stored. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async ingest(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<EventsAccepted> {
    const parsed = parseEventBatch(body, this.config.INGEST_MAX_BATCH_SIZE);
    if (!parsed.ok) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'invalid events: nothing was stored', violations: parsed.violations });
    }
    try {
      await this.ingestEvents.execute(parsed.events);
    } catch (error) {
      if (!(error instanceof EventLogUnavailableError)) throw error;
      response.setHeader('Retry-After', '5');
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', code: error.code, message: 'the event log is unavailable: nothing was stored, retry later' });
    }
    return { accepted: parsed.events.length, eventIds: parsed.events.map((event) => event.eventId) };
  }
}
