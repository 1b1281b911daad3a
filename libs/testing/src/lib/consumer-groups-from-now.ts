import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_CATALOG, type BatonService } from '@baton/contracts';
import { ensureTopics } from '@baton/kafka';

/**
 * Commits the end of every topic a service consumes as the position of its group `<prefix>-<service>`, so that a
 * new group handles only what comes from now on instead of everything earlier runs left on the shared topics.
 * (Explicit offsets: kafkajs' resetOffsets commits -1, which a new group reads as "none", then starts over.)
 */
export async function startConsumerGroupsAtEnd(brokers: string, prefix: string, services: readonly BatonService[], partitions: number): Promise<void> {
  const kafka = new Kafka({ clientId: 'baton-test-groups', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumed = TOPIC_CATALOG.filter((topic) => topic.consumers.some((consumer) => services.includes(consumer)));
  await ensureTopics(kafka, consumed.map((topic) => topic.name), { partitions, replicationFactor: 1 });
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const service of services) {
      for (const topic of consumed.filter((entry) => entry.consumers.includes(service))) {
        const ends = await admin.fetchTopicOffsets(topic.name);
        await admin.setOffsets({ groupId: `${prefix}-${service}`, topic: topic.name, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
      }
    }
  } finally {
    await admin.disconnect();
  }
}
