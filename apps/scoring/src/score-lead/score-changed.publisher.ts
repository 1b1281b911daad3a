import { Injectable } from '@nestjs/common';
import { encodeLeadKey, SCORE_CHANGES_TOPIC } from '@baton/contracts';
import { DependencyUnavailableError, EventProducer } from '@baton/kafka';
import type { PendingChange } from './scoring-input';

@Injectable()
export class ScoreChangedPublisher {
  constructor(private readonly producer: EventProducer) {}

  /** Publishes the stored payloads as they are, so a re-publication is byte for byte the first one. */
  async publish(changes: readonly PendingChange[]): Promise<void> {
    try {
      await this.producer.send(
        SCORE_CHANGES_TOPIC,
        changes.map((change) => ({ key: encodeLeadKey(change.leadId), value: change.payload })),
      );
    } catch (error) {
      throw new DependencyUnavailableError('kafka', error);
    }
  }
}
