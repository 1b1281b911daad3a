import { Injectable } from '@nestjs/common';
import { encodeLeadKey } from '@baton/contracts';
import { DependencyUnavailableError, EventProducer } from '@baton/kafka';
import type { OutboxMessage } from './lead-record';

/** Publishes a cause's stored messages as they are, so a re-publication after a crash is byte for byte the first. */
@Injectable()
export class LifecycleOutboxPublisher {
  constructor(private readonly producer: EventProducer) {}

  async publish(leadId: string, outbox: readonly OutboxMessage[]): Promise<void> {
    try {
      for (const message of outbox) await this.producer.send(message.topic, [{ key: encodeLeadKey(leadId), value: message.value }]);
    } catch (error) {
      throw new DependencyUnavailableError('kafka', error);
    }
  }
}
