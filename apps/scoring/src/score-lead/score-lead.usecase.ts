import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PROFILE_UPDATED_CAUSE, type ScoreChangedV1 } from '@baton/contracts';
import { datedTrail, LeadScorer, type LeadScore, type ProfilePatch, type RulePoints, type ScoringModel } from '@baton/scoring-domain';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { LeadStateStore, offsetField, type LeadSnapshot } from './lead-state.store';
import { causeKeyOf, type PendingChange, type ScoringInput } from './scoring-input';

const MAX_CONFLICTS = 10;

export class LeadStateContendedError extends Error {
  constructor(leadId: string) {
    super(`lead ${leadId}: its state kept changing under ${MAX_CONFLICTS} attempts to commit`);
    this.name = 'LeadStateContendedError';
  }
}

/**
 * Scores a slice of one lead's inputs, in log order: reads the lead's state, applies each new input with the
 * current model, scores the lead as of the time the input entered the log, and commits them in one Lua call that
 * refuses if the state moved meanwhile (then it reads again). An input seen before (same id, or at or below the lead's applied offset) changes nothing;
 * its change is returned again if it was stored but not yet published, so a crash at any point loses none.
 */
@Injectable()
export class ScoreLeadUseCase {
  constructor(
    private readonly models: ScoringModelHolder,
    private readonly store: LeadStateStore,
  ) {}

  async execute(leadId: string, inputs: readonly ScoringInput[]): Promise<PendingChange[]> {
    const causeKeys = [...new Set(inputs.map(causeKeyOf))];
    for (let attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
      const model = this.models.current;
      const snapshot = await this.store.read(leadId, causeKeys);
      const plan = planCommit(model, leadId, snapshot, inputs);
      if (plan.records.length === 0) return plan.unpublished;
      const result = await this.store.commit({ leadId, version: snapshot.version, increments: plan.increments, state: plan.state, records: plan.records });
      if (result === 'committed') return [...plan.unpublished, ...plan.records.map((record) => ({ leadId, ...record }))];
    }
    throw new LeadStateContendedError(leadId);
  }
}

interface CommitPlan {
  readonly increments: string[];
  readonly state: Record<string, string>;
  readonly records: { causeKey: string; payload: string; causeEventType: string; occurredAt: string }[];
  /** Changes stored by an earlier attempt but not published. */
  readonly unpublished: PendingChange[];
}

function planCommit(model: ScoringModel, leadId: string, snapshot: LeadSnapshot, inputs: readonly ScoringInput[]): CommitPlan {
  const plan: CommitPlan = { increments: [], state: {}, records: [], unpublished: [] };
  const handled = new Set<string>();
  const scorer = LeadScorer.of(model, snapshot.state);
  let lastScore: LeadScore | undefined;
  for (const input of inputs) {
    const causeKey = causeKeyOf(input);
    if (handled.has(causeKey)) continue;
    handled.add(causeKey);
    const stored = snapshot.records.get(causeKey);
    if (stored !== undefined) {
      if (!stored.published) {
        const { causeEventType, occurredAt } = JSON.parse(stored.payload) as Pick<ScoreChangedV1, 'causeEventType' | 'occurredAt'>;
        plan.unpublished.push({ leadId, causeKey, payload: stored.payload, causeEventType, occurredAt });
      }
      continue;
    }
    const { topic, partition, offset } = input.position;
    if (BigInt(offset) <= (snapshot.appliedOffsets.get(`${topic}:${partition}`) ?? -1n)) continue;

    const fired = applyInput(scorer, input, plan.increments);
    scorer.noteLogTime(input.loggedAt);
    const score = scorer.score();
    const firedRules = fired ?? score.fitRules;
    const change: ScoreChangedV1 = {
      scoreChangeId: scoreChangeIdFor(leadId, causeKey),
      leadId,
      causeEventId: input.kind === 'event' ? input.event.eventId : input.update.updateId,
      causeEventType: input.kind === 'event' ? input.event.type : PROFILE_UPDATED_CAUSE,
      score: score.score,
      delta: score.score - (lastScore?.score ?? snapshot.lastScore),
      engagement: score.engagement,
      fit: score.fit,
      grade: score.grade,
      firedRules: [...firedRules],
      engagementRules: [...score.engagementRules],
      fitRules: [...score.fitRules],
      causeProperties: input.kind === 'event' ? input.event.properties : undefined,
      profile: { ...scorer.profile },
      modelVersion: model.version,
      occurredAt: input.kind === 'event' ? input.event.occurredAt : input.update.updatedAt,
      asOf: score.asOf,
      engagementTrail: datedTrail(score.engagementTrail),
      scoredAt: new Date().toISOString(),
    };
    lastScore = score;
    plan.records.push({ causeKey, payload: JSON.stringify(change), causeEventType: change.causeEventType, occurredAt: change.occurredAt });
    plan.state[offsetField(topic, partition)] = offset;
  }
  if (lastScore !== undefined) Object.assign(plan.state, stateFields(model, scorer, lastScore));
  return plan;
}

/** Fills the increments of an event's fired rules; returns the rules it fired, undefined for a profile update (which fires the fit rules that hold after it). */
function applyInput(scorer: LeadScorer, input: ScoringInput, increments: string[]): readonly RulePoints[] | undefined {
  if (input.kind === 'profile') {
    scorer.applyProfileUpdate(input.update.traits as ProfilePatch);
    return undefined;
  }
  const applied = scorer.applyEvent(input.event);
  increments.push(...applied.increments);
  return applied.firedRules;
}

function stateFields(model: ScoringModel, scorer: LeadScorer, score: LeadScore): Record<string, string> {
  return {
    score: String(score.score),
    engagement: String(score.engagement),
    fit: String(score.fit),
    grade: score.grade,
    modelVersion: model.version,
    profile: JSON.stringify(scorer.profile),
    ...(scorer.latestEventDay === undefined ? {} : { latestEventDay: String(scorer.latestEventDay) }),
    ...(scorer.loggedUpTo === undefined ? {} : { loggedUpTo: scorer.loggedUpTo }),
  };
}

export function scoreChangeIdFor(leadId: string, causeKey: string): string {
  return `sc_${createHash('sha256').update(`${leadId}\u0000${causeKey}`).digest('hex').slice(0, 32)}`;
}
