import { Injectable, Logger } from '@nestjs/common';
import { LifecycleEnv } from '@baton/config';
import type { LeadQualifiedV1, ScoreChangedV1 } from '@baton/contracts';
import type { HandlerOutcome } from '@baton/kafka';
import { decideOnScore, qualificationIdFor } from '@baton/lifecycle-domain';
import { LeadQualifiedPublisher } from './lead-qualified.publisher';
import { RedisStageStore } from './redis-stage.store';

/**
 * Applies the qualification rules to a lead's new score. A qualification is stored (stage, history, the
 * LeadQualified payload) before it is published; a redelivered score change finds a stored but unpublished
 * qualification and publishes it, so LeadQualified is emitted once even across crashes.
 */
@Injectable()
export class QualifyLeadUseCase {
  private readonly logger = new Logger(QualifyLeadUseCase.name);

  constructor(
    private readonly config: LifecycleEnv,
    private readonly store: RedisStageStore,
    private readonly publisher: LeadQualifiedPublisher,
  ) {}

  async execute(change: ScoreChangedV1): Promise<HandlerOutcome> {
    const qualificationId = qualificationIdFor(change.leadId, 'mql', change.scoreChangeId);
    const stored = await this.store.qualification(change.leadId, qualificationId);
    if (stored?.published) return 'skipped';
    if (stored) return this.publish(change.leadId, qualificationId, stored.payload);

    const stage = await this.store.stageOf(change.leadId);
    // Engagement, not the total: a profile imported from a CRM must not make a lead an MQL without any interest.
    const decision = decideOnScore(stage, change.engagement, { mqlThreshold: this.config.LIFECYCLE_MQL_THRESHOLD });
    if (decision.kind === 'stay') return 'skipped';

    const qualifiedAt = new Date().toISOString();
    const event: LeadQualifiedV1 = {
      qualificationId,
      leadId: change.leadId,
      stage: decision.to,
      previousStage: decision.from,
      reason: { kind: 'score_threshold', threshold: decision.threshold, score: decision.score },
      score: change.score,
      causeEventId: change.causeEventId,
      modelVersion: change.modelVersion,
      qualifiedAt,
    };
    const historyEntry = JSON.stringify({
      from: decision.from,
      to: decision.to,
      at: qualifiedAt,
      cause: { rule: 'mql_score_threshold', scoreChangeId: change.scoreChangeId, eventId: change.causeEventId },
      modelVersion: change.modelVersion,
    });
    const transition = await this.store.transition({ leadId: change.leadId, qualificationId, from: decision.from, to: decision.to, at: qualifiedAt, historyEntry, payload: JSON.stringify(event) });
    return this.publish(change.leadId, qualificationId, transition.payload);
  }

  private async publish(leadId: string, qualificationId: string, payload: string): Promise<HandlerOutcome> {
    await this.publisher.publish(leadId, payload);
    await this.store.markPublished(leadId, qualificationId, payload);
    this.logger.log(`lead ${leadId} qualified: ${qualificationId}`);
    return 'processed';
  }
}
