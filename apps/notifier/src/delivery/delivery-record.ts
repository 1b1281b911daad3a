import type { LeadQualifiedV1 } from '@baton/contracts';
import type { MessageTrace } from '@baton/telemetry';
import type { AlertOwner } from '../channels/channel';

export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'dead';

export interface DeliveryRecord {
  readonly alertId: string;
  readonly leadId: string;
  readonly qualificationId: string;
  readonly channelId: string;
  readonly team?: string;
  /** The owner as routed; a restored record knows only its id (`ownerId`). */
  readonly owner?: AlertOwner;
  readonly ownerId?: string;
  /** The qualification as consumed; a restored record does not have it (it was lost with Redis). */
  readonly qualification?: LeadQualifiedV1;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly createdAt: string;
  /** Retries stop at this time (ms): then the alert is dead-lettered. */
  readonly deadline: number;
  readonly deliveredAt?: string;
  /** True once the alert.sent event is published. */
  readonly announced: boolean;
  readonly lastResult?: string;
  /** The trace of the qualification it came from: the delivery's span and log lines join it. */
  readonly trace: MessageTrace;
  /**
   * When `notifier:rebuild` restored the record from its alert.sent event, after Redis was lost: it is delivered,
   * and its qualification and attempt log are gone. Undefined on a record queued from a qualification.
   */
  readonly restoredAt?: string;
}

/** A record the worker can send: it has its qualification, as every record but a restored (delivered) one does. */
export type SendableRecord = DeliveryRecord & { readonly qualification: LeadQualifiedV1 };

export function isSendable(record: DeliveryRecord): record is SendableRecord {
  return record.qualification !== undefined;
}

/** What a consumed qualification queues on one channel. */
export interface NewDelivery {
  readonly alertId: string;
  readonly leadId: string;
  readonly channelId: string;
  readonly team?: string;
  readonly owner?: AlertOwner;
  readonly qualification: LeadQualifiedV1;
  readonly createdAt: string;
  readonly deadline: number;
  readonly trace: MessageTrace;
}

/** A delivered alert as its alert.sent event tells it: what a rebuild restores. */
export interface RestoredDelivery {
  readonly alertId: string;
  readonly leadId: string;
  readonly qualificationId: string;
  readonly channelId: string;
  readonly team?: string;
  readonly ownerId?: string;
  readonly attempts: number;
  readonly deliveredAt: string;
  readonly restoredAt: string;
  /** The trace the alert.sent event carried: the qualification's, so the view keeps its correlation id. */
  readonly trace: MessageTrace;
}

/** An alert in the due queue (or among the dead letters): its lead and its id. */
export interface QueuedAlert {
  readonly leadId: string;
  readonly alertId: string;
}

/** What an attempt changes in the record besides its count: nothing when it dead-letters (recorded apart). */
export interface AttemptOutcome {
  readonly status?: 'delivered' | 'retrying';
  readonly deliveredAt?: string;
  readonly lastResult?: string;
}

export interface AttemptLogEntry {
  readonly at: string;
  readonly outcome: string;
  readonly status?: number;
  readonly latencyMs: number;
  /** Why there was no answer (network) or no sending (refused). */
  readonly reason?: string;
}
