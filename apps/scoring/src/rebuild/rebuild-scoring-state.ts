import { ConfigResourceTypes, type Admin } from 'kafkajs';
import type Redis from 'ioredis';
import type { ScoringEnv } from '@baton/config';
import { deleteKeysMatching } from '@baton/redis';
import { SCORING_KEY_PATTERN } from '../score-lead/lead-state.store';
import { SCORING_INPUT_TOPICS } from '../scoring.module';

export class RebuildRefusedError extends Error {
  readonly code = 'SCORING.REBUILD_REFUSED';
}

export interface RebuildReport {
  readonly deletedKeys: number;
  readonly topics: readonly string[];
  /** Topics that do not keep every message: a replay of them cannot restore what has expired. */
  readonly warnings: readonly string[];
}

/**
 * Empties the scoring state and rewinds the scoring consumer group to the start of the engagement and
 * profile topics, so that the next start of the service replays both logs into empty keys and ends with the
 * scores it would have had. Refused while any scoring instance is running (its group has members): stop
 * them first. The replay re-emits each score change with its original scoreChangeId, which consumers dedupe.
 */
export async function rebuildScoringState(config: ScoringEnv, admin: Admin, redis: Redis): Promise<RebuildReport> {
  const [group] = (await admin.describeGroups([config.KAFKA_CONSUMER_GROUP])).groups;
  if (group !== undefined && group.members.length > 0) {
    throw new RebuildRefusedError(`consumer group ${config.KAFKA_CONSUMER_GROUP} has ${group.members.length} running member(s): stop every scoring instance, then rebuild`);
  }
  const warnings = await retentionWarnings(admin);
  const deletedKeys = await deleteKeysMatching(redis, SCORING_KEY_PATTERN);
  for (const topic of SCORING_INPUT_TOPICS) await admin.resetOffsets({ groupId: config.KAFKA_CONSUMER_GROUP, topic, earliest: true });
  return { deletedKeys, topics: SCORING_INPUT_TOPICS, warnings };
}

async function retentionWarnings(admin: Admin): Promise<string[]> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: SCORING_INPUT_TOPICS.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
  });
  return described.resources.flatMap((resource) => {
    const retention = resource.configEntries.find((entry) => entry.configName === 'retention.ms')?.configValue;
    return retention === undefined || retention === '-1' ? [] : [`${resource.resourceName} keeps messages for ${retention} ms only: what expired cannot be replayed`];
  });
}
