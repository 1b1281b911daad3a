import { Injectable } from '@nestjs/common';
import { SALES_FEEDBACK_TOPIC, SalesFeedbackV1, SCORE_CHANGES_TOPIC, ScoreChangedV1 } from '@baton/contracts';
import { decodeLeadMessage, TerminalError, type ConsumedMessage, type HandlerOutcome, type MessageHandler } from '@baton/kafka';
import { ApplyFeedbackUseCase } from '../feedback/apply-feedback.usecase';
import { ApplyScoreChangeUseCase } from './apply-score-change.usecase';

/**
 * Thin adapter: decodes a score change or a sales feedback and applies it. An invalid message, feedback on a
 * lead lifecycle does not know, or an outcome the lead's stage cannot take is terminal: dead-lettered with why.
 */
@Injectable()
export class LifecycleMessageHandler implements MessageHandler {
  constructor(
    private readonly applyScoreChange: ApplyScoreChangeUseCase,
    private readonly applyFeedback: ApplyFeedbackUseCase,
  ) {}

  async handle(message: ConsumedMessage): Promise<HandlerOutcome> {
    switch (message.topic) {
      case SCORE_CHANGES_TOPIC:
        return this.applyScoreChange.execute(decodeLeadMessage(ScoreChangedV1, message, 'LIFECYCLE'), message);
      case SALES_FEEDBACK_TOPIC:
        return this.feedback(decodeLeadMessage(SalesFeedbackV1, message, 'LIFECYCLE'));
      default:
        throw new TerminalError('LIFECYCLE.UNKNOWN_TOPIC', `lifecycle does not consume ${message.topic}`);
    }
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
