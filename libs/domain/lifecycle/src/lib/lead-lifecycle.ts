import type { FieldSource, Grade } from '@baton/scoring-domain';
import type { Stage } from './stage';

/** One ScoreChanged message, as lifecycle sees it. */
export interface ScoringSignal {
  /** Event id or profile update id. */
  readonly causeId: string;
  /** Event type, or PROFILE_UPDATED_CAUSE. */
  readonly causeType: string;
  /** The event's properties (undefined for profile updates). */
  readonly causeProperties?: FieldSource;
  /** ISO time of the cause. */
  readonly occurredAt: string;
  /**
   * The time the decision is taken as of: when the cause entered the log (the lead's latest such time). The score is
   * as of then; windows end then. Absent in messages from before it was kept: the cause's own time.
   */
  readonly asOf?: string;
  readonly score: number;
  readonly engagement: number;
  readonly fit: number;
  readonly grade: Grade;
  readonly firedRules: readonly { readonly ruleId: string; readonly points: number }[];
  /** The lead's merged profile after this cause (email, seniority, company.*, bant.*). */
  readonly profile: FieldSource;
  /**
   * A visitor known only by a tracker's anonymous id: there is nobody to call yet, so it stays a visitor
   * whatever it does; once identified, its activity counts for the identified lead.
   */
  readonly anonymous?: boolean;
}

/**
 * The cause type of a profile update: not an activity of the lead. The value ScoreChangedV1 carries (the contracts'
 * PROFILE_UPDATED_CAUSE, under the same name), stated here because the domain imports no contract.
 */
export const PROFILE_UPDATED_CAUSE = 'profile_updated';

/** What lifecycle keeps per lead, besides its history. */
export interface LeadLifecycle {
  readonly stage: Stage;
  /** When it entered its stage: when Baton took that decision. */
  readonly since?: string;
  /** Latest event time seen (profile updates are not activity). */
  readonly lastActivityAt?: string;
  /** Engagement when the lead was last recycled. */
  readonly recycledAtEngagement?: number;
  /** Recent high-intent activities, kept pruned to the activities window. */
  readonly highIntent: readonly { readonly ruleId: string; readonly at: string }[];
}

export type StageRuleId = 'contact' | 'mql_threshold' | 'sql_fast_track' | 'sql_criteria' | 'sql_activities' | `disqualify:${string}` | 'recycle_inactive';

/** Why a lead moved: recorded with the transition and shown to sales ("why it qualified now"). */
export type QualificationReason =
  | { readonly kind: 'identified'; readonly by: string }
  | { readonly kind: 'score_threshold'; readonly minEngagement: number; readonly engagement: number; readonly minGrade: Grade; readonly grade: Grade }
  | { readonly kind: 'fast_track'; readonly action: string; readonly grade: Grade; readonly minGrade: Grade }
  | { readonly kind: 'criteria'; readonly minScore: number; readonly score: number; readonly bantMet: readonly string[]; readonly bantAtLeast: number; readonly grade: Grade; readonly minGrade: Grade }
  | { readonly kind: 'activities'; readonly activities: readonly string[]; readonly distinct: number; readonly withinDays: number; readonly grade: Grade; readonly minGrade: Grade }
  | { readonly kind: 'disqualified'; readonly ruleId: string }
  | { readonly kind: 'inactive'; readonly lastActivityAt?: string; readonly idleSince: string; readonly inactiveDays: number };

/** A path to MQL or SQL that a cause met in everything but the lead's fit: why the lead stayed where it is. */
export interface FitGateHold {
  readonly rule: StageRuleId;
  readonly grade: Grade;
  readonly minGrade: Grade;
  readonly causeId: string;
}

export type LifecycleDecision =
  | { readonly kind: 'stay'; readonly why: 'no_rule_met' | 'final_stage' | 'already_beyond' | 'anonymous' | 'fit_gate' }
  | { readonly kind: 'move'; readonly to: Stage; readonly rule: StageRuleId; readonly reason: QualificationReason };

export const DAY_MS = 86_400_000;
