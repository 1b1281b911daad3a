import type { FieldSource } from './conditions/match-conditions';
import { activityField, dayOf, withIncrements, type ActivityCounts } from './engagement/activity';
import { engagementScore, ruleTotals, type EngagementTrail, type RulePoints } from './engagement/engagement-score';
import { rulesFiredBy } from './engagement/fire-rules';
import { fitScore } from './fit/fit-score';
import type { Grade, ScoringModel } from './model/scoring-model';
import { mergeProfile, type LeadProfile, type ProfilePatch } from './profile/lead-profile';

/** Everything scoring keeps of a lead; the score is a function of it and the model. */
export interface LeadScoringState {
  readonly activity: ActivityCounts;
  readonly profile: LeadProfile;
  /** UTC day of the latest event seen: engagement is never scored as of an earlier day. */
  readonly latestEventDay?: number;
  /**
   * The latest time one of the lead's causes entered the log (its record's timestamp): the lead's decisions are
   * taken as of then, never as of the clock, so a replay decides as the live run did. It never goes back.
   */
  readonly loggedUpTo?: string;
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
  /** The time the score is as of (undefined: as of the latest event's day, no cause having a log time). */
  readonly asOf?: string;
  /** What the engagement on a later day depends on: the lead view's "as of now" without the activity counts. */
  readonly engagementTrail: EngagementTrail;
}

export interface ScorableEvent {
  readonly eventId: string;
  readonly type: string;
  /** ISO-8601 with a zone. */
  readonly occurredAt: string;
  readonly properties?: FieldSource;
}

/**
 * The lead's score as of `asOf` (an ISO time), by default as of the time its latest cause entered the log,
 * engagement decayed up to that day; with neither, as of the day of its latest event. Never before that day: an
 * event dated a little ahead of the clock still counts.
 */
export function scoreLead(model: ScoringModel, state: LeadScoringState, asOf: string | undefined = state.loggedUpTo): LeadScore {
  const asOfDay = state.latestEventDay === undefined ? undefined : asOf === undefined ? state.latestEventDay : Math.max(dayOf(asOf), state.latestEventDay);
  const engagement = asOfDay === undefined ? { engagement: 0, rules: [], trail: { days: [] } } : engagementScore(model, state.activity, asOfDay);
  const fit = fitScore(model, state.profile);
  return {
    score: engagement.engagement + fit.fit,
    engagement: engagement.engagement,
    fit: fit.fit,
    grade: fit.grade,
    engagementRules: engagement.rules,
    fitRules: fit.rules,
    modelVersion: model.version,
    asOf,
    engagementTrail: engagement.trail,
  };
}

/** The state once a cause that entered the log at `loggedAt` is known: the lead's clock moves forward only. */
export function withLogTime(state: LeadScoringState, at: string | undefined): LeadScoringState {
  if (at === undefined || (state.loggedUpTo !== undefined && Date.parse(state.loggedUpTo) >= Date.parse(at))) return state;
  return { ...state, loggedUpTo: at };
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

/** A cause as it sits in the log, with the time it entered it when known. */
export type ScoringCause =
  | { readonly kind: 'event'; readonly event: ScorableEvent; readonly loggedAt?: string }
  | { readonly kind: 'profile'; readonly updateId: string; readonly traits: ProfilePatch; readonly loggedAt?: string };

/**
 * A lead's score after these causes, in order, each id counted once, as of `asOf` (by default the latest time one of
 * them entered the log; see scoreLead): the oracle that the Redis-backed service, replays and backtests are checked against.
 */
export function scoreHistory(model: ScoringModel, causes: readonly ScoringCause[], asOf?: string): LeadScore {
  const seen = new Set<string>();
  let state = EMPTY_LEAD_STATE;
  for (const cause of causes) {
    const id = cause.kind === 'event' ? `e:${cause.event.eventId}` : `p:${cause.updateId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    state = withLogTime(cause.kind === 'event' ? applyEvent(model, state, cause.event).state : applyProfileUpdate(state, cause.traits), cause.loggedAt);
  }
  return scoreLead(model, state, asOf ?? state.loggedUpTo);
}
