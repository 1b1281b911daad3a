import { BadRequestException, Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IngestEnv } from '@baton/config';
import { eventLogUnavailable } from '../http/event-log-unavailable.response';
import { EventLogUnavailableError } from '../kafka/event-log.writer';
import { parseEventBatch } from './event-batch.parser';
import { IngestEventsUseCase } from './ingest-events.usecase';

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
      throw eventLogUnavailable(error, response);
    }
    return { accepted: parsed.events.length, eventIds: parsed.events.map((event) => event.eventId) };
  }
}
