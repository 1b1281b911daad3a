import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MinLength, ValidateNested } from 'class-validator';
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

  /** What the lead does: points earned by behaviour, after caps and decay (at the lead's latest event time). */
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

  @Timestamp()
  scoredAt!: string;
}
