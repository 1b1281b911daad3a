import { Injectable, Logger } from '@nestjs/common';
import { ENGAGEMENT_EVENTS_TOPIC, EngagementEventV1, LEAD_PROFILES_TOPIC, LeadProfileUpdatedV1, PROFILE_UPDATED_CAUSE } from '@baton/contracts';
import { TerminalError } from '@baton/failure';
import { decodeLeadMessage, type BatchMessageHandler, type ConsumedMessage, type HandlerOutcome, type RejectedMessage } from '@baton/kafka';
import { BatonMetrics } from '@baton/metrics';
import type { MessageTrace } from '@baton/telemetry';
import { ScoreChangedPublisher } from './score-changed.publisher';
import { LeadStateStore } from './lead-state.store';
import { ScoreLeadUseCase } from './score-lead.usecase';
import { causeKeyOf, leadOf, type PendingChange, type ScoringInput } from './scoring-input';

/**
 * Thin adapter between the consumer and the use case: decodes a slice of engagement events or profile
 * updates (an invalid one is rejected to the dead-letter topic), scores each lead's inputs (leads
 * concurrently, so their Redis calls share the connection's pipeline), publishes every change in one
 * produce request, then marks the changes published.
 */
@Injectable()
export class ScoringMessageHandler implements BatchMessageHandler {
  private readonly logger = new Logger(ScoringMessageHandler.name);

  constructor(
    private readonly scoreLead: ScoreLeadUseCase,
    private readonly store: LeadStateStore,
    private readonly publisher: ScoreChangedPublisher,
    private readonly metrics: BatonMetrics,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage[]): Promise<RejectedMessage[]> {
    const rejected: RejectedMessage[] = [];
    const byLead = new Map<string, ScoringInput[]>();
    const causes = new Map<string, ConsumedMessage>();
    for (const message of messages) {
      let input: ScoringInput;
      try {
        input = decode(message);
      } catch (error) {
        if (!(error instanceof TerminalError)) throw error;
        rejected.push({ message, error });
        continue;
      }
      causes.set(causeKeyOf(input), message);
      const inputs = byLead.get(leadOf(input)) ?? [];
      inputs.push(input);
      byLead.set(leadOf(input), inputs);
    }
    const changes = (await Promise.all([...byLead].map(([leadId, inputs]) => this.scoreLead.execute(leadId, inputs)))).flat();
    await this.publish(changes, (change) => causes.get(change.causeKey)?.trace);
    return rejected;
  }

  async handle(message: ConsumedMessage): Promise<HandlerOutcome> {
    const input = decode(message);
    const changes = await this.scoreLead.execute(leadOf(input), [input]);
    await this.publish(changes, () => message.trace);
    return changes.length > 0 ? 'processed' : 'skipped';
  }

  private async publish(changes: readonly PendingChange[], traceOf: (change: PendingChange) => MessageTrace | undefined): Promise<void> {
    if (changes.length === 0) return;
    await this.publisher.publish(changes, traceOf);
    await this.store.markPublished(changes);
    for (const change of changes) this.countScored(change);
    this.logger.debug(`published ${changes.length} score change(s): ${changes.map((change) => `${change.leadId}/${change.causeKey}`).join(', ')}`);
  }

  private countScored({ causeEventType, occurredAt }: PendingChange): void {
    this.metrics.eventsScored.inc({ type: causeEventType });
    // A profile update's time is when the CRM changed it, not an event: it would skew the event latency.
    const seconds = causeEventType === PROFILE_UPDATED_CAUSE ? undefined : BatonMetrics.secondsSince(occurredAt);
    if (seconds !== undefined) this.metrics.eventToScore.observe(seconds);
  }
}

function decode(message: ConsumedMessage): ScoringInput {
  const position = { topic: message.topic, partition: message.partition, offset: message.offset };
  switch (message.topic) {
    case ENGAGEMENT_EVENTS_TOPIC:
      return { kind: 'event', event: decodeLeadMessage(EngagementEventV1, message, 'SCORING'), position, loggedAt: message.loggedAt };
    case LEAD_PROFILES_TOPIC:
      return { kind: 'profile', update: decodeLeadMessage(LeadProfileUpdatedV1, message, 'SCORING'), position, loggedAt: message.loggedAt };
    default:
      throw new TerminalError('SCORING.UNKNOWN_TOPIC', `scoring does not consume ${message.topic}`);
  }
}
