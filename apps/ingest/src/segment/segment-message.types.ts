import type { ContractViolation, EngagementEventV1, LeadProfileUpdatedV1 } from '@baton/contracts';

/** The Segment calls Baton understands (https://segment.com/docs/connections/spec/). */
export const SEGMENT_CALL_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type SegmentCallType = (typeof SEGMENT_CALL_TYPES)[number];

/** Who a message is about, before identity links are looked up (that needs Redis, so the use case does it). */
export type SegmentSubject = { readonly kind: 'known'; readonly leadId: string } | { readonly kind: 'anonymous'; readonly anonymousId: string; readonly leadId: string };

/** "This anonymous id is this user from now on": from alias (previousId) or any message with both ids. */
export interface IdentityLink {
  readonly anonymousId: string;
  readonly userId: string;
  /** The field that carried the anonymous id (`previousId` or `anonymousId`), to name it in a conflict. */
  readonly path: 'previousId' | 'anonymousId';
}

/** What one valid Segment message asks Baton to do. Lead ids are provisional for anonymous subjects. */
export interface SegmentWork {
  readonly messageId: string;
  readonly call: SegmentCallType;
  /** The call's time (ISO-8601): of its event, its profile update, or its links. */
  readonly occurredAt: string;
  readonly subject: SegmentSubject;
  /** At most one (track, page, screen); its leadId is `subject.leadId`. */
  readonly events: readonly EngagementEventV1[];
  /** identify and group, when at least one trait maps; its leadId is `subject.leadId`. */
  readonly profileUpdate?: LeadProfileUpdatedV1;
  readonly links: readonly IdentityLink[];
  /** Traits sent that Baton has no place for (`plan`, `company.plan`): accepted, not stored. */
  readonly ignoredTraits: readonly string[];
}

/** One input message: its work, or why it cannot be used. Violation paths are relative to the message. */
export type SegmentMessageParseResult =
  { readonly index: number; readonly ok: true; readonly work: SegmentWork } | { readonly index: number; readonly ok: false; readonly violations: readonly ContractViolation[] };

/** A request: per-message results, or why the body as a whole is unusable (then no message is looked at). */
export type SegmentRequestParseResult =
  { readonly ok: true; readonly batch: boolean; readonly messages: readonly SegmentMessageParseResult[] } | { readonly ok: false; readonly violations: readonly ContractViolation[] };

export interface SegmentParseOptions {
  /** The time the request was received: the event time of a message without timestamp or originalTimestamp. */
  readonly now: Date;
  /** How far past `now` an event time may be (clock skew of the sender). */
  readonly maxFutureSkewMs: number;
  /** Messages per request. */
  readonly maxBatchSize: number;
  /** Segment event name to Baton event type (see segment-event-name.map.ts). */
  readonly eventNames: SegmentEventNameResolver;
}

/** Turns a track call's event name into a Baton event type, or says why it cannot. */
export interface SegmentEventNameResolver {
  resolve(eventName: string): { readonly ok: true; readonly type: string } | { readonly ok: false; readonly message: string };
}
