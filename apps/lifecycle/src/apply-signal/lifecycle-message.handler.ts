import { Injectable } from '@nestjs/common';
import { SALES_FEEDBACK_TOPIC, SalesFeedbackV1, SCORE_CHANGES_TOPIC, ScoreChangedV1 } from '@baton/contracts';
import { TerminalError } from '@baton/failure';
import { decodeLeadMessage, type BatchMessageHandler, type ConsumedMessage, type HandlerOutcome, type RejectedMessage } from '@baton/kafka';
import { ApplyFeedbackUseCase } from '../feedback/apply-feedback.usecase';
import { LeadLifecycleStore } from '../lead-state/lead-lifecycle.store';
import { LifecycleOutboxPublisher } from '../lead-state/lifecycle-outbox.publisher';
import { ApplyScoreChangeUseCase, type AppliedChanges, type PositionedChange } from './apply-score-change.usecase';

/**
 * Thin adapter: decodes score changes or sales feedback and applies them. A slice of score changes is applied lead
 * by lead (leads concurrently, so their Redis calls share the connection's pipeline), then every message it produced
 * is published in one request per topic, each with the trace of the one that caused it. An invalid message, feedback
 * on a lead lifecycle does not know, or an outcome the lead's stage cannot take is terminal: dead-lettered with why.
 */
@Injectable()
export class LifecycleMessageHandler implements BatchMessageHandler {
  constructor(
    private readonly applyScoreChange: ApplyScoreChangeUseCase,
    private readonly applyFeedback: ApplyFeedbackUseCase,
    private readonly outbox: LifecycleOutboxPublisher,
    private readonly store: LeadLifecycleStore,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage[]): Promise<RejectedMessage[]> {
    const rejected: RejectedMessage[] = [];
    const byLead = new Map<string, PositionedChange[]>();
    for (const message of messages) {
      if (message.topic !== SCORE_CHANGES_TOPIC) {
        try {
          await this.handle(message);
        } catch (error) {
          if (!(error instanceof TerminalError)) throw error;
          rejected.push({ message, error });
        }
        continue;
      }
      let change: ScoreChangedV1;
      try {
        change = decodeLeadMessage(ScoreChangedV1, message, 'LIFECYCLE');
      } catch (error) {
        if (!(error instanceof TerminalError)) throw error;
        rejected.push({ message, error });
        continue;
      }
      const changes = byLead.get(change.leadId) ?? [];
      changes.push({ change, position: message, trace: message.trace });
      byLead.set(change.leadId, changes);
    }
    const applied = await Promise.all([...byLead].map(([leadId, changes]) => this.applyScoreChange.execute(leadId, changes)));
    await this.finish(applied);
    return rejected;
  }

  async handle(message: ConsumedMessage): Promise<HandlerOutcome> {
    switch (message.topic) {
      case SCORE_CHANGES_TOPIC: {
        const change = decodeLeadMessage(ScoreChangedV1, message, 'LIFECYCLE');
        const applied = await this.applyScoreChange.execute(change.leadId, [{ change, position: message, trace: message.trace }]);
        await this.finish([applied]);
        return applied.processed > 0 ? 'processed' : 'skipped';
      }
      case SALES_FEEDBACK_TOPIC:
        return this.feedback(decodeLeadMessage(SalesFeedbackV1, message, 'LIFECYCLE'));
      default:
        throw new TerminalError('LIFECYCLE.UNKNOWN_TOPIC', `lifecycle does not consume ${message.topic}`);
    }
  }

  /** Publishes what the changes committed, then indexes each lead's idle time for the inactivity sweep. */
  private async finish(applied: readonly AppliedChanges[]): Promise<void> {
    await this.outbox.deliver(applied.flatMap((result) => result.pending));
    await this.store.noteIdleSince(applied.flatMap((result) => (result.idleSince === undefined ? [] : [result.idleSince])));
  }

  private async feedback(feedback: SalesFeedbackV1): Promise<HandlerOutcome> {
    const result = await this.applyFeedback.execute(feedback);
    switch (result.kind) {
      case 'applied':
        return 'processed';
      case 'skipped':
        return 'skipped';
      case 'unknown_lead':
        throw new TerminalError('LIFECYCLE.UNKNOWN_LEAD', `feedback ${feedback.feedbackId} is about lead ${feedback.leadId}, which lifecycle does not know`);
      case 'refused':
        throw new TerminalError(result.code, result.message);
    }
  }
}
