import { IsInt, IsString, MinLength } from 'class-validator';
import { Id, Timestamp } from '../validation/contract-decorators';

/** A lead's score moved because of one engagement event. Produced by scoring, keyed by leadId. */
export class ScoreChangedV1 {
  /** Stable for the same cause event, so a re-emitted change is recognised downstream. */
  @Id()
  scoreChangeId!: string;

  @Id()
  leadId!: string;

  @Id()
  causeEventId!: string;

  @IsString({ message: 'must be a string' })
  causeEventType!: string;

  @IsInt({ message: 'must be a whole number' })
  score!: number;

  @IsInt({ message: 'must be a whole number' })
  delta!: number;

  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  modelVersion!: string;

  /** Time of the cause event. */
  @Timestamp()
  occurredAt!: string;

  @Timestamp()
  scoredAt!: string;
}
