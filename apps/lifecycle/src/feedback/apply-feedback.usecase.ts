import { Injectable, Logger } from '@nestjs/common';
import type { SalesFeedbackV1 } from '@baton/contracts';
import { decideOnFeedback, feedbackCauseKey, type Stage } from '@baton/lifecycle-domain';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import type { LeadRecord } from '../lead-state/lead-record';
import { LeadTransitions, type CauseDecision } from '../lead-state/lead-transitions';

export type FeedbackResult =
  | { readonly kind: 'applied'; readonly from: Stage; readonly to: Stage }
  /** The same feedbackId was applied before: nothing changes again. */
  | { readonly kind: 'skipped'; readonly stage: Stage }
  | { readonly kind: 'unknown_lead' }
  | { readonly kind: 'refused'; readonly stage: Stage; readonly code: string; readonly message: string };

/**
 * Applies what sales said: accepted moves an SQL to opportunity, rejected and lost recycle (the reason kept in
 * the history), won makes a customer. Used by the HTTP API (synchronous answer) and the feedback topic.
 */
@Injectable()
export class ApplyFeedbackUseCase {
  private readonly logger = new Logger(ApplyFeedbackUseCase.name);

  constructor(
    private readonly models: ScoringModelHolder,
    private readonly transitions: LeadTransitions,
  ) {}

  async execute(feedback: SalesFeedbackV1): Promise<FeedbackResult> {
    const applied = await this.transitions.applyOnce(feedback.leadId, feedbackCauseKey(feedback.feedbackId), (lead) => this.decide(lead, feedback));
    const result = applied.decided ?? { kind: 'skipped', stage: applied.lead.lifecycle.stage };
    if (result.kind === 'applied') this.logger.log(`lead ${feedback.leadId} ${result.from} -> ${result.to} (sales feedback ${feedback.feedbackId}: ${feedback.outcome})`);
    return result;
  }

  private decide(lead: LeadRecord, feedback: SalesFeedbackV1): CauseDecision<FeedbackResult> {
    if (!lead.known) return { result: { kind: 'unknown_lead' } };
    const from = lead.lifecycle.stage;
    const decision = decideOnFeedback(from, feedback.outcome);
    if (!decision.ok) return { result: { kind: 'refused', stage: from, code: decision.code, message: decision.message } };
    // Sales' first answer on an SQL is what the funnel's acceptance rate counts.
    const firstAnswer = from === 'sql' && !lead.fields['salesOutcome'] && (feedback.outcome === 'accepted' || feedback.outcome === 'rejected');
    return {
      result: { kind: 'applied', from, to: decision.to },
      transition: {
        to: decision.to,
        rule: `sales_feedback:${feedback.outcome}`,
        reason: { kind: 'sales_feedback', outcome: feedback.outcome, ...(feedback.reason === undefined ? {} : { reason: feedback.reason }) },
        causeId: feedback.feedbackId,
        actor: feedback.by,
        modelVersion: this.models.current.version,
        at: feedback.givenAt,
      },
      state: firstAnswer ? { salesOutcome: feedback.outcome } : {},
    };
  }
}
