import type Redis from 'ioredis';

export interface RedisBaseline {
  readonly sequentialRoundTripsPerSecond: number;
  readonly luaCallsPerSecond: number;
  /** This process's CPU (ioredis encoding the calls and parsing the replies) per Lua call. */
  readonly luaClientCpuMicrosPerCall: number;
}

// The shape of scoring's commit: check a version, add increments and set fields on the lead's hashes, in one call.
const COMMIT_LIKE = `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
redis.call('HSET', KEYS[1], 'version', version + 1, 'score', ARGV[1], 'modelVersion', ARGV[2])
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
return version + 1`;

/** What Redis on this machine does for one client: sequential round trips, and Lua calls like scoring's, pipelined. */
export async function redisBaseline(redis: Redis, calls: number): Promise<RedisBaseline> {
  const sequential = Math.min(calls, 5000);
  let started = process.hrtime.bigint();
  for (let index = 0; index < sequential; index++) await redis.ping();
  const sequentialSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const sha = (await redis.script('LOAD', COMMIT_LIKE)) as string;
  const payload = JSON.stringify({ score: 42, firedRules: [{ ruleId: 'pricing_page_view', points: 10 }] });
  started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  // 64 calls in flight on one connection: the pipelining scoring gets from scoring leads concurrently.
  for (let start = 0; start < calls; start += 64) {
    await Promise.all(
      Array.from({ length: Math.min(64, calls - start) }, (_, offset) => {
        const lead = `bench:redis:{lead-${(start + offset) % 5000}}`;
        return redis.evalsha(sha, 3, `${lead}:state`, `${lead}:activity`, `${lead}:causes`, '42', 'bench-1', 'page_view:2026-11-25', `e:${start + offset}`, payload);
      }),
    );
  }
  const luaSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const luaCpu = process.cpuUsage(cpuBefore);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', 'bench:redis:*', 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return { sequentialRoundTripsPerSecond: sequential / sequentialSeconds, luaCallsPerSecond: calls / luaSeconds, luaClientCpuMicrosPerCall: (luaCpu.user + luaCpu.system) / calls };
}
