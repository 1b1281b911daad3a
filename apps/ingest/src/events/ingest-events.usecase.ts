import { Injectable, Logger } from '@nestjs/common';
import { IngestEnv } from '@baton/config';
import { encodeLeadKey, ENGAGEMENT_EVENTS_TOPIC, type EngagementEventV1 } from '@baton/contracts';
import { describeError, EventProducer } from '@baton/kafka';

export class EventLogUnavailableError extends Error {
  readonly code = 'INGEST.EVENT_LOG_UNAVAILABLE';
}

/** Stores accepted events on the engagement topic, keyed by lead; resolves only once Kafka acknowledged. */
@Injectable()
export class IngestEventsUseCase {
  private readonly logger = new Logger(IngestEventsUseCase.name);

  constructor(
    private readonly producer: EventProducer,
    private readonly config: IngestEnv,
  ) {}

  async execute(events: readonly EngagementEventV1[]): Promise<void> {
    const messages = events.map((event) => ({ key: encodeLeadKey(event.leadId), value: JSON.stringify(event) }));
    try {
      await this.producer.send(ENGAGEMENT_EVENTS_TOPIC, messages, this.config.INGEST_PRODUCE_TIMEOUT_MS);
    } catch (error) {
      this.logger.error(`could not store ${events.length} event(s): ${describeError(error)}`);
      throw new EventLogUnavailableError(describeError(error));
    }
    this.logger.debug(`stored ${events.length} event(s): ${events.map((event) => `${event.leadId}/${event.eventId}`).join(', ')}`);
  }
}
