import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { Id, Timestamp } from '../validation/contract-decorators';

export const ALERT_CHANNEL_TYPES = ['webhook', 'slack', 'email'] as const;

/** An alert reached its channel: who owns the lead now, on which channel, after how many attempts. */
export class AlertSentV1 {
  @Id()
  alertId!: string;

  @Id()
  qualificationId!: string;

  @Id()
  leadId!: string;

  @IsString({ message: 'must be a string' })
  channel!: string;

  @IsIn(ALERT_CHANNEL_TYPES, { message: `must be one of: ${ALERT_CHANNEL_TYPES.join(', ')}` })
  channelType!: (typeof ALERT_CHANNEL_TYPES)[number];

  @IsOptional()
  @IsString({ message: 'must be a string' })
  team?: string;

  /** The owner's id (never their e-mail address). */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  ownerId?: string;

  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  attempts!: number;

  @Timestamp()
  deliveredAt!: string;
}
