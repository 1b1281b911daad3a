import type Redis from 'ioredis';
import { LuaScript } from '@baton/redis';
import type { RateLimit } from './api-key.store';

export interface RateDecision {
  readonly allowed: boolean;
  /** Whole requests left in the bucket after this one. */
  readonly remaining: number;
  /** When refused: seconds until one request is allowed again (for Retry-After). */
  readonly retryAfterSeconds: number;
}

// A token bucket per key: `burst` tokens, refilled at `perSecond`. Redis' own clock (TIME) so that every
// replica of every service counts against the same bucket with the same time.
const TAKE_TOKEN = new LuaScript(
  'take-rate-token',
  `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local allowed = 0
local retry_ms = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry_ms = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return { allowed, math.floor(tokens), retry_ms }
`,
);

export class RateLimiter {
  constructor(private readonly redis: Redis) {}

  async take(keyId: string, limit: RateLimit): Promise<RateDecision> {
    const [allowed, remaining, retryMs] = (await TAKE_TOKEN.run(this.redis, [`baton:api-key:{${keyId}}:rate`], [limit.perSecond, limit.burst])) as [number, number, number];
    return { allowed: allowed === 1, remaining, retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) };
  }
}
