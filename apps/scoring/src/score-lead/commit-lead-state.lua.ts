/**
 * Commits what a slice of one lead's events and profile updates did, atomically and once.
 * KEYS[1] the lead's state hash; KEYS[2] its activity counts (`<ruleId>|<day>` -> count); KEYS[3..] the
 * records of the causes being committed (event or profile update ids, kept for the dedupe TTL).
 * ARGV[1] the state version the changes were computed from; ARGV[2] the record TTL in seconds; ARGV[3] JSON
 * `{ "increments": [field, ...], "state": { field: value } }`; ARGV[4..] the records, aligned with KEYS[3..] (apart
 * from the JSON, so that Lua never decodes the score changes they hold).
 * Returns the new version; -1 when the state moved since it was read, -2 when a cause was committed meanwhile:
 * either way the caller reads again and recomputes, so two writers never apply the same cause twice.
 */
export const COMMIT_LEAD_STATE_LUA = `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return -1 end
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return -2 end
end
local plan = cjson.decode(ARGV[3])
for _, field in ipairs(plan.increments) do redis.call('HINCRBY', KEYS[2], field, 1) end
local flat = {'version', version + 1}
for name, value in pairs(plan.state) do
  flat[#flat + 1] = name
  flat[#flat + 1] = value
end
redis.call('HSET', KEYS[1], unpack(flat))
for i = 3, #KEYS do redis.call('SET', KEYS[i], ARGV[i + 1], 'EX', tonumber(ARGV[2])) end
return version + 1
`;
