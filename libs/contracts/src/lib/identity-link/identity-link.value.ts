import { IsIn } from 'class-validator';
import { Id, Timestamp } from '../validation/contract-decorators';

/** The lead id of a visitor known only by a tracker's anonymous id: `anon:<anonymousId>`. */
export const ANONYMOUS_LEAD_PREFIX = 'anon:';

export function isAnonymousLeadId(leadId: string): boolean {
  return leadId.startsWith(ANONYMOUS_LEAD_PREFIX);
}

export const IDENTITY_LINK_SOURCES = ['identify', 'alias', 'call'] as const;
export type IdentityLinkSource = (typeof IDENTITY_LINK_SOURCES)[number];

/**
 * An anonymous visitor turned out to be a lead: its events, stored under `anonymousLeadId` until then, count for
 * `leadId` from now on. Produced by ingest before it answers, keyed by `anonymousLeadId` so that every link of
 * one visitor is on one partition, in order: the first link of a visitor is the one that holds.
 */
export class IdentityLinkedV1 {
  /** The call that linked them (its messageId): a resent call links once. */
  @Id()
  linkId!: string;

  /** `anon:<anonymousId>`, the lead its anonymous events were stored under. */
  @Id()
  anonymousLeadId!: string;

  @Id()
  leadId!: string;

  /** identify, alias, or any other call that carried both ids. */
  @IsIn(IDENTITY_LINK_SOURCES, { message: `must be one of: ${IDENTITY_LINK_SOURCES.join(', ')}` })
  source!: IdentityLinkSource;

  @Timestamp()
  linkedAt!: string;
}
