import { Injectable } from '@nestjs/common';
import { encodeLeadKey } from '@baton/contracts';
import { DependencyUnavailableError } from '@baton/failure';
import { EventProducer } from '@baton/kafka';
import { traceHeadersOf } from '@baton/telemetry';
import { LeadLifecycleStore } from './lead-lifecycle.store';
import type { PendingOutbox } from './lead-record';

/**
 * Publishes committed causes' stored messages as they are, so a re-publication after a crash is byte for byte the
 * first, then marks them published: one produce request per topic and one Redis round trip for any number of causes.
 * Each message carries the trace of the message that caused it, else that of the work in progress.
 */
@Injectable()
export class LifecycleOutboxPublisher {
  constructor(
    private readonly producer: EventProducer,
    private readonly store: LeadLifecycleStore,
  ) {}

  async deliver(pending: readonly PendingOutbox[]): Promise<void> {
    const byTopic = new Map<string, { key: Buffer; value: string; headers?: Record<string, string> }[]>();
    for (const cause of pending) {
      for (const message of cause.outbox) {
        const messages = byTopic.get(message.topic) ?? [];
        messages.push({ key: encodeLeadKey(cause.leadId), value: message.value, ...(cause.trace === undefined ? {} : { headers: traceHeadersOf(cause.trace) }) });
        byTopic.set(message.topic, messages);
      }
    }
    try {
      // Stage changes before qualifications: a consumer of both never sees a qualification its stage change lacks.
      for (const [topic, messages] of byTopic) await this.producer.send(topic, messages);
    } catch (error) {
      throw new DependencyUnavailableError('kafka', error);
    }
    await this.store.markPublished(pending);
  }
}
