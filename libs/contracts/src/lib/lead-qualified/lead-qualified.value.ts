import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { FIT_GRADES, RuleList, type FitGrade, type RulePointsV1 } from '../score-changed/score-changed.value';
import { Id, KindedObject, NonNegativeInt, Timestamp } from '../validation/contract-decorators';

/** The stages that qualify a lead: reaching one sends a LeadQualified message (an alert to sales). */
export const QUALIFIED_STAGES = ['mql', 'sql'] as const;
export type QualifiedStage = (typeof QUALIFIED_STAGES)[number];

export function isQualifiedStage(stage: string): stage is QualifiedStage {
  return (QUALIFIED_STAGES as readonly string[]).includes(stage);
}

/**
 * Why the lead qualified now. `score_threshold` (MQL: engagement and grade; `threshold`/`score` are the
 * engagement threshold and engagement), `fast_track` (`action`, the hand-raising event), `criteria` (`minScore`,
 * `score`, `bantMet`), `activities` (`activities`, `distinct`, `withinDays`).
 */
export const QUALIFICATION_REASON_KINDS = ['score_threshold', 'fast_track', 'criteria', 'activities'] as const;
export type QualificationReasonKind = (typeof QUALIFICATION_REASON_KINDS)[number];
export type QualificationReasonV1 = { readonly kind: QualificationReasonKind } & Readonly<Record<string, unknown>>;

/** One step of the lead's engagement, oldest first: what they viewed, downloaded, searched, opened. */
export class JourneyStepV1 {
  @Timestamp()
  at!: string;

  @IsString({ message: 'must be a string' })
  type!: string;

  /** The rule it fired, if any. */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  ruleId?: string;

  @IsInt({ message: 'must be a whole number' })
  points!: number;

  /** The page, the search terms or the asset, when the event named one. */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  detail?: string;
}

export class ScoreBreakdownV1 {
  @RuleList()
  engagementRules!: RulePointsV1[];

  @RuleList()
  fitRules!: RulePointsV1[];
}

/**
 * A lead reached a qualified stage (MQL or SQL), with what a salesperson needs to call: who, why now, the
 * grade and breakdown, the top signals and the journey. Emitted once per qualification; `qualificationId` is
 * stable across retries and replays, so consumers (the notifier, CRM sync) can deduplicate by it.
 */
export class LeadQualifiedV1 {
  @Id()
  qualificationId!: string;

  @Id()
  leadId!: string;

  @IsIn(QUALIFIED_STAGES, { message: `must be one of: ${QUALIFIED_STAGES.join(', ')}` })
  stage!: QualifiedStage;

  @IsString({ message: 'must be a string' })
  previousStage!: string;

  /** The rule that qualified the lead (`mql_threshold`, `sql_fast_track`, `sql_criteria`, `sql_activities`). */
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  rule!: string;

  @IsDefined({ message: 'is required' })
  @KindedObject(QUALIFICATION_REASON_KINDS)
  reason!: QualificationReasonV1;

  /** engagement + fit */
  @IsInt({ message: 'must be a whole number' })
  score!: number;

  @NonNegativeInt()
  engagement!: number;

  @NonNegativeInt()
  fit!: number;

  @IsIn(FIT_GRADES, { message: `must be one of: ${FIT_GRADES.join(', ')}` })
  grade!: FitGrade;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => ScoreBreakdownV1)
  breakdown!: ScoreBreakdownV1;

  /** The engagement rules that earned the most, most first (at most 5). */
  @RuleList()
  topSignals!: RulePointsV1[];

  /** The lead's engagement in order (the latest 50 steps). */
  @IsArray({ message: 'must be a list' })
  @ValidateNested({ each: true })
  @Type(() => JourneyStepV1)
  journey!: JourneyStepV1[];

  /** Who the lead is: name, e-mail, title, seniority, company. */
  @IsObject({ message: 'must be a JSON object' })
  profile!: Record<string, unknown>;

  /** The event (or profile update) whose score change qualified the lead. */
  @Id()
  causeEventId!: string;

  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  modelVersion!: string;

  @Timestamp()
  qualifiedAt!: string;
}
