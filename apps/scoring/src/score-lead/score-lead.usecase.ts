import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PROFILE_UPDATED_CAUSE, type ScoreChangedV1 } from '@baton/contracts';
import { applyEachOnce, type SliceCause } from '@baton/redis';
import { datedTrail, LeadScorer, type LeadScore, type ProfilePatch, type RulePoints, type ScoringModel } from '@baton/scoring-domain';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { LeadStateStore, type LeadSnapshot, type ScoredSlice } from './lead-state.store';
import { causeKeyOf, type PendingChange, type ScoringInput } from './scoring-input';

/**
 * Scores a slice of one lead's inputs, in log order, each once (applyEachOnce): applies each new input to the lead's
 * state with the current model, scores the lead as of the time the input entered the log, and commits the slice's
 * changes at once. An input applied before changes nothing; its change comes back if it was stored but not published.
 */
@Injectable()
export class ScoreLeadUseCase {
  constructor(
    private readonly models: ScoringModelHolder,
    private readonly store: LeadStateStore,
  ) {}

  async execute(leadId: string, inputs: readonly ScoringInput[]): Promise<PendingChange[]> {
    const causes = inputs.map((input) => ({ causeKey: causeKeyOf(input), position: input.position, cause: input }));
    const applied = await applyEachOnce(
      leadId,
      causes,
      (causeKeys) => this.store.read(leadId, causeKeys),
      (snapshot, fresh) => {
        const slice = scoreSlice(this.models.current, leadId, snapshot, fresh);
        return { result: slice.changes, commit: () => this.store.commit(slice) };
      },
    );
    return [...applied.unpublished.map(({ causeKey, payload, cause }) => ({ leadId, causeKey, payload, ...causeOf(cause) })), ...(applied.decided ?? [])];
  }
}

function scoreSlice(model: ScoringModel, leadId: string, snapshot: LeadSnapshot, inputs: readonly SliceCause<ScoringInput>[]): ScoredSlice & { readonly changes: PendingChange[] } {
  const scorer = LeadScorer.of(model, snapshot.state);
  const increments: string[] = [];
  const changes: PendingChange[] = [];
  let score: LeadScore | undefined;
  for (const { causeKey, cause: input } of inputs) {
    let fired: readonly RulePoints[] | undefined;
    if (input.kind === 'event') {
      const applied = scorer.applyEvent(input.event);
      increments.push(...applied.increments);
      fired = applied.firedRules;
    } else {
      scorer.applyProfileUpdate(input.update.traits as ProfilePatch);
    }
    scorer.noteLogTime(input.loggedAt);
    const previous = score?.score ?? snapshot.lastScore;
    score = scorer.score();
    const change: ScoreChangedV1 = {
      scoreChangeId: scoreChangeIdFor(leadId, causeKey),
      leadId,
      causeEventId: input.kind === 'event' ? input.event.eventId : input.update.updateId,
      ...causeOf(input),
      score: score.score,
      delta: score.score - previous,
      engagement: score.engagement,
      fit: score.fit,
      grade: score.grade,
      // A profile update fires the fit rules the lead satisfies after it.
      firedRules: [...(fired ?? score.fitRules)],
      engagementRules: [...score.engagementRules],
      fitRules: [...score.fitRules],
      causeProperties: input.kind === 'event' ? input.event.properties : undefined,
      profile: { ...scorer.profile },
      modelVersion: model.version,
      asOf: score.asOf,
      engagementTrail: datedTrail(score.engagementTrail),
      scoredAt: new Date().toISOString(),
    };
    changes.push({ leadId, causeKey, payload: JSON.stringify(change), causeEventType: change.causeEventType, occurredAt: change.occurredAt });
  }
  const state = { profile: scorer.profile, latestEventDay: scorer.latestEventDay, loggedUpTo: scorer.loggedUpTo };
  return { leadId, version: snapshot.version, state, score: score as LeadScore, increments, positions: inputs.map(({ cause }) => cause.position), changes };
}

/** The type and time of the cause a change is about: what the metrics count. */
function causeOf(input: ScoringInput): Pick<ScoreChangedV1, 'causeEventType' | 'occurredAt'> {
  return input.kind === 'event' ? { causeEventType: input.event.type, occurredAt: input.event.occurredAt } : { causeEventType: PROFILE_UPDATED_CAUSE, occurredAt: input.update.updatedAt };
}

export function scoreChangeIdFor(leadId: string, causeKey: string): string {
  return `sc_${createHash('sha256').update(`${leadId}\u0000${causeKey}`).digest('hex').slice(0, 32)}`;
}
