import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { createAdmin } from './transient-errors';

/**
 * Reads a topic from its first message to the last one there was when the read began, partition by partition
 * in order, awaiting `onMessage` for each: what a rebuild of derived state from the log needs. It reads in a
 * group of its own, deleted afterwards, so it never moves a service's offsets. An error thrown by `onMessage` ends
 * the read with that error (the consumer would otherwise restart and wait for ever).
 */
export async function readTopicToEnd(kafka: Kafka, topic: string, onMessage: (message: KafkaMessage, partition: number) => Promise<void>): Promise<number> {
  const admin = createAdmin(kafka);
  await admin.connect();
  const groupId = `baton-read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(offsets.map((partition) => [partition.partition, BigInt(partition.high)]));
    const starts = new Map(offsets.map((partition) => [partition.partition, BigInt(partition.low)]));
    const pending = new Set([...ends].filter(([partition, high]) => high > (starts.get(partition) ?? 0n)).map(([partition]) => partition));
    if (pending.size === 0) return 0;
    let read = 0;
    let done: () => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => {
      done = resolve;
      fail = reject;
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (!pending.has(partition)) return;
        try {
          await onMessage(message, partition);
        } catch (error) {
          fail(error);
          return;
        }
        read += 1;
        if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n)) {
          pending.delete(partition);
          if (pending.size === 0) done();
        }
      },
    });
    await finished;
    return read;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
