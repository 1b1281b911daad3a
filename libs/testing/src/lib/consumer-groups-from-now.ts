import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_CATALOG, type BatonService } from '@baton/contracts';
import { createAdmin, ensureTopics } from '@baton/kafka';

interface TopicEnds {
  readonly topic: string;
  readonly partitions: readonly { partition: number; offset: string }[];
}

/**
 * Commits the end of every topic a service consumes as the position of its group `<prefix>-<service>`, so that a
 * new group handles only what comes from now on instead of everything earlier runs left on the shared topics.
 * (Explicit offsets: kafkajs' resetOffsets commits -1, which a new group reads as "none", then starts over.)
 */
export async function startConsumerGroupsAtEnd(brokers: string, prefix: string, services: readonly BatonService[], partitions: number): Promise<void> {
  const kafka = new Kafka({ clientId: 'baton-test-groups', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumed = TOPIC_CATALOG.filter((topic) => topic.consumers.some((consumer) => services.includes(consumer)));
  await ensureTopics(
    kafka,
    consumed.map((topic) => topic.name),
    { partitions, replicationFactor: 1 },
  );
  const admin = createAdmin(kafka);
  await admin.connect();
  try {
    const ends = new Map<string, TopicEnds>();
    for (const topic of consumed) ends.set(topic.name, { topic: topic.name, partitions: (await admin.fetchTopicOffsets(topic.name)).map(({ partition, high }) => ({ partition, offset: high })) });
    await Promise.all(
      services.map((service) =>
        commitPositions(
          kafka,
          `${prefix}-${service}`,
          consumed.filter((topic) => topic.consumers.includes(service)).map((topic) => ends.get(topic.name) as TopicEnds),
        ),
      ),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * kafkajs' admin.setOffsets, for all of a group's topics in one join and without its wait: it commits through a
 * paused member that stops at its first fetch round, which a member whose topics are all paused only makes after
 * maxWaitTimeInMs (5 s by default, once per topic there).
 */
async function commitPositions(kafka: Kafka, groupId: string, positions: readonly TopicEnds[]): Promise<void> {
  if (positions.length === 0) return;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: positions.map(({ topic }) => topic), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.FETCH, () => void consumer.stop().then(resolve, reject));
      consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
      consumer.pause(positions.map(({ topic }) => ({ topic })));
      for (const { topic, partitions } of positions) for (const { partition, offset } of partitions) consumer.seek({ topic, partition, offset });
    });
  } finally {
    await consumer.disconnect();
  }
}
