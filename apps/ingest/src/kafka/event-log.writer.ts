import { Injectable, Logger } from '@nestjs/common';
import { IngestEnv } from '@baton/config';
import { describeError } from '@baton/failure';
import { EventProducer, type OutgoingMessage } from '@baton/kafka';

/** Kafka did not acknowledge in time (or refused): nothing of the request may be counted as stored. */
export class EventLogUnavailableError extends Error {
  readonly code = 'INGEST.EVENT_LOG_UNAVAILABLE';
}

/**
 * How ingest stores what it accepted: one produce, acknowledged by Kafka within INGEST_PRODUCE_TIMEOUT_MS, or
 * an EventLogUnavailableError (answered 503). Logs the topic and the count only, never a payload.
 */
@Injectable()
export class EventLogWriter {
  private readonly logger = new Logger(EventLogWriter.name);

  constructor(
    private readonly producer: EventProducer,
    private readonly config: IngestEnv,
  ) {}

  async write(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    try {
      await this.producer.send(topic, messages, this.config.INGEST_PRODUCE_TIMEOUT_MS);
    } catch (error) {
      this.logger.error(`could not store ${messages.length} message(s) on ${topic}: ${describeError(error)}`);
      throw new EventLogUnavailableError(describeError(error));
    }
  }
}
