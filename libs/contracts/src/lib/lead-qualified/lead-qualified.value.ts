import { Type } from 'class-transformer';
import { Equals, IsDefined, IsIn, IsInt, IsString, MinLength, ValidateNested } from 'class-validator';
import { Id, Timestamp } from '../validation/contract-decorators';

export const QUALIFIED_STAGES = ['mql'] as const;
export type QualifiedStage = (typeof QUALIFIED_STAGES)[number];

/** Why the lead qualified now: the score crossed the stage's threshold. */
export class ScoreThresholdReasonV1 {
  @Equals('score_threshold', { message: 'must be "score_threshold"' })
  kind!: 'score_threshold';

  @IsInt({ message: 'must be a whole number' })
  threshold!: number;

  @IsInt({ message: 'must be a whole number' })
  score!: number;
}

/**
 * A lead reached a qualified stage. Emitted once per qualification; `qualificationId` is stable across
 * retries and replays, so consumers (the notifier, CRM sync) can deduplicate by it.
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

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => ScoreThresholdReasonV1)
  reason!: ScoreThresholdReasonV1;

  @IsInt({ message: 'must be a whole number' })
  score!: number;

  /** The engagement event whose score change qualified the lead. */
  @Id()
  causeEventId!: string;

  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  modelVersion!: string;

  @Timestamp()
  qualifiedAt!: string;
}
