import { Injectable } from '@nestjs/common';
import { encodeLeadKey, SCORE_CHANGES_TOPIC } from '@baton/contracts';
import { DependencyUnavailableError } from '@baton/failure';
import { EventProducer } from '@baton/kafka';
import { traceHeadersOf, type MessageTrace } from '@baton/telemetry';
import type { PendingChange } from './scoring-input';

@Injectable()
export class ScoreChangedPublisher {
  constructor(private readonly producer: EventProducer) {}

  /**
   * Publishes the stored payloads as they are, so a re-publication is byte for byte the first one; each carries
   * the trace of the message that caused it.
   */
  async publish(changes: readonly PendingChange[], traceOf: (change: PendingChange) => MessageTrace | undefined): Promise<void> {
    try {
      await this.producer.send(
        SCORE_CHANGES_TOPIC,
        changes.map((change) => {
          const trace = traceOf(change);
          return { key: encodeLeadKey(change.leadId), value: change.payload, ...(trace === undefined ? {} : { headers: traceHeadersOf(trace) }) };
        }),
      );
    } catch (error) {
      throw new DependencyUnavailableError('kafka', error);
    }
  }
}
