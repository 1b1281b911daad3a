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
  /** The cause being applied, when it was committed before: its outbox, and whether it was published. */
  readonly cause?: { readonly published: boolean; readonly outbox: readonly OutboxMessage[] };
  readonly appliedOffsets: ReadonlyMap<string, bigint>;
}

/** A cause's effect on a lead: committed in one Lua call, then its outbox published. */
export interface LeadCommit {
  readonly leadId: string;
  readonly version: number;
  readonly causeKey: string;
  readonly state: Readonly<Record<string, string>>;
  readonly history: readonly string[];
  readonly journey: readonly string[];
  readonly outbox: readonly OutboxMessage[];
}

export function jsonField<T>(fields: Readonly<Record<string, string>>, name: string, fallback: T): T {
  const raw = fields[name];
  return raw === undefined || raw === '' ? fallback : (JSON.parse(raw) as T);
}
