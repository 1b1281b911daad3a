/**
 * Creates an alert's delivery record once: a redelivered qualification finds it and changes nothing.
 * KEYS[1] record hash; KEYS[2] the lead's alert index. ARGV: alertId, then field/value pairs.
 * Returns 1 when created, 0 when it existed.
 */
export const CREATE_DELIVERY_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local fields = {}
for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

/**
 * Takes a due delivery for this worker: only if it is still due (its score at or before now), it is leased
 * until ARGV[3], so that another worker does not send it meanwhile. KEYS[1] the due set.
 * ARGV: member, now (ms), lease end (ms). Returns 1 when taken.
 */
export const CLAIM_DUE_LUA = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', tonumber(ARGV[3]), ARGV[1])
return 1
`;

/**
 * Records one attempt: appends it to the log, counts it and sets the outcome fields, unless the record is
 * already final (delivered or dead), so a late duplicate attempt cannot overwrite the outcome.
 * KEYS[1] record hash; KEYS[2] attempt log. ARGV: attempt JSON, then field/value pairs. Returns attempts so far.
 */
export const RECORD_ATTEMPT_LUA = `
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'delivered' or status == 'dead' then return -1 end
redis.call('RPUSH', KEYS[2], ARGV[1])
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
local fields = {}
for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
if #fields > 0 then redis.call('HSET', KEYS[1], unpack(fields)) end
return attempts
`;

/**
 * Restores the record of an alert known to be delivered (from its alert.sent event) unless one exists, with its
 * TTL in the same call: a record found is left exactly as it is, so restoring twice changes nothing.
 * KEYS[1] record hash; KEYS[2] the lead's alert index. ARGV: alertId, TTL (s), then field/value pairs.
 * Returns 1 when restored, 0 when it existed.
 */
export const RESTORE_DELIVERY_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;
