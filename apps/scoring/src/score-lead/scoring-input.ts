import type { EngagementEventV1, LeadProfileUpdatedV1 } from '@baton/contracts';
import { scoringCauseKey } from '@baton/scoring-domain';
import type { LogPosition } from '@baton/redis';

/**
 * One decoded message for scoring: something the lead did, or a change to who the lead is, and when it entered the
 * log (its record's timestamp): the time the lead's scores are taken as of.
 */
export type ScoringInput =
  | { readonly kind: 'event'; readonly event: EngagementEventV1; readonly position: LogPosition; readonly loggedAt: string }
  | { readonly kind: 'profile'; readonly update: LeadProfileUpdatedV1; readonly position: LogPosition; readonly loggedAt: string };

export function leadOf(input: ScoringInput): string {
  return input.kind === 'event' ? input.event.leadId : input.update.leadId;
}

/** The key the input is counted once under (see scoringCauseKey). */
export function causeKeyOf(input: ScoringInput): string {
  return input.kind === 'event' ? scoringCauseKey('event', input.event.eventId) : scoringCauseKey('profile', input.update.updateId);
}

/** A change stored in Redis, to publish on the score-changes topic and then mark as published. */
export interface PendingChange {
  readonly leadId: string;
  readonly causeKey: string;
  readonly payload: string;
  /** The payload's cause type and time, for the metrics: read from the change rather than parsed back. */
  readonly causeEventType: string;
  readonly occurredAt: string;
}
