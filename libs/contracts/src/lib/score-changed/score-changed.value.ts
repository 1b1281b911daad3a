import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Min, MinLength, ValidateNested } from 'class-validator';
import { Id, NonNegativeInt, Timestamp } from '../validation/contract-decorators';

export const FIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type FitGrade = (typeof FIT_GRADES)[number];

/** The cause type of a change made by a profile update rather than an engagement event. */
export const PROFILE_UPDATED_CAUSE = 'profile_updated';

/** Points one rule of the scoring model contributes. */
export class RulePointsV1 {
  @IsString({ message: 'must be a string' })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'must be a rule id (snake_case)' })
  ruleId!: string;

  @IsInt({ message: 'must be a whole number' })
  points!: number;
}

/** A list of { ruleId, points }, each validated. */
export function RuleList(): PropertyDecorator {
  return (target, key) => {
    IsArray({ message: 'must be a list of { ruleId, points }' })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => RulePointsV1)(target, key);
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function IsoDate(): PropertyDecorator {
  return (target, key) => {
    IsString({ message: 'must be a string' })(target, key);
    Matches(ISO_DATE, { message: 'must be a date, e.g. 2026-01-31' })(target, key);
  };
}

/** Engagement points (after caps) earned on one UTC day. */
export class DayPointsV1 {
  @IsoDate()
  on!: string;

  @IsInt({ message: 'must be a whole number' })
  points!: number;
}

/** The engagement left on a day from the days before it, folded in (unrounded). */
export class CarriedEngagementV1 {
  @IsoDate()
  on!: string;

  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must not be negative' })
  engagement!: number;
}

/**
 * What the lead's engagement on any later day depends on, under the model's decay: under a window, the days in it;
 * otherwise the engagement left on the last day that earned points (`carried`, no days). The lead view computes
 * engagement "as of now" from it.
 */
export class EngagementTrailV1 {
  @IsOptional()
  @ValidateNested()
  @Type(() => CarriedEngagementV1)
  carried?: CarriedEngagementV1;

  @IsArray({ message: 'must be a list of { on, points }' })
  @ValidateNested({ each: true })
  @Type(() => DayPointsV1)
  days!: DayPointsV1[];
}

/**
 * A lead was scored again because of one engagement event or one profile update. Produced by scoring, keyed
 * by leadId, one per cause (a redelivered cause is re-emitted with the same `scoreChangeId`, never scored twice).
 */
export class ScoreChangedV1 {
  /** Stable for the same cause, so a re-emitted change is recognised downstream. */
  @Id()
  scoreChangeId!: string;

  @Id()
  leadId!: string;

  /** The engagement event's eventId, or the profile update's updateId. */
  @Id()
  causeEventId!: string;

  /** The engagement event's type, or `profile_updated`. */
  @IsString({ message: 'must be a string' })
  causeEventType!: string;

  /** engagement + fit: the number the qualification thresholds compare with. */
  @NonNegativeInt()
  score!: number;

  /** How far `score` moved with this cause (0 when a cap or the floor absorbed it). */
  @IsInt({ message: 'must be a whole number' })
  delta!: number;

  /** What the lead does: points earned by behaviour, after caps and decay up to `asOf`. */
  @NonNegativeInt()
  engagement!: number;

  /** Who the lead is: points from the profile. */
  @NonNegativeInt()
  fit!: number;

  @IsIn(FIT_GRADES, { message: `must be one of: ${FIT_GRADES.join(', ')}` })
  grade!: FitGrade;

  /** The rules this cause fired and the points each actually added (after caps). */
  @RuleList()
  firedRules!: RulePointsV1[];

  /** Every engagement rule the lead has earned points from, after caps and before decay, most first. */
  @RuleList()
  engagementRules!: RulePointsV1[];

  /** Every fit rule the profile satisfies, most first. */
  @RuleList()
  fitRules!: RulePointsV1[];

  /** The engagement event's properties (url, query, ...), for rules over events and the lead's journey. */
  @IsOptional()
  @IsObject({ message: 'must be a JSON object' })
  causeProperties?: Record<string, unknown>;

  /** The lead's profile after this cause (traits merged in order), for qualification rules and alerts. */
  @IsObject({ message: 'must be a JSON object' })
  profile!: Record<string, unknown>;

  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  modelVersion!: string;

  /** Time of the cause (event time, or the profile update's time). */
  @Timestamp()
  occurredAt!: string;

  /**
   * The time the scores are as of: when the lead's latest cause entered the log (its record's timestamp). Decisions
   * on this change are taken as of then, so a replay takes them as the live run did. Absent in older messages.
   */
  @IsOptional()
  @Timestamp()
  asOf?: string;

  /** What engagement on a later day depends on: the lead view's "as of now". Absent in older messages. */
  @IsOptional()
  @ValidateNested()
  @Type(() => EngagementTrailV1)
  engagementTrail?: EngagementTrailV1;

  @Timestamp()
  scoredAt!: string;
}
