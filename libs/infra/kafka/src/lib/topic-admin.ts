import type { Admin, Kafka } from 'kafkajs';
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
    if (missing.length > 0) {
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
        // Another service created them first, or the new topics are not in the broker's metadata yet
        // ("does not host this topic-partition" right after creation on a fresh broker): wait until they are.
        if (!(await topicsServed(admin, missing))) throw error;
      }
    }
    // A topic another service created a moment ago is listed before every broker serves it; subscribing then fails.
    if (!(await topicsServed(admin, topics))) throw new Error(`the brokers did not serve ${topics.join(', ')} within 15 s of their creation`);
    return missing;
  } finally {
    await admin.disconnect();
  }
}

async function topicsServed(admin: Admin, topics: readonly string[], timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      if (metadata.topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))) return true;
    } catch {
      // not served yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
