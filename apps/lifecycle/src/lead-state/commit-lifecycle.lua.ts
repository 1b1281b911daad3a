/**
 * Commits what one cause (a score change, a feedback, an inactivity check) did to a lead, atomically and once.
 * KEYS[1] state hash; KEYS[2] stage history list; KEYS[3] journey list; KEYS[4] the cause's record.
 * ARGV[1] the state version the decision was made from; ARGV[2] record TTL seconds; ARGV[3] JSON
 * `{ "state": {field: value}, "history": [entry], "journey": [step], "journeyMax": n, "record": "pending|..." }`.
 * Returns the new version, -1 when the state moved since it was read, -2 when the cause was committed meanwhile.
 */
export const COMMIT_LIFECYCLE_LUA = `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return -1 end
if redis.call('EXISTS', KEYS[4]) == 1 then return -2 end
local plan = cjson.decode(ARGV[3])
local flat = {'version', version + 1}
for name, value in pairs(plan.state) do
  flat[#flat + 1] = name
  flat[#flat + 1] = value
end
redis.call('HSET', KEYS[1], unpack(flat))
for _, entry in ipairs(plan.history) do redis.call('RPUSH', KEYS[2], entry) end
if #plan.journey > 0 then
  for _, step in ipairs(plan.journey) do redis.call('RPUSH', KEYS[3], step) end
  redis.call('LTRIM', KEYS[3], -tonumber(plan.journeyMax), -1)
end
redis.call('SET', KEYS[4], plan.record, 'EX', tonumber(ARGV[2]))
return version + 1
`;
