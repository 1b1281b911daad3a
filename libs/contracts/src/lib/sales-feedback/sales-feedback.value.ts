import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Id, Timestamp } from '../validation/contract-decorators';

export const FEEDBACK_OUTCOMES = ['accepted', 'rejected', 'won', 'lost'] as const;
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];

/**
 * What sales said about a lead: accepted (SQL to opportunity), rejected (back to nurture), won, lost. Sent by a
 * CRM integration on the feedback topic, keyed by leadId, or posted to lifecycle's HTTP API.
 */
export class SalesFeedbackV1 {
  /** Unique per answer: a resent one applies once. */
  @Id()
  feedbackId!: string;

  @Id()
  leadId!: string;

  @IsIn(FEEDBACK_OUTCOMES, { message: `must be one of: ${FEEDBACK_OUTCOMES.join(', ')}` })
  outcome!: FeedbackOutcome;

  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  reason?: string;

  /** Who gave it: a salesperson's name or id, or the integration. */
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  by!: string;

  @Timestamp()
  givenAt!: string;
}
