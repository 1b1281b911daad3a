import type { IngestEnv } from '@baton/config';

/** How long and how much of an anonymous visitor is kept for the day it is identified. */
export interface IdentityLinkOptions {
  /** Newest events kept per anonymous id (INGEST_IDENTITY_BUFFER_MAX_EVENTS). */
  readonly bufferMaxEvents: number;
  /** The buffer expires this long after its latest event (INGEST_IDENTITY_BUFFER_TTL_DAYS). */
  readonly bufferTtlSeconds: number;
  /** A link expires this long after it was last set or used (INGEST_IDENTITY_LINK_TTL_DAYS). */
  readonly linkTtlSeconds: number;
}

export const IDENTITY_LINK_OPTIONS = Symbol('IDENTITY_LINK_OPTIONS');

const DAY_SECONDS = 86_400;

export function identityLinkOptionsOf(config: IngestEnv): IdentityLinkOptions {
  return {
    bufferMaxEvents: config.INGEST_IDENTITY_BUFFER_MAX_EVENTS,
    bufferTtlSeconds: config.INGEST_IDENTITY_BUFFER_TTL_DAYS * DAY_SECONDS,
    linkTtlSeconds: config.INGEST_IDENTITY_LINK_TTL_DAYS * DAY_SECONDS,
  };
}
