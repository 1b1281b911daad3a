import type { MessageTrace } from '@baton/telemetry';
import type { LeadLifecycle } from '@baton/lifecycle-domain';

export interface OutboxMessage {
  readonly topic: string;
  readonly value: string;
}

/** What lifecycle keeps of a lead, as read from Redis. */
export interface LeadRecord {
  readonly leadId: string;
  /** False for a lead lifecycle has never heard of. */
  readonly known: boolean;
  readonly version: number;
  readonly lifecycle: LeadLifecycle;
  readonly fields: Readonly<Record<string, string>>;
  /** The causes asked about that were committed before, by cause key: their outbox, and whether it was published. */
  readonly causes: ReadonlyMap<string, CauseRecord>;
  readonly appliedOffsets: ReadonlyMap<string, bigint>;
}

export interface CauseRecord {
  readonly published: boolean;
  readonly outbox: readonly OutboxMessage[];
}

/** What causes did to a lead: committed in one Lua call, then their outboxes published. */
export interface LeadCommit {
  readonly leadId: string;
  readonly version: number;
  readonly causes: readonly CommittedCause[];
  readonly state: Readonly<Record<string, string>>;
  readonly history: readonly string[];
  readonly journey: readonly string[];
}

/** A cause and the messages it is to publish, once committed. */
export interface CommittedCause {
  readonly causeKey: string;
  readonly outbox: readonly OutboxMessage[];
}

/** A committed cause of a lead whose outbox is to be published, then marked so; with the trace of its message. */
export interface PendingOutbox extends CommittedCause {
  readonly leadId: string;
  readonly trace?: MessageTrace;
}

export function jsonField<T>(fields: Readonly<Record<string, string>>, name: string, fallback: T): T {
  const raw = fields[name];
  return raw === undefined || raw === '' ? fallback : (JSON.parse(raw) as T);
}
