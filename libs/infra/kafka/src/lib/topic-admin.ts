import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Kafka } from 'kafkajs';
import { TOPIC_CATALOG } from '@baton/contracts';
import { createAdmin } from './transient-errors';

export interface TopicSettings {
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates the topics that do not exist yet and returns once every partition of every topic is served. Every
 * service creates what it reads and writes, so start order does not matter; two services racing to create the
 * same topic both succeed.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], settings: TopicSettings): Promise<string[]> {
  const admin = createAdmin(kafka);
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
        if (!(await topicsServed(kafka, missing))) throw error;
      }
    }
    if (!(await topicsServed(kafka, topics))) throw new Error(`the brokers did not serve ${topics.join(', ')} within ${SERVED_TIMEOUT_MS / 1000} s of their creation`);
    return missing;
  } finally {
    await admin.disconnect();
  }
}

const SERVED_TIMEOUT_MS = 30_000;

/**
 * Whether every partition has a leader that answers for it. A new topic's metadata names a leader before that
 * broker has loaded the partition: until then produce, fetch and ListOffsets answer NOT_LEADER_OR_FOLLOWER
 * (on a broker that just started, for seconds). A ListOffsets answered for every partition means it is loaded.
 */
async function topicsServed(kafka: Kafka, topics: readonly string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const deadline = Date.now() + SERVED_TIMEOUT_MS; Date.now() < deadline; await sleep(200)) {
      if (await answersForEveryPartition(admin, topics)) return true;
    }
    return false;
  } finally {
    await admin.disconnect();
  }
}

async function answersForEveryPartition(admin: Admin, topics: readonly string[]): Promise<boolean> {
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
    if (!metadata.topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))) return false;
    const offsets = await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
    return offsets.every((partitions, index) => partitions.length === metadata.topics[index]?.partitions.length);
  } catch {
    return false;
  }
}
