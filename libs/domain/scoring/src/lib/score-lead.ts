import { scoringCauseKey } from './cause-key';
import type { FieldSource } from './conditions/match-conditions';
import { activityField, dayOf, type ActivityCounts } from './engagement/activity';
import { EngagementLedger } from './engagement/engagement-ledger';
import { ledgerEngagement, type EngagementTrail, type RulePoints } from './engagement/engagement-score';
import { rulesFiredBy } from './engagement/fire-rules';
import { fitScore, type FitScore } from './fit/fit-score';
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
  return LeadScorer.of(model, state).score(asOf);
}

/** The state once a cause that entered the log at `loggedAt` is known: the lead's clock moves forward only. */
export function withLogTime(state: LeadScoringState, at: string | undefined): LeadScoringState {
  return later(state.loggedUpTo, at) === state.loggedUpTo ? state : { ...state, loggedUpTo: at };
}

export interface AppliedEvent {
  readonly state: LeadScoringState;
  /** The activity fields (rule and day) the event adds one to: what the store increments. */
  readonly increments: readonly string[];
  /** The rules the event fired and what each added after its cap (0 when the cap was reached). */
  readonly firedRules: readonly RulePoints[];
}

export function applyEvent(model: ScoringModel, state: LeadScoringState, event: ScorableEvent): AppliedEvent {
  const scorer = LeadScorer.of(model, state);
  const applied = scorer.applyEvent(event);
  return { state: scorer.state, ...applied };
}

export function applyProfileUpdate(state: LeadScoringState, patch: ProfilePatch): LeadScoringState {
  return { ...state, profile: mergeProfile(state.profile, patch) };
}

/**
 * One lead's state changed in place, cause after cause, and scored after each: what scoring does with a slice of a
 * lead's causes and a replay with a lead's history. The engagement is kept priced (EngagementLedger) and the fit
 * scored once per profile, so an event costs what it changes, not what the lead did before. The functions above on
 * the immutable state are this, one cause at a time.
 */
export class LeadScorer {
  private readonly activity: Map<string, number>;
  private current: Omit<LeadScoringState, 'activity'>;
  private fit: FitScore | undefined;

  private constructor(
    private readonly model: ScoringModel,
    state: LeadScoringState,
    private readonly ledger: EngagementLedger,
  ) {
    this.activity = new Map(state.activity);
    this.current = { profile: state.profile, latestEventDay: state.latestEventDay, loggedUpTo: state.loggedUpTo };
  }

  static of(model: ScoringModel, state: LeadScoringState = EMPTY_LEAD_STATE): LeadScorer {
    return new LeadScorer(model, state, EngagementLedger.of(model, state.activity));
  }

  /** The state as it stands: its activity is a copy, the scorer's own goes on changing. */
  get state(): LeadScoringState {
    return { ...this.current, activity: new Map(this.activity) };
  }

  get profile(): LeadProfile {
    return this.current.profile;
  }

  get latestEventDay(): number | undefined {
    return this.current.latestEventDay;
  }

  get loggedUpTo(): string | undefined {
    return this.current.loggedUpTo;
  }

  applyEvent(event: ScorableEvent): Omit<AppliedEvent, 'state'> {
    const day = dayOf(event.occurredAt);
    const fired = rulesFiredBy(this.model, event);
    const increments = fired.map((ruleId) => activityField(ruleId, day));
    for (const field of increments) this.activity.set(field, (this.activity.get(field) ?? 0) + 1);
    this.current = { ...this.current, latestEventDay: Math.max(day, this.current.latestEventDay ?? day) };
    return { increments, firedRules: fired.map((ruleId) => ({ ruleId, points: this.ledger.add(ruleId, day) })) };
  }

  applyProfileUpdate(patch: ProfilePatch): void {
    this.current = { ...this.current, profile: mergeProfile(this.current.profile, patch) };
    this.fit = undefined;
  }

  /** The time a cause entered the log: the lead's clock moves forward only. */
  noteLogTime(at: string | undefined): void {
    const loggedUpTo = later(this.current.loggedUpTo, at);
    if (loggedUpTo !== this.current.loggedUpTo) this.current = { ...this.current, loggedUpTo };
  }

  score(asOf: string | undefined = this.loggedUpTo): LeadScore {
    const asOfDay = this.latestEventDay === undefined ? undefined : asOf === undefined ? this.latestEventDay : Math.max(dayOf(asOf), this.latestEventDay);
    const engagement = asOfDay === undefined ? { engagement: 0, rules: [], trail: { days: [] } } : ledgerEngagement(this.model.engagement.decay, this.ledger, asOfDay);
    const fit = (this.fit ??= fitScore(this.model, this.profile));
    return {
      score: engagement.engagement + fit.fit,
      engagement: engagement.engagement,
      fit: fit.fit,
      grade: fit.grade,
      engagementRules: engagement.rules,
      fitRules: fit.rules,
      modelVersion: this.model.version,
      asOf,
      engagementTrail: engagement.trail,
    };
  }
}

function later(known: string | undefined, at: string | undefined): string | undefined {
  if (at === undefined || (known !== undefined && Date.parse(known) >= Date.parse(at))) return known;
  return at;
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
  const scorer = LeadScorer.of(model);
  for (const cause of causes) {
    const id = scoringCauseKey(cause.kind, cause.kind === 'event' ? cause.event.eventId : cause.updateId);
    if (seen.has(id)) continue;
    seen.add(id);
    if (cause.kind === 'event') scorer.applyEvent(cause.event);
    else scorer.applyProfileUpdate(cause.traits);
    scorer.noteLogTime(cause.loggedAt);
  }
  return scorer.score(asOf);
}
