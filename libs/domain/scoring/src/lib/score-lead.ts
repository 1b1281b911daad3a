import type { FieldSource } from './conditions/match-conditions';
import { activityField, dayOf, withIncrements, type ActivityCounts } from './engagement/activity';
import { engagementScore, ruleTotals, type RulePoints } from './engagement/engagement-score';
import { rulesFiredBy } from './engagement/fire-rules';
import { fitScore } from './fit/fit-score';
import type { Grade, ScoringModel } from './model/scoring-model';
import { mergeProfile, type LeadProfile, type ProfilePatch } from './profile/lead-profile';

/** Everything scoring keeps of a lead; the score is a function of it and the model. */
export interface LeadScoringState {
  readonly activity: ActivityCounts;
  readonly profile: LeadProfile;
  /** UTC day of the latest event seen: engagement is scored as of then, not as of the clock. */
  readonly latestEventDay?: number;
}

export const EMPTY_LEAD_STATE: LeadScoringState = { activity: new Map(), profile: {} };

export interface LeadScore {
  /** engagement + fit */
  readonly score: number;
  readonly engagement: number;
  readonly fit: number;
  readonly grade: Grade;
  readonly engagementRules: readonly RulePoints[];
  readonly fitRules: readonly RulePoints[];
  readonly modelVersion: string;
}

export interface ScorableEvent {
  readonly eventId: string;
  readonly type: string;
  /** ISO-8601 with a zone. */
  readonly occurredAt: string;
  readonly properties?: FieldSource;
}

/**
 * The lead's score as of `asOf` (an ISO time: when the decision is taken, e.g. the time its cause entered the log),
 * engagement decayed up to that day; without it, as of the day of its latest event. Never before that day: an
 * event dated a little ahead of the clock still counts.
 */
export function scoreLead(model: ScoringModel, state: LeadScoringState, asOf?: string): LeadScore {
  const asOfDay = state.latestEventDay === undefined ? undefined : asOf === undefined ? state.latestEventDay : Math.max(dayOf(asOf), state.latestEventDay);
  const engagement = asOfDay === undefined ? { engagement: 0, rules: [] } : engagementScore(model, state.activity, asOfDay);
  const fit = fitScore(model, state.profile);
  return {
    score: engagement.engagement + fit.fit,
    engagement: engagement.engagement,
    fit: fit.fit,
    grade: fit.grade,
    engagementRules: engagement.rules,
    fitRules: fit.rules,
    modelVersion: model.version,
  };
}

export interface AppliedEvent {
  readonly state: LeadScoringState;
  /** The activity fields (rule and day) the event adds one to: what the store increments. */
  readonly increments: readonly string[];
  /** The rules the event fired and what each added after its cap (0 when the cap was reached). */
  readonly firedRules: readonly RulePoints[];
}

export function applyEvent(model: ScoringModel, state: LeadScoringState, event: ScorableEvent): AppliedEvent {
  const day = dayOf(event.occurredAt);
  const fired = rulesFiredBy(model, event);
  const increments = fired.map((ruleId) => activityField(ruleId, day));
  const activity = withIncrements(state.activity, increments);
  // Only the fired rules' totals can change: pricing the others too made scoring's hottest path.
  const rules = new Set(fired);
  const before = ruleTotals(model, state.activity, rules);
  const after = ruleTotals(model, activity, rules);
  return {
    state: { ...state, activity, latestEventDay: Math.max(day, state.latestEventDay ?? day) },
    increments,
    firedRules: fired.map((ruleId) => ({ ruleId, points: (after.get(ruleId) ?? 0) - (before.get(ruleId) ?? 0) })),
  };
}

export function applyProfileUpdate(state: LeadScoringState, patch: ProfilePatch): LeadScoringState {
  return { ...state, profile: mergeProfile(state.profile, patch) };
}

export type ScoringCause =
  | { readonly kind: 'event'; readonly event: ScorableEvent }
  | { readonly kind: 'profile'; readonly updateId: string; readonly traits: ProfilePatch };

/**
 * A lead's score after these causes, in order, each id counted once, as of `asOf` (see scoreLead): the oracle that
 * the Redis-backed service, replays and backtests are checked against.
 */
export function scoreHistory(model: ScoringModel, causes: readonly ScoringCause[], asOf?: string): LeadScore {
  const seen = new Set<string>();
  let state = EMPTY_LEAD_STATE;
  for (const cause of causes) {
    const id = cause.kind === 'event' ? `e:${cause.event.eventId}` : `p:${cause.updateId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    state = cause.kind === 'event' ? applyEvent(model, state, cause.event).state : applyProfileUpdate(state, cause.traits);
  }
  return scoreLead(model, state, asOf);
}
