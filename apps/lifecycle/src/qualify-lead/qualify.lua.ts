/**
 * Moves a lead to a qualified stage if it is still in the stage the decision was made from (compare and
 * set), records the transition in its history and stores the LeadQualified payload as pending, atomically.
 * KEYS[1] stage hash; KEYS[2] qualification record; KEYS[3] stage history list.
 * ARGV: expected stage, new stage, at, history entry (JSON), payload (JSON), record TTL seconds, qualification id.
 * Returns {1, record} when applied, {0, record} when this qualification exists already, {-1, stage} on conflict.
 */
export const QUALIFY_LUA = `
local existing = redis.call('GET', KEYS[2])
if existing then return {0, existing} end
local current = redis.call('HGET', KEYS[1], 'stage') or 'visitor'
if current ~= ARGV[1] then return {-1, current} end
redis.call('HSET', KEYS[1], 'stage', ARGV[2], 'since', ARGV[3], 'qualificationId', ARGV[7])
redis.call('RPUSH', KEYS[3], ARGV[4])
local record = 'pending|' .. ARGV[5]
redis.call('SET', KEYS[2], record, 'EX', tonumber(ARGV[6]))
return {1, record}
`;
