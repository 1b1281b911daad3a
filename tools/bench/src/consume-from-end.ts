import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

/**
 * A consumer of `topic` in a group of its own, from the topic's end, resolved once it reads: whatever is produced
 * afterwards reaches `onMessage` (the caller disconnects it).
 */
export async function consumeFromEnd(kafka: Kafka, topic: string, onMessage: (message: KafkaMessage) => void): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `baton-bench-reader-${randomUUID()}`, maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
  });
  await consumer.run({ eachMessage: async ({ message }) => onMessage(message) });
  while (!joined) await sleep(50);
  // The group starts at the end only once it has its partitions: wait for the first fetch to settle.
  await sleep(1000);
  return consumer;
}
