import { Injectable } from '@nestjs/common';
import { callRedis, LuaScript, RedisConnection } from '@baton/redis';
import type { AlertOwner } from '../channels/channel';

/** How long a qualification keeps its owner: redeliveries and replays within it go to the same salesperson. */
export const OWNER_TTL_SECONDS = 30 * 24 * 3600;

/** The team's round-robin cursor; it outlives restarts and is shared by every notifier instance. */
export function teamCursorKey(team: string): string {
  return `baton:notifier:team:{${team}}:cursor`;
}

/**
 * A qualification's owner, under the team's hash tag (not the lead's): it sits in the cursor's Redis Cluster
 * slot, so that one script may read and write both. The lead id stays in the key for whoever reads Redis.
 */
export function ownerKey(team: string, leadId: string, qualificationId: string): string {
  return `baton:notifier:team:{${team}}:owner:${leadId}:${qualificationId}`;
}

/**
 * KEYS[1] the qualification's owner, KEYS[2] the team's cursor; ARGV[1] TTL in seconds, ARGV[2..] the team's
 * owner ids in file order. Atomic, so concurrent calls for one qualification agree and the cursor advances
 * once per qualification: a stored owner still in the team is returned as is (a redelivery); otherwise the
 * cursor moves on and its owner is stored.
 *
 * Both keys carry the team's hash tag: one Cluster slot.
 */
const ASSIGN_OWNER = new LuaScript(
  'notifier-assign-owner',
  `
local stored = redis.call('GET', KEYS[1])
if stored then
  for i = 2, #ARGV do
    if ARGV[i] == stored then return stored end
  end
end
local n = redis.call('INCR', KEYS[2])
local owner = ARGV[2 + ((n - 1) % (#ARGV - 1))]
if stored then
  redis.call('SET', KEYS[1], owner, 'XX', 'EX', ARGV[1])
else
  redis.call('SET', KEYS[1], owner, 'NX', 'EX', ARGV[1])
end
return owner
`,
);

/** Picks the salesperson an alert goes to: fair round-robin within the team, stable per qualification. */
@Injectable()
export class OwnerAssigner {
  constructor(private readonly redis: RedisConnection) {}

  async assign(team: string, owners: readonly AlertOwner[], qualificationId: string, leadId: string): Promise<AlertOwner> {
    if (owners.length === 0) throw new Error(`team ${team} has no owners`);
    const chosen = await callRedis(() => ASSIGN_OWNER.run(this.redis.client, [ownerKey(team, leadId, qualificationId), teamCursorKey(team)], [OWNER_TTL_SECONDS, ...owners.map((owner) => owner.id)]));
    const owner = owners.find((candidate) => candidate.id === chosen);
    if (owner === undefined) throw new Error(`owner assignment for team ${team} returned ${JSON.stringify(chosen)}, which is not one of its owners`);
    return owner;
  }
}
