/**
 * Applies one engagement event to a lead's score, atomically and once.
 * KEYS[1] the lead's score hash; KEYS[2] the event's record (remembered for the dedupe TTL).
 * ARGV: points, dedupe TTL seconds, model version, scoredAt (ISO).
 * The record is "<pending|emitted>|score|delta|scoredAt": a redelivered event finds it and returns it, so
 * the caller re-emits a change that was stored but not yet published, and skips one that was.
 * The floor at zero is the scoring domain's addPoints rule; the integration test holds the two together.
 */
export const APPLY_SCORE_LUA = `
local seen = redis.call('GET', KEYS[2])
if seen then return {0, seen} end
local score = tonumber(redis.call('HGET', KEYS[1], 'score') or '0')
local next = score + tonumber(ARGV[1])
if next < 0 then next = 0 end
local delta = next - score
redis.call('HSET', KEYS[1], 'score', next, 'modelVersion', ARGV[3], 'updatedAt', ARGV[4])
local state = 'pending'
if delta == 0 then state = 'emitted' end
local record = state .. '|' .. next .. '|' .. delta .. '|' .. ARGV[4]
redis.call('SET', KEYS[2], record, 'EX', tonumber(ARGV[2]))
return {1, record}
`;
