import {
  applyEvent,
  applyProfileUpdate,
  EMPTY_LEAD_STATE,
  scoreLead,
  scoringCauseKey,
  withLogTime,
  type FieldSource,
  type LeadScoringState,
  type ProfilePatch,
  type RulePoints,
  type ScorableEvent,
  type ScoringModel,
} from '@baton/scoring-domain';
import { decideOnSignal, recordSignal } from './decide-on-signal';
import { PROFILE_UPDATED_CAUSE, type LeadLifecycle, type ScoringSignal } from './lead-lifecycle';
import { INITIAL_STAGE, type Stage } from './stage';

/**
 * What scoring consumes for a lead, as it sits in the log: an engagement event or a profile update, with the time
 * it entered the log (its record's timestamp) when known; without it, decisions are as of the latest event's day.
 */
export type JourneyCause =
  | { readonly kind: 'event'; readonly event: ScorableEvent; readonly loggedAt?: string }
  | { readonly kind: 'profile'; readonly updateId: string; readonly updatedAt: string; readonly traits: ProfilePatch; readonly loggedAt?: string };

/** Where a lead ends after its causes: its score, its stage and every stage it moved to, in order. */
export interface LeadJourney {
  readonly score: number;
  readonly stage: Stage;
  readonly reached: readonly Stage[];
}

/**
 * The pure domain's answer for one lead whose causes arrive in this order: scoring, then lifecycle's stage rules,
 * cause by cause, each id counted once, each decided as of the time it entered the log, as the services do. The
 * reference that replays and the chaos suite check the running system against; it reads no clock, so it answers the
 * same whenever it runs. Inactivity and sales feedback are not causes here.
 */
export function leadJourney(model: ScoringModel, causes: readonly JourneyCause[]): LeadJourney {
  const seen = new Set<string>();
  let scoring: LeadScoringState = EMPTY_LEAD_STATE;
  let lifecycle: LeadLifecycle = { stage: INITIAL_STAGE, highIntent: [] };
  const reached: Stage[] = [];
  for (const cause of causes) {
    const causeId = cause.kind === 'event' ? cause.event.eventId : cause.updateId;
    const causeKey = scoringCauseKey(cause.kind, causeId);
    if (seen.has(causeKey)) continue;
    seen.add(causeKey);
    let firedRules: readonly RulePoints[] = [];
    if (cause.kind === 'event') {
      const applied = applyEvent(model, scoring, cause.event);
      scoring = applied.state;
      firedRules = applied.firedRules;
    } else scoring = applyProfileUpdate(scoring, cause.traits);
    scoring = withLogTime(scoring, cause.loggedAt);
    const score = scoreLead(model, scoring);
    const signal: ScoringSignal = {
      causeId,
      causeType: cause.kind === 'event' ? cause.event.type : PROFILE_UPDATED_CAUSE,
      causeProperties: cause.kind === 'event' ? cause.event.properties : undefined,
      occurredAt: cause.kind === 'event' ? cause.event.occurredAt : cause.updatedAt,
      asOf: score.asOf,
      score: score.score,
      engagement: score.engagement,
      fit: score.fit,
      grade: score.grade,
      firedRules,
      profile: scoring.profile as FieldSource,
    };
    const decision = decideOnSignal(lifecycle, signal, model.stages);
    lifecycle = recordSignal(lifecycle, signal, model.stages);
    if (decision.kind === 'move') {
      lifecycle = { ...lifecycle, stage: decision.to };
      reached.push(decision.to);
    }
  }
  return { score: scoreLead(model, scoring).score, stage: lifecycle.stage, reached };
}
