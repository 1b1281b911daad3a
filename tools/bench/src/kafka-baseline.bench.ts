import { Partitioners, type Kafka } from 'kafkajs';
import { createAdmin, ensureTopics } from '@baton/kafka';
import { produceAll } from './bulk-produce';

export interface KafkaBaseline {
  readonly messages: number;
  readonly produceMessagesPerSecond: number;
  readonly consumeMessagesPerSecond: number;
  readonly megabytesPerSecondConsumed: number;
  /**
   * The floor of one hop of Baton's pipeline: CPU of a Node process (µs per message) that consumes each message, parses
   * it and produces a message of a score change's size for it, with Baton's producer settings, and nothing else.
   */
  readonly relayCpuMicrosPerMessage: number;
  readonly relayMessagesPerSecond: number;
}

/** About a score change's size (~0.5 KB): what a relayed message carries on. */
const RELAY_PADDING = 'x'.repeat(400);
const RELAY_REQUEST_MESSAGES = 1000;

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
    const relay = await relayAll(kafka, topic, partitions, messages.length);
    return {
      messages: messages.length,
      produceMessagesPerSecond: messages.length / produceSeconds,
      consumeMessagesPerSecond: received / consumeSeconds,
      megabytesPerSecondConsumed: bytes / 1e6 / consumeSeconds,
      relayCpuMicrosPerMessage: relay.cpuMicrosPerMessage,
      relayMessagesPerSecond: relay.messagesPerSecond,
    };
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: [topic, `${topic}-relayed`] }).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * Every message of `topic` consumed, parsed and answered by one of about a score change's size on a topic of its own,
 * a produce request per fetched batch (or per thousand messages), by an idempotent producer with one request in flight (as EventProducer):
 * this process's CPU from the first batch to the last, per message.
 */
async function relayAll(kafka: Kafka, topic: string, partitions: number, count: number): Promise<{ cpuMicrosPerMessage: number; messagesPerSecond: number }> {
  const target = `${topic}-relayed`;
  await ensureTopics(kafka, [target], { partitions, replicationFactor: 1 });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${topic}-relay`, maxWaitTimeInMs: 100 });
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let relayed = 0;
    let cpuAtFirst: NodeJS.CpuUsage | undefined;
    let firstAt = 0n;
    const done = new Promise<{ cpu: NodeJS.CpuUsage; at: bigint }>((resolve) => {
      void consumer.run({
        partitionsConsumedConcurrently: partitions,
        eachBatch: async ({ batch }) => {
          if (cpuAtFirst === undefined) {
            cpuAtFirst = process.cpuUsage();
            firstAt = process.hrtime.bigint();
          }
          const out = batch.messages.map((message) => {
            const event = JSON.parse(message.value?.toString('utf8') ?? '{}') as { leadId?: string; eventId?: string };
            return { key: message.key, value: JSON.stringify({ leadId: event.leadId, causeEventId: event.eventId, relayedAt: new Date().toISOString(), padding: RELAY_PADDING }) };
          });
          // A fetched batch can exceed what the broker takes in one record batch (1 MB).
          for (let start = 0; start < out.length; start += RELAY_REQUEST_MESSAGES) await producer.send({ topic: target, acks: -1, messages: out.slice(start, start + RELAY_REQUEST_MESSAGES) });
          relayed += out.length;
          if (relayed >= count) resolve({ cpu: process.cpuUsage(cpuAtFirst), at: process.hrtime.bigint() });
        },
      });
    });
    const { cpu, at } = await done;
    return { cpuMicrosPerMessage: (cpu.user + cpu.system) / relayed, messagesPerSecond: relayed / (Number(at - firstAt) / 1e9) };
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
  }
}
