import { Inject, Injectable } from '@nestjs/common';
import { callRedis, LuaScript, RedisConnection } from '@baton/redis';
import { identityBufferKey, identityLeadKey } from './identity-link.keys';
import { IDENTITY_LINK_OPTIONS, type IdentityLinkOptions } from './identity-link.options';

/**
 * KEYS[1] link, KEYS[2] buffer; ARGV[1] cap, ARGV[2] buffer TTL, ARGV[3] link TTL, ARGV[4..] event JSON.
 * Check and append are one step: an event either sees the link or is in the buffer the link drains, never
 * neither (a link landing between a read and an append would strand the event under the anonymous lead).
 */
const BUFFER_OR_RESOLVE = new LuaScript(
  'ingest-identity-buffer-or-resolve',
  `
local lead = redis.call('GET', KEYS[1])
if lead then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  return lead
end
if #ARGV >= 4 then
  redis.call('RPUSH', KEYS[2], unpack(ARGV, 4))
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[1]), -1)
  redis.call('EXPIRE', KEYS[2], ARGV[2])
end
return false
`,
);

/**
 * KEYS[1] link, KEYS[2] buffer; ARGV[1] user id, ARGV[2] link TTL. The first link of an anonymous id wins: a
 * different user later is a conflict (a shared browser, or a mistake), answered with the lead it already has.
 * Returns {1, buffer} or {0, existing lead}; the buffer is read, not removed (see IdentityLinkStore.drain).
 */
const LINK = new LuaScript(
  'ingest-identity-link',
  `
local lead = redis.call('GET', KEYS[1])
if lead and lead ~= ARGV[1] then return {0, lead} end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return {1, redis.call('LRANGE', KEYS[2], 0, -1)}
`,
);

/** KEYS[1] buffer; ARGV event JSON: removes one copy of each, newest first (undoes a buffering Kafka refused). */
const UNBUFFER = new LuaScript(
  'ingest-identity-unbuffer',
  `
for i = 1, #ARGV do redis.call('LREM', KEYS[1], -1, ARGV[i]) end
return 0
`,
);

export type LinkOutcome =
  /** Linked now or before to this user; `buffered` is the JSON of the events to re-produce under it, oldest first. */
  { readonly kind: 'linked'; readonly buffered: readonly string[] } | { readonly kind: 'conflict'; readonly linkedTo: string };

/**
 * Which lead an anonymous visitor turned out to be, and its engagement until then. Events of an unlinked
 * visitor are stored under `anon:<id>` and buffered here; linking returns the buffer so that the caller
 * re-produces those events under the user, with the same event ids (scoring counts each once per lead).
 * Redis unavailable: DependencyUnavailableError (from callRedis).
 */
@Injectable()
export class IdentityLinkStore {
  constructor(
    private readonly redis: RedisConnection,
    @Inject(IDENTITY_LINK_OPTIONS) private readonly options: IdentityLinkOptions,
  ) {}

  /** The lead the anonymous id is linked to (its events then go there, unbuffered), or undefined after buffering them. */
  async bufferOrResolve(anonymousId: string, eventJson: readonly string[]): Promise<string | undefined> {
    const { bufferMaxEvents, bufferTtlSeconds, linkTtlSeconds } = this.options;
    const lead = await callRedis(() =>
      BUFFER_OR_RESOLVE.run(this.redis.client, [identityLeadKey(anonymousId), identityBufferKey(anonymousId)], [bufferMaxEvents, bufferTtlSeconds, linkTtlSeconds, ...eventJson]),
    );
    return typeof lead === 'string' ? lead : undefined;
  }

  /** Links the anonymous id to the user unless it is linked to another; again for the same pair drains again. */
  async link(anonymousId: string, userId: string): Promise<LinkOutcome> {
    const reply = await callRedis(() => LINK.run(this.redis.client, [identityLeadKey(anonymousId), identityBufferKey(anonymousId)], [userId, this.options.linkTtlSeconds]));
    if (!Array.isArray(reply)) throw new Error(`identity link script answered ${typeof reply}, not a list`);
    const [linked, payload] = reply as [unknown, unknown];
    if (linked === 0) return { kind: 'conflict', linkedTo: String(payload) };
    return { kind: 'linked', buffered: Array.isArray(payload) ? payload.map(String) : [] };
  }

  /**
   * Deletes the `count` oldest buffered events: call it with the number `link` returned, once they are stored
   * under the user. Only those go: a crash before this replays them on the next link (same ids, counted once).
   */
  async drain(anonymousId: string, count: number): Promise<void> {
    if (count <= 0) return;
    await callRedis(() => this.redis.client.ltrim(identityBufferKey(anonymousId), count, -1));
  }

  /** Takes back events buffered by a request whose produce failed: the client was told nothing was stored. */
  async unbuffer(anonymousId: string, eventJson: readonly string[]): Promise<void> {
    if (eventJson.length === 0) return;
    await callRedis(() => UNBUFFER.run(this.redis.client, [identityBufferKey(anonymousId)], eventJson));
  }
}
