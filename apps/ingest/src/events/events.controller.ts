import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequiresScope } from '@baton/api-auth';
import { IngestEnv } from '@baton/config';
import { BatonMetrics } from '@baton/metrics';
import { invalidRequest } from '@baton/service-runtime';
import { storingOr503 } from '../http/store-unavailable.problem';
import { answerItems, refuseWhenNothingValid, rejectedCount, type ItemResult } from '../http/item-results';
import { parseEventBatch } from './event-batch.parser';
import { IngestEventsApiDocs } from './events.api-docs';
import { IngestEventsUseCase } from './ingest-events.usecase';

export type StoredEvent = { readonly eventId: string };

@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly ingestEvents: IngestEventsUseCase,
    private readonly config: IngestEnv,
    private readonly metrics: BatonMetrics,
  ) {}

  /** Stores every valid event once Kafka acknowledged it: 202 all, 207 some (per-item results), 400 none, 503 nothing stored. */
  @Post()
  @RequiresScope('events:write')
  @ApiOperation({
    summary: 'Store engagement events',
    description:
      'One event or a batch. Each event is judged alone: the valid ones are stored on `baton.engagement-events.v1` (keyed by lead id) and the answer comes only once Kafka acknowledged them; a resent `eventId` counts once downstream.',
  })
  @IngestEventsApiDocs()
  async ingest(@Body() body: unknown, @Res() response: Response): Promise<void> {
    const parsed = parseEventBatch(body, { maxBatchSize: this.config.INGEST_MAX_BATCH_SIZE, now: new Date(), maxFutureSkewMs: this.config.API_MAX_FUTURE_SKEW_MS });
    if (!parsed.ok) {
      // A request of the wrong shape counts as one refused item: its events cannot be told apart.
      this.metrics.eventsRejected.inc({ endpoint: 'events' });
      throw invalidRequest('invalid request: nothing was stored', parsed.errors);
    }
    const results = parsed.items.map((item): ItemResult<StoredEvent> =>
      'value' in item ? { index: item.index, status: 'stored', eventId: item.value.eventId } : { index: item.index, status: 'rejected', errors: item.errors },
    );
    this.metrics.eventsRejected.inc({ endpoint: 'events' }, rejectedCount(results));
    refuseWhenNothingValid(results, 'event');
    await storingOr503(() => this.ingestEvents.execute(parsed.items.flatMap((item) => ('value' in item ? [item.value] : []))));
    answerItems(results, response);
  }
}
