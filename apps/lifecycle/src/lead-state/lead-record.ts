import type { ScoreChangedV1 } from '@baton/contracts';
import type { LedgerView } from '@baton/redis';
import type { MessageTrace } from '@baton/telemetry';
import type { LeadLifecycle } from '@baton/lifecycle-domain';

export interface OutboxMessage {
  readonly topic: string;
  readonly value: string;
}

/** What lifecycle keeps of a lead, as read from Redis, with the ledger's records of the causes asked about (their payload: an outbox). */
export interface LeadRecord extends LedgerView {
  readonly leadId: string;
  /** False for a lead lifecycle has never heard of. */
  readonly known: boolean;
  readonly lifecycle: LeadLifecycle;
  readonly fields: Readonly<Record<string, string>>;
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

/** The state fields of a lead's scores, as a change decided at `decidedAt` left them: what the lead view shows. */
export function scoredFields(change: ScoreChangedV1, decidedAt: string): Record<string, string> {
  return {
    score: String(change.score),
    engagement: String(change.engagement),
    fit: String(change.fit),
    grade: change.grade,
    modelVersion: change.modelVersion,
    profile: JSON.stringify(change.profile),
    scoredAsOf: decidedAt,
    ...(change.engagementTrail === undefined ? {} : { engagementTrail: JSON.stringify(change.engagementTrail) }),
    engagementRules: JSON.stringify(change.engagementRules),
    fitRules: JSON.stringify(change.fitRules),
  };
}

/** The messages a committed cause was to publish, from its record's payload. */
export function outboxOf(payload: string): OutboxMessage[] {
  return JSON.parse(payload) as OutboxMessage[];
}

export function jsonField<T>(fields: Readonly<Record<string, string>>, name: string, fallback: T): T {
  const raw = fields[name];
  return raw === undefined || raw === '' ? fallback : (JSON.parse(raw) as T);
}
