import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Id, Timestamp } from '../validation/contract-decorators';
import { LEAD_STAGES, type LeadStage } from './lead-stages';

const stageMessage = `must be one of: ${LEAD_STAGES.join(', ')}`;

/**
 * A lead moved from one stage to another. Produced by lifecycle for every transition, keyed by leadId, so that
 * CRMs and warehouses can follow each lead's stage; `transitionId` is stable across re-publication.
 */
export class LeadStageChangedV1 {
  @Id()
  transitionId!: string;

  @Id()
  leadId!: string;

  @IsIn(LEAD_STAGES, { message: stageMessage })
  from!: LeadStage;

  @IsIn(LEAD_STAGES, { message: stageMessage })
  to!: LeadStage;

  /** The rule that moved it (`mql_threshold`, `sql_fast_track`, `disqualify:competitor`, `sales_feedback:rejected`, ...). */
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(128, { message: 'must be at most 128 characters' })
  rule!: string;

  /** The details of why, shaped by its `kind`. */
  @IsOptional()
  @IsObject({ message: 'must be a JSON object' })
  reason?: Record<string, unknown>;

  /** The event, profile update or feedback that caused it, if any. */
  @IsOptional()
  @Id()
  causeId?: string;

  /** Who moved it, for changes made by a person (sales feedback). */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  actor?: string;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  modelVersion?: string;

  @Timestamp()
  at!: string;
}
