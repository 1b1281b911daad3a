import type { Admin } from 'kafkajs';
import type { LifecycleEnv } from '@baton/config';
import { SCORE_CHANGES_TOPIC } from '@baton/contracts';

export class RebuildRefusedError extends Error {
  readonly code = 'LIFECYCLE.REBUILD_REFUSED';
}

/**
 * After losing Redis, scoring's rebuild re-emits every score change of every lead, in order. The score changes
 * lifecycle had not read yet are among them: read first, into the emptied state, they would start a lead's
 * history in its middle and qualify it under another cause (a second alert). So the lifecycle group skips to
 * the end of score-changes before it starts again; sales feedback is left where it was. Refused while any
 * lifecycle instance runs (the group has members).
 */
export async function skipReplayedScoreChanges(config: LifecycleEnv, admin: Admin): Promise<{ skipped: number }> {
  const [group] = (await admin.describeGroups([config.KAFKA_CONSUMER_GROUP])).groups;
  if (group !== undefined && group.members.length > 0) {
    throw new RebuildRefusedError(`consumer group ${config.KAFKA_CONSUMER_GROUP} has ${group.members.length} running member(s): stop every lifecycle instance, then rebuild`);
  }
  const ends = await admin.fetchTopicOffsets(SCORE_CHANGES_TOPIC);
  const [committed] = await admin.fetchOffsets({ groupId: config.KAFKA_CONSUMER_GROUP, topics: [SCORE_CHANGES_TOPIC] });
  const from = new Map((committed?.partitions ?? []).map(({ partition, offset }) => [partition, offset]));
  const skipped = ends.reduce((sum, { partition, high, low }) => {
    const at = from.get(partition);
    return sum + Number(high) - Number(at === undefined || at === '-1' ? low : at);
  }, 0);
  // Real offsets, not resetOffsets' "latest" marker, which a group without members reads as "from the start".
  await admin.setOffsets({ groupId: config.KAFKA_CONSUMER_GROUP, topic: SCORE_CHANGES_TOPIC, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
  return { skipped };
}
