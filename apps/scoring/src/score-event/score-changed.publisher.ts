import { Injectable } from '@nestjs/common';
import { encodeLeadKey, SCORE_CHANGES_TOPIC, type ScoreChangedV1 } from '@baton/contracts';
import { DependencyUnavailableError, EventProducer } from '@baton/kafka';

@Injectable()
export class ScoreChangedPublisher {
  constructor(private readonly producer: EventProducer) {}

  async publish(change: ScoreChangedV1): Promise<void> {
    try {
      await this.producer.send(SCORE_CHANGES_TOPIC, [{ key: encodeLeadKey(change.leadId), value: JSON.stringify(change) }]);
    } catch (error) {
      throw new DependencyUnavailableError('kafka', error);
    }
  }
}
