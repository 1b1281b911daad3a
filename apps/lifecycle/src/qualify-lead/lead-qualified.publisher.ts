import { Injectable } from '@nestjs/common';
import { encodeLeadKey, LEAD_QUALIFIED_TOPIC } from '@baton/contracts';
import { DependencyUnavailableError, EventProducer } from '@baton/kafka';

@Injectable()
export class LeadQualifiedPublisher {
  constructor(private readonly producer: EventProducer) {}

  /** Publishes the stored payload as it is, so a re-publication is byte for byte the first one. */
  async publish(leadId: string, payload: string): Promise<void> {
    try {
      await this.producer.send(LEAD_QUALIFIED_TOPIC, [{ key: encodeLeadKey(leadId), value: payload }]);
    } catch (error) {
      throw new DependencyUnavailableError('kafka', error);
    }
  }
}
