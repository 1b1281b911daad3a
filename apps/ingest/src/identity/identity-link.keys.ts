/**
 * Keys of one anonymous visitor, under one hash tag (`{anon:<anonymousId>}`), so that a Lua script may read the
 * link and the buffer together on a Redis Cluster. Anonymous ids match ID_PATTERN, which has no braces.
 */
export function identityLeadKey(anonymousId: string): string {
  return `baton:identity:{anon:${anonymousId}}:lead`;
}

export function identityBufferKey(anonymousId: string): string {
  return `baton:identity:{anon:${anonymousId}}:buffer`;
}
