import { Injectable, Logger } from '@nestjs/common';
import { isAnonymousLeadId, PROFILE_UPDATED_CAUSE, type JourneyStepV1, type ScoreChangedV1 } from '@baton/contracts';
import { decidedAt, decideOnSignal, heldByFit, idleSince, recordSignal, type ScoringSignal } from '@baton/lifecycle-domain';
import { BatonMetrics } from '@baton/metrics';
import { runWithTrace, type MessageTrace } from '@baton/telemetry';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { leadRecordOf, LeadLifecycleStore, offsetField } from '../lead-state/lead-lifecycle.store';
import type { CommittedCause, LeadRecord, OutboxMessage, PendingOutbox } from '../lead-state/lead-record';
import { planTransition } from '../lead-state/plan-transition';
import { journeyStepOf, leadQualifiedMessage } from './lead-qualified.builder';

const MAX_CONFLICTS = 10;

export interface LogPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

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
 * Applies the stage rules of the model in force to a lead's new scores, a slice of them at once: one read, the
 * decisions in log order in memory (each on the lead as the previous left it), one commit of everything (state,
 * history, journey, one record per cause with its LeadStageChanged and LeadQualified messages). A change seen before
 * (its record, or an offset at or below the lead's applied one) decides nothing; its messages are returned again if
 * they were stored but not published, so a crash at any point loses none. The caller publishes, then marks.
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
    const causeKeys = [...new Set(changes.map(({ change }) => causeKeyOf(change)))];
    for (let attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
      const stored = await this.store.read(leadId, causeKeys);
      const plan = await this.plan(stored, changes);
      if (plan.causes.length === 0) return { pending: plan.unpublished, processed: 0 };
      const result = await this.store.commit({ leadId, version: stored.version, causes: plan.causes, state: plan.state, history: plan.history, journey: plan.journey });
      if (result === 'conflict') continue;
      for (const move of plan.moves) this.noteMove(leadId, move);
      const idle = idleSince(plan.lead.lifecycle);
      return {
        pending: [...plan.unpublished, ...plan.causes.filter((cause) => cause.outbox.length > 0).map((cause) => ({ leadId, ...cause }))],
        ...(idle === undefined ? {} : { idleSince: { leadId, at: idle } }),
        processed: plan.causes.length,
      };
    }
    throw new Error(`lead ${leadId}: its state kept changing under ${MAX_CONFLICTS} attempts to commit`);
  }

  private async plan(stored: LeadRecord, changes: readonly PositionedChange[]): Promise<SlicePlan> {
    const rules = this.models.current.stages;
    const plan: SlicePlan = { lead: stored, causes: [], unpublished: [], state: {}, history: [], journey: [], moves: [] };
    const handled = new Set<string>();
    let journey: JourneyStepV1[] | undefined;
    for (const { change, position, trace } of changes) {
      const causeKey = causeKeyOf(change);
      if (handled.has(causeKey)) continue;
      handled.add(causeKey);
      const record = stored.causes.get(causeKey);
      if (record !== undefined) {
        if (!record.published) plan.unpublished.push({ leadId: stored.leadId, causeKey, outbox: record.outbox, trace });
        continue;
      }
      if (BigInt(position.offset) <= (stored.appliedOffsets.get(`${position.topic}:${position.partition}`) ?? -1n)) continue;

      const lead = plan.lead;
      const signal = toSignal(change);
      const decision = decideOnSignal(lead.lifecycle, signal, rules);
      const held = heldByFit(lead.lifecycle, signal, rules);
      const recorded = recordSignal(lead.lifecycle, signal, rules);
      const step = change.causeEventType === PROFILE_UPDATED_CAUSE ? undefined : journeyStepOf(change);
      const at = decidedAt(signal);
      const state: Record<string, string> = {
        score: String(change.score),
        engagement: String(change.engagement),
        fit: String(change.fit),
        grade: change.grade,
        modelVersion: change.modelVersion,
        profile: JSON.stringify(change.profile),
        scoredAsOf: at,
        ...(change.engagementTrail === undefined ? {} : { engagementTrail: JSON.stringify(change.engagementTrail) }),
        engagementRules: JSON.stringify(change.engagementRules),
        fitRules: JSON.stringify(change.fitRules),
        highIntent: JSON.stringify(recorded.highIntent),
        [offsetField(position.topic, position.partition)]: position.offset,
        ...(recorded.lastActivityAt === undefined ? {} : { lastActivityAt: recorded.lastActivityAt }),
        // Shown with the lead while it stays in this stage: what it met, and the fit it lacked.
        ...(held === undefined ? {} : { heldByFit: JSON.stringify({ ...held, stage: decision.kind === 'move' ? decision.to : lead.lifecycle.stage, at }) }),
      };
      const outbox: OutboxMessage[] = [];
      if (step !== undefined) plan.journey.push(JSON.stringify(step));
      if (decision.kind === 'move') {
        // A transition happens when Baton could take it: when its cause entered the log. A replay keeps that time; a
        // backfilled event moves the lead now, not in the past (docs/stages.md).
        const planned = planTransition({ lead, to: decision.to, rule: decision.rule, reason: decision.reason, causeKey, causeId: change.causeEventId, modelVersion: change.modelVersion, at });
        Object.assign(state, planned.state);
        plan.history.push(planned.historyEntry);
        outbox.push(planned.stageChanged);
        if (decision.to === 'mql' || decision.to === 'sql') {
          journey ??= (await this.store.journey(stored.leadId)).map((entry) => JSON.parse(entry) as JourneyStepV1);
          const sofar = [...journey, ...plan.journey.map((entry) => JSON.parse(entry) as JourneyStepV1)];
          outbox.push(leadQualifiedMessage({ change, stage: decision.to, previousStage: lead.lifecycle.stage, rule: decision.rule, reason: decision.reason, journey: sofar, at: new Date().toISOString() }));
        }
        plan.moves.push({ from: lead.lifecycle.stage, to: decision.to, rule: decision.rule, reason: decision.reason.kind, causeId: change.causeEventId, scoredAt: change.scoredAt, trace });
      }
      Object.assign(plan.state, state);
      plan.causes.push({ causeKey, outbox, trace });
      plan.lead = { ...leadRecordOf(stored.leadId, { ...lead.fields, ...state }), causes: stored.causes };
    }
    return plan;
  }

  private noteMove(leadId: string, move: SlicePlan['moves'][number]): void {
    // Logged under the trace of the message that caused it, as a message handled alone would be.
    const log = (): void => this.logger.log(`lead ${leadId} ${move.from} -> ${move.to} (${move.rule}, cause ${move.causeId})`);
    if (move.trace === undefined) log();
    else runWithTrace(move.trace, log);
    if (move.to !== 'mql' && move.to !== 'sql') return;
    this.metrics.qualifications.inc({ stage: move.to, reason: move.reason });
    const seconds = BatonMetrics.secondsSince(move.scoredAt);
    if (seconds !== undefined) this.metrics.scoreToQualification.observe(seconds);
  }
}

interface SlicePlan {
  /** The lead as the changes planned so far leave it. */
  lead: LeadRecord;
  readonly causes: (CommittedCause & { readonly trace?: MessageTrace })[];
  /** Changes stored by an earlier attempt but not published. */
  readonly unpublished: PendingOutbox[];
  readonly state: Record<string, string>;
  readonly history: string[];
  readonly journey: string[];
  readonly moves: { from: string; to: string; rule: string; reason: string; causeId: string; scoredAt: string; trace?: MessageTrace }[];
}

/** Score changes are deduplicated by their id: a re-emitted change keeps it. */
function causeKeyOf(change: ScoreChangedV1): string {
  return `sc:${change.scoreChangeId}`;
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
