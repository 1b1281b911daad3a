import { Injectable, Logger } from '@nestjs/common';
import type { SalesFeedbackV1 } from '@baton/contracts';
import { decideOnFeedback, type Stage } from '@baton/lifecycle-domain';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { LeadLifecycleStore } from '../lead-state/lead-lifecycle.store';
import { LifecycleOutboxPublisher } from '../lead-state/lifecycle-outbox.publisher';
import { planTransition } from '../lead-state/plan-transition';

export type FeedbackResult =
  | { readonly kind: 'applied'; readonly from: Stage; readonly to: Stage }
  /** The same feedbackId was applied before: nothing changes again. */
  | { readonly kind: 'skipped'; readonly stage: Stage }
  | { readonly kind: 'unknown_lead' }
  | { readonly kind: 'refused'; readonly stage: Stage; readonly code: string; readonly message: string };

const MAX_CONFLICTS = 10;

/**
 * Applies what sales said: accepted moves an SQL to opportunity, rejected and lost recycle (the reason kept in
 * the history), won makes a customer. Used by the HTTP API (synchronous answer) and the feedback topic.
 */
@Injectable()
export class ApplyFeedbackUseCase {
  private readonly logger = new Logger(ApplyFeedbackUseCase.name);

  constructor(
    private readonly models: ScoringModelHolder,
    private readonly store: LeadLifecycleStore,
    private readonly outbox: LifecycleOutboxPublisher,
  ) {}

  async execute(feedback: SalesFeedbackV1): Promise<FeedbackResult> {
    const causeKey = `fb:${feedback.feedbackId}`;
    for (let attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
      const lead = await this.store.read(feedback.leadId, [causeKey]);
      if (!lead.known) return { kind: 'unknown_lead' };
      const record = lead.causes.get(causeKey);
      if (record !== undefined) {
        if (!record.published) await this.outbox.deliver([{ leadId: feedback.leadId, causeKey, outbox: record.outbox }]);
        return { kind: 'skipped', stage: lead.lifecycle.stage };
      }
      const from = lead.lifecycle.stage;
      const decision = decideOnFeedback(from, feedback.outcome);
      if (!decision.ok) return { kind: 'refused', stage: from, code: decision.code, message: decision.message };
      const planned = planTransition({
        lead,
        to: decision.to,
        rule: `sales_feedback:${feedback.outcome}`,
        reason: { kind: 'sales_feedback', outcome: feedback.outcome, ...(feedback.reason === undefined ? {} : { reason: feedback.reason }) },
        causeKey,
        causeId: feedback.feedbackId,
        actor: feedback.by,
        modelVersion: this.models.current.version,
        at: feedback.givenAt,
      });
      // Sales' first answer on an SQL is what the funnel's acceptance rate counts.
      const salesOutcome: Record<string, string> = from === 'sql' && !lead.fields['salesOutcome'] && (feedback.outcome === 'accepted' || feedback.outcome === 'rejected') ? { salesOutcome: feedback.outcome } : {};
      const cause = { causeKey, outbox: [planned.stageChanged] };
      const result = await this.store.commit({ leadId: feedback.leadId, version: lead.version, causes: [cause], state: { ...planned.state, ...salesOutcome }, history: [planned.historyEntry], journey: [] });
      if (result === 'conflict') continue;
      await this.outbox.deliver([{ leadId: feedback.leadId, ...cause }]);
      this.logger.log(`lead ${feedback.leadId} ${from} -> ${decision.to} (sales feedback ${feedback.feedbackId}: ${feedback.outcome})`);
      return { kind: 'applied', from, to: decision.to };
    }
    throw new Error(`lead ${feedback.leadId}: its state kept changing under ${MAX_CONFLICTS} attempts to commit`);
  }
}
