import { Injectable, Logger } from '@nestjs/common';
import { encodeLeadKey, ENGAGEMENT_EVENTS_TOPIC, type EngagementEventV1 } from '@baton/contracts';
import { BatonMetrics } from '@baton/metrics';
import { EventLogWriter } from '../kafka/event-log.writer';

/** Stores accepted events on the engagement topic, keyed by lead; resolves only once Kafka acknowledged. */
@Injectable()
export class IngestEventsUseCase {
  private readonly logger = new Logger(IngestEventsUseCase.name);

  constructor(
    private readonly eventLog: EventLogWriter,
    private readonly metrics: BatonMetrics,
  ) {}

  /** @throws EventLogUnavailableError when Kafka did not acknowledge in time. */
  async execute(events: readonly EngagementEventV1[]): Promise<void> {
    const messages = events.map((event) => ({ key: encodeLeadKey(event.leadId), value: JSON.stringify(event) }));
    await this.eventLog.write(ENGAGEMENT_EVENTS_TOPIC, messages);
    for (const event of events) this.metrics.eventsIngested.inc({ type: event.type });
    this.logger.debug(`stored ${events.length} event(s): ${events.map((event) => `${event.leadId}/${event.eventId}`).join(', ')}`);
  }
}
