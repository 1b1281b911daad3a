import { Injectable, Logger } from '@nestjs/common';
import { isAnonymousLeadId, PROFILE_UPDATED_CAUSE, type JourneyStepV1, type ScoreChangedV1 } from '@baton/contracts';
import type { HandlerOutcome } from '@baton/kafka';
import { decidedAt, decideOnSignal, heldByFit, idleSince, recordSignal, type ScoringSignal } from '@baton/lifecycle-domain';
import { BatonMetrics } from '@baton/metrics';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import type { OutboxMessage } from '../lead-state/lead-record';
import { LeadLifecycleStore, offsetField } from '../lead-state/lead-lifecycle.store';
import { LifecycleOutboxPublisher } from '../lead-state/lifecycle-outbox.publisher';
import { planTransition } from '../lead-state/plan-transition';
import { journeyStepOf, leadQualifiedMessage } from './lead-qualified.builder';

const MAX_CONFLICTS = 10;

export interface LogPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Applies the stage rules of the model in force to a lead's new scores: records the scores, the journey step
 * and the activity, moves the stage when a rule says so, and emits LeadStageChanged (and LeadQualified for MQL
 * and SQL). Everything is committed before it is published; a redelivered change publishes what was stored
 * and decides nothing twice.
 */
@Injectable()
export class ApplyScoreChangeUseCase {
  private readonly logger = new Logger(ApplyScoreChangeUseCase.name);

  constructor(
    private readonly models: ScoringModelHolder,
    private readonly store: LeadLifecycleStore,
    private readonly outbox: LifecycleOutboxPublisher,
    private readonly metrics: BatonMetrics,
  ) {}

  async execute(change: ScoreChangedV1, position: LogPosition): Promise<HandlerOutcome> {
    const causeKey = `sc:${change.scoreChangeId}`;
    for (let attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
      const lead = await this.store.read(change.leadId, causeKey);
      if (lead.cause !== undefined) {
        if (!lead.cause.published) await this.publish(change.leadId, causeKey, lead.cause.outbox);
        return 'skipped';
      }
      if (BigInt(position.offset) <= (lead.appliedOffsets.get(`${position.topic}:${position.partition}`) ?? -1n)) return 'skipped';

      const rules = this.models.current.stages;
      const signal = toSignal(change);
      const isEvent = change.causeEventType !== PROFILE_UPDATED_CAUSE;
      const decision = decideOnSignal(lead.lifecycle, signal, rules);
      const held = heldByFit(lead.lifecycle, signal, rules);
      const recorded = recordSignal(lead.lifecycle, signal, rules);
      const step = isEvent ? journeyStepOf(change) : undefined;
      const state: Record<string, string> = {
        score: String(change.score),
        engagement: String(change.engagement),
        fit: String(change.fit),
        grade: change.grade,
        modelVersion: change.modelVersion,
        profile: JSON.stringify(change.profile),
        scoredAsOf: decidedAt(signal),
        ...(change.engagementTrail === undefined ? {} : { engagementTrail: JSON.stringify(change.engagementTrail) }),
        engagementRules: JSON.stringify(change.engagementRules),
        fitRules: JSON.stringify(change.fitRules),
        highIntent: JSON.stringify(recorded.highIntent),
        [offsetField(position.topic, position.partition)]: position.offset,
        ...(recorded.lastActivityAt === undefined ? {} : { lastActivityAt: recorded.lastActivityAt }),
        // Shown with the lead while it stays in this stage: what it met, and the fit it lacked.
        ...(held === undefined ? {} : { heldByFit: JSON.stringify({ ...held, stage: decision.kind === 'move' ? decision.to : lead.lifecycle.stage, at: decidedAt(signal) }) }),
      };
      const history: string[] = [];
      const outbox: OutboxMessage[] = [];
      if (decision.kind === 'move') {
        // A transition happens when Baton could take it: when its cause entered the log. A replay keeps that time; a
        // backfilled event moves the lead now, not in the past (docs/stages.md).
        const planned = planTransition({ lead, to: decision.to, rule: decision.rule, reason: decision.reason, causeKey, causeId: change.causeEventId, modelVersion: change.modelVersion, at: decidedAt(signal) });
        Object.assign(state, planned.state);
        history.push(planned.historyEntry);
        outbox.push(planned.stageChanged);
        if (decision.to === 'mql' || decision.to === 'sql') {
          const journey = [...(await this.store.journey(change.leadId)).map((entry) => JSON.parse(entry) as JourneyStepV1), ...(step ? [step] : [])];
          outbox.push(leadQualifiedMessage({ change, stage: decision.to, previousStage: lead.lifecycle.stage, rule: decision.rule, reason: decision.reason, journey, at: new Date().toISOString() }));
        }
      }
      const result = await this.store.commit({ leadId: change.leadId, version: lead.version, causeKey, state, history, journey: step ? [JSON.stringify(step)] : [], outbox });
      if (result === 'conflict') continue;
      const idle = idleSince({ ...recorded, since: decision.kind === 'move' ? decidedAt(signal) : lead.lifecycle.since });
      if (idle !== undefined) await this.store.noteIdleSince(change.leadId, idle);
      if (outbox.length > 0) await this.publish(change.leadId, causeKey, outbox);
      if (decision.kind === 'move') this.logger.log(`lead ${change.leadId} ${lead.lifecycle.stage} -> ${decision.to} (${decision.rule}, cause ${change.causeEventId})`);
      if (decision.kind === 'move' && (decision.to === 'mql' || decision.to === 'sql')) this.countQualified(decision.to, decision.reason.kind, change.scoredAt);
      return 'processed';
    }
    throw new Error(`lead ${change.leadId}: its state kept changing under ${MAX_CONFLICTS} attempts to commit`);
  }

  /** Counted once published; a re-publication after a crash (the `skipped` path above) is not counted again. */
  private countQualified(stage: string, reason: string, scoredAt: string): void {
    this.metrics.qualifications.inc({ stage, reason });
    const seconds = BatonMetrics.secondsSince(scoredAt);
    if (seconds !== undefined) this.metrics.scoreToQualification.observe(seconds);
  }

  private async publish(leadId: string, causeKey: string, outbox: readonly OutboxMessage[]): Promise<void> {
    await this.outbox.publish(leadId, outbox);
    await this.store.markPublished(leadId, causeKey);
  }
}

function toSignal(change: ScoreChangedV1): ScoringSignal {
  return {
    causeId: change.causeEventId,
    causeType: change.causeEventType,
    causeProperties: change.causeProperties,
    occurredAt: change.occurredAt,
    asOf: change.asOf,
    score: change.score,
    engagement: change.engagement,
    fit: change.fit,
    grade: change.grade,
    firedRules: change.firedRules,
    profile: change.profile,
    anonymous: isAnonymousLeadId(change.leadId),
  };
}
