import type { Kafka } from 'kafkajs';
import { TOPIC_CATALOG } from '@baton/contracts';

export interface TopicSettings {
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates the topics that do not exist yet. Every service creates what it reads and writes, so start order
 * does not matter; two services racing to create the same topic both succeed.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], settings: TopicSettings): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return [];
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries: TOPIC_CATALOG.some((entry) => entry.name === topic && entry.retainedForever) ? [{ name: 'retention.ms', value: '-1' }] : [],
        })),
      });
    } catch (error) {
      const nowExisting = new Set(await admin.listTopics());
      if (!missing.every((topic) => nowExisting.has(topic))) throw error;
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
