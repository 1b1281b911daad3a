import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequiresScope } from '@baton/api-auth';
import { IngestEnv } from '@baton/config';
import { BatonMetrics } from '@baton/metrics';
import { prefixViolations } from '@baton/contracts';
import { invalidRequest } from '@baton/service-runtime';
import { answerItems, refuseWhenNothingValid, rejectedCount } from '../http/item-results';
import { IngestSegmentApiDocs } from '../http/segment.api-docs';
import { storingOr503 } from '../http/store-unavailable.problem';
import { IngestSegmentUseCase } from './ingest-segment.usecase';
import { SegmentEventNameMap } from './segment-event-name.map';
import { parseSegmentRequest } from './segment-message.parser';

/**
 * `POST /v1/segment`: Segment's spec (track, identify, page, screen, group, alias; one call or a `batch`), so
 * that a Segment or RudderStack webhook destination points at Baton unchanged. The key may come as Segment
 * sends a write key (Basic, as user name). Answers like /v1/events: 202, 207 with per-item results, 400, 503.
 */
@ApiTags('segment')
@Controller('v1/segment')
export class SegmentController {
  constructor(
    private readonly ingestSegment: IngestSegmentUseCase,
    private readonly config: IngestEnv,
    @Inject(SegmentEventNameMap) private readonly eventNames: SegmentEventNameMap,
    private readonly metrics: BatonMetrics,
  ) {}

  @Post()
  @RequiresScope('events:write')
  @ApiOperation({
    summary: 'Store Segment calls',
    description:
      'Segment spec calls (track, identify, page, screen, group, alias), one or a `batch`, as a Segment or RudderStack webhook destination sends them. Each call is judged alone: 202 all stored, 207 some refused (per-item results), 400 none valid.',
  })
  @IngestSegmentApiDocs()
  async ingest(@Body() body: unknown, @Res() response: Response): Promise<void> {
    const parsed = parseSegmentRequest(body, { now: new Date(), maxFutureSkewMs: this.config.API_MAX_FUTURE_SKEW_MS, maxBatchSize: this.config.INGEST_MAX_BATCH_SIZE, eventNames: this.eventNames });
    if (!parsed.ok) {
      this.metrics.eventsRejected.inc({ endpoint: 'segment' });
      throw invalidRequest('invalid request: nothing was stored', parsed.violations);
    }
    const results = await storingOr503(() => this.ingestSegment.execute(parsed.messages));
    // Errors name the field as the sender wrote it, inside its batch.
    const named = parsed.batch ? results.map((result) => (result.status === 'rejected' ? { ...result, errors: prefixViolations(`batch[${result.index}]`, result.errors) } : result)) : results;
    this.metrics.eventsRejected.inc({ endpoint: 'segment' }, rejectedCount(named));
    refuseWhenNothingValid(named, 'message');
    answerItems(named, response);
  }
}
