/**
 * Commits what causes (score changes of one slice, a feedback, an inactivity check) did to a lead, atomically and
 * each once. KEYS[1] state hash; KEYS[2] stage history list; KEYS[3] journey list; KEYS[4..] the causes' records.
 * ARGV[1] the state version the decisions were made from; ARGV[2] record TTL seconds; ARGV[3] JSON
 * `{ "state": {field: value}, "history": [entry], "journey": [step], "journeyMax": n, "records": ["pending|...", ...] }`
 * (one record per cause key, in KEYS order). Returns the new version, -1 when the state moved since it was read, -2
 * when one of the causes was committed meanwhile.
 */
export const COMMIT_LIFECYCLE_LUA = `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return -1 end
for index = 4, #KEYS do
  if redis.call('EXISTS', KEYS[index]) == 1 then return -2 end
end
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
for index = 4, #KEYS do redis.call('SET', KEYS[index], plan.records[index - 3], 'EX', tonumber(ARGV[2])) end
return version + 1
`;
