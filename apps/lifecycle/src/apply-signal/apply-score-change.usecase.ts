import { Injectable, Logger } from '@nestjs/common';
import { isAnonymousLeadId, isQualifiedStage, PROFILE_UPDATED_CAUSE, type JourneyStepV1, type ScoreChangedV1 } from '@baton/contracts';
import { assessSignal, decidedAt, idleSince, scoreChangeCauseKey, type ScoringSignal } from '@baton/lifecycle-domain';
import { BatonMetrics } from '@baton/metrics';
import { runWithTrace, type MessageTrace } from '@baton/telemetry';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { applyEachOnce, offsetField, type LogPosition, type SliceCause } from '@baton/redis';
import { LeadLifecycleStore } from '../lead-state/lead-lifecycle.store';
import { outboxOf, scoredFields, type CommittedCause, type LeadRecord, type OutboxMessage, type PendingOutbox } from '../lead-state/lead-record';
import { planTransition } from '../lead-state/plan-transition';
import { journeyStepOf, leadQualifiedMessage } from './lead-qualified.builder';

/** One score change as consumed: the message, where it sits in the log, and the trace of its processing. */
export interface PositionedChange {
  readonly change: ScoreChangedV1;
  readonly position: LogPosition;
  readonly trace?: MessageTrace;
}

/** What applying a lead's changes left to do once committed: outboxes to publish, the idle time to index. */
export interface AppliedChanges {
  readonly pending: readonly PendingOutbox[];
  readonly idleSince?: { readonly leadId: string; readonly at: string };
  /** Changes this call decided (not seen before). */
  readonly processed: number;
}

/**
 * Applies the stage rules of the model in force to a lead's new scores, a slice of them at once, each once
 * (applyEachOnce): one read, the decisions in log order in memory (each on the lead as the previous left it), one
 * commit of everything (state, history, journey, one record per cause with its LeadStageChanged and LeadQualified
 * messages). A change applied before decides nothing; its messages come back if they were stored but not published.
 * The caller publishes, then marks.
 */
@Injectable()
export class ApplyScoreChangeUseCase {
  private readonly logger = new Logger(ApplyScoreChangeUseCase.name);

  constructor(
    private readonly models: ScoringModelHolder,
    private readonly store: LeadLifecycleStore,
    private readonly metrics: BatonMetrics,
  ) {}

  async execute(leadId: string, changes: readonly PositionedChange[]): Promise<AppliedChanges> {
    const causes = changes.map((positioned) => ({ causeKey: scoreChangeCauseKey(positioned.change.scoreChangeId), position: positioned.position, cause: positioned }));
    const applied = await applyEachOnce(
      leadId,
      causes,
      (causeKeys) => this.store.read(leadId, causeKeys),
      async (stored, fresh) => {
        const plan = await this.plan(stored, fresh);
        return { result: plan, commit: () => this.store.commit({ leadId, version: stored.version, causes: plan.causes, state: plan.state, history: plan.history, journey: plan.journey }) };
      },
    );
    const unpublished = applied.unpublished.map(({ causeKey, payload, cause }) => ({ leadId, causeKey, outbox: outboxOf(payload), trace: cause.trace }));
    const plan = applied.decided;
    if (plan === undefined) return { pending: unpublished, processed: 0 };
    for (const move of plan.moves) this.noteMove(leadId, move);
    const idle = idleSince(plan.lead.lifecycle);
    return {
      pending: [...unpublished, ...plan.causes.filter((cause) => cause.outbox.length > 0).map((cause) => ({ leadId, ...cause }))],
      ...(idle === undefined ? {} : { idleSince: { leadId, at: idle } }),
      processed: plan.causes.length,
    };
  }

  private async plan(stored: LeadRecord, changes: readonly SliceCause<PositionedChange>[]): Promise<SlicePlan> {
    const rules = this.models.current.stages;
    const plan: SlicePlan = { lead: stored, causes: [], state: {}, history: [], journey: [], moves: [] };
    // The lead's fields as the changes planned so far leave them: one copy per slice, not one per change.
    const fields = { ...stored.fields };
    let journey: JourneyStepV1[] | undefined;
    let latest: { change: ScoreChangedV1; at: string } | undefined;
    for (const {
      causeKey,
      cause: { change, position, trace },
    } of changes) {
      const lead = plan.lead;
      const signal = toSignal(change);
      const { decision, held, recorded } = assessSignal(lead.lifecycle, signal, rules);
      const step = change.causeEventType === PROFILE_UPDATED_CAUSE ? undefined : journeyStepOf(change);
      const at = decidedAt(signal);
      const state: Record<string, string> = {
        [offsetField(position)]: position.offset,
        ...(recorded.lastActivityAt === undefined ? {} : { lastActivityAt: recorded.lastActivityAt }),
        // Shown with the lead while it stays in this stage: what it met, and the fit it lacked.
        ...(held === undefined ? {} : { heldByFit: JSON.stringify({ ...held, stage: decision.kind === 'move' ? decision.to : lead.lifecycle.stage, at }) }),
      };
      let lifecycle = recorded;
      const outbox: OutboxMessage[] = [];
      if (step !== undefined) plan.journey.push(JSON.stringify(step));
      if (decision.kind === 'move') {
        // A transition happens when Baton could take it: when its cause entered the log. A replay keeps that time; a
        // backfilled event moves the lead now, not in the past (docs/stages.md).
        const planned = planTransition({ lead, to: decision.to, rule: decision.rule, reason: decision.reason, causeKey, causeId: change.causeEventId, modelVersion: change.modelVersion, at });
        Object.assign(state, planned.state);
        lifecycle = { ...recorded, stage: decision.to, since: at };
        plan.history.push(planned.historyEntry);
        outbox.push(planned.stageChanged);
        if (isQualifiedStage(decision.to)) {
          journey ??= (await this.store.journey(stored.leadId)).map((entry) => JSON.parse(entry) as JourneyStepV1);
          const sofar = [...journey, ...plan.journey.map((entry) => JSON.parse(entry) as JourneyStepV1)];
          outbox.push(
            leadQualifiedMessage({ change, stage: decision.to, previousStage: lead.lifecycle.stage, rule: decision.rule, reason: decision.reason, journey: sofar, at: new Date().toISOString() }),
          );
        }
        plan.moves.push({ from: lead.lifecycle.stage, to: decision.to, rule: decision.rule, reason: decision.reason.kind, causeId: change.causeEventId, scoredAt: change.scoredAt, trace });
      }
      Object.assign(plan.state, state);
      plan.causes.push({ causeKey, outbox, trace });
      plan.lead = { ...lead, lifecycle, fields: Object.assign(fields, state) };
      latest = { change, at };
    }
    // The scores and high-intent activities are stored as the slice's last change left them.
    if (latest !== undefined) Object.assign(plan.state, scoredFields(latest.change, latest.at), { highIntent: JSON.stringify(plan.lead.lifecycle.highIntent) });
    return plan;
  }

  private noteMove(leadId: string, move: SlicePlan['moves'][number]): void {
    // Logged under the trace of the message that caused it, as a message handled alone would be.
    const log = (): void => this.logger.log(`lead ${leadId} ${move.from} -> ${move.to} (${move.rule}, cause ${move.causeId})`);
    if (move.trace === undefined) log();
    else runWithTrace(move.trace, log);
    if (!isQualifiedStage(move.to)) return;
    this.metrics.qualifications.inc({ stage: move.to, reason: move.reason });
    const seconds = BatonMetrics.secondsSince(move.scoredAt);
    if (seconds !== undefined) this.metrics.scoreToQualification.observe(seconds);
  }
}

interface SlicePlan {
  /** The lead as the changes planned so far leave it. */
  lead: LeadRecord;
  readonly causes: (CommittedCause & { readonly trace?: MessageTrace })[];
  readonly state: Record<string, string>;
  readonly history: string[];
  readonly journey: string[];
  readonly moves: { from: string; to: string; rule: string; reason: string; causeId: string; scoredAt: string; trace?: MessageTrace }[];
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
