import { Partitioners, type Kafka } from 'kafkajs';
import { createAdmin, ensureTopics } from '@baton/kafka';
import { produceAll } from './bulk-produce';

export interface KafkaBaseline {
  readonly messages: number;
  readonly produceMessagesPerSecond: number;
  readonly consumeMessagesPerSecond: number;
  readonly megabytesPerSecondConsumed: number;
}

/**
 * The limit Baton's pipeline can approach: the same messages produced (acks from all replicas, as Baton does) and
 * consumed in batches with no processing at all, on the same broker, on a topic of its own.
 */
export async function kafkaBaseline(kafka: Kafka, messages: readonly { key: string; value: string }[], partitions: number): Promise<KafkaBaseline> {
  const topic = `baton.bench.baseline-${Date.now()}`;
  await ensureTopics(kafka, [topic], { partitions, replicationFactor: 1 });
  const admin = createAdmin(kafka);
  await admin.connect();
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${topic}-reader`, maxWaitTimeInMs: 100 });
  try {
    await producer.connect();
    const produceStarted = process.hrtime.bigint();
    await produceAll(producer, topic, messages);
    const produceSeconds = Number(process.hrtime.bigint() - produceStarted) / 1e9;

    let received = 0;
    let bytes = 0;
    let firstAt = 0n;
    let lastAt = 0n;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        partitionsConsumedConcurrently: partitions,
        eachBatch: async ({ batch }) => {
          if (firstAt === 0n) firstAt = process.hrtime.bigint();
          received += batch.messages.length;
          for (const message of batch.messages) bytes += message.value?.length ?? 0;
          lastAt = process.hrtime.bigint();
          if (received >= messages.length) resolve();
        },
      });
    });
    await done;
    // From the first fetched batch to the last: the group join before it is not consumption.
    const consumeSeconds = Number(lastAt - firstAt) / 1e9;
    return {
      messages: messages.length,
      produceMessagesPerSecond: messages.length / produceSeconds,
      consumeMessagesPerSecond: received / consumeSeconds,
      megabytesPerSecondConsumed: bytes / 1e6 / consumeSeconds,
    };
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
