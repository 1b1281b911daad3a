import { IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { Id, Timestamp } from '../validation/contract-decorators';

export const ENGAGEMENT_EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Something a lead did: a page view, a download, a demo request. Produced by ingest, keyed by leadId. */
export class EngagementEventV1 {
  /** Unique per event: a resent or redelivered event with the same id counts once. */
  @Id()
  eventId!: string;

  @Id()
  leadId!: string;

  /** snake_case behaviour name, e.g. page_view, content_download, demo_requested. */
  @IsString({ message: 'must be a string' })
  @Matches(ENGAGEMENT_EVENT_TYPE_PATTERN, { message: 'must be snake_case: a lowercase letter, then lowercase letters, digits or _ (64 at most)' })
  type!: string;

  /** When the lead did it (not when Baton heard of it). */
  @Timestamp()
  occurredAt!: string;

  @IsOptional()
  @IsObject({ message: 'must be a JSON object' })
  properties?: Record<string, unknown>;
}
