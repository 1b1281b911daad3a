import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EventProducer } from '../event-producer';
import { ensureTopics } from '../topic-admin';

describe('EventProducer against the real Kafka', () => {
  const kafka = new Kafka({ clientId: 'event-producer-test', brokers: (process.env['KAFKA_BROKERS'] as string).split(','), logLevel: logLevel.NOTHING });
  const topic = `baton.test.event-producer.${randomUUID()}`;
  const producer = new EventProducer(kafka);

  beforeAll(async () => {
    await ensureTopics(kafka, [topic], { partitions: 3, replicationFactor: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).finally(() => admin.disconnect());
  });

  it('should store a send larger than one partition batch may be (1.5 MB for one key), in order', async () => {
    const values = Array.from({ length: 600 }, (_, index) => JSON.stringify({ index, padding: 'x'.repeat(2500) }));
    await producer.send(
      topic,
      values.map((value) => ({ key: 'one-lead', value })),
    );

    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    expect(offsets.map(({ high }) => Number(high)).sort((a, b) => b - a)).toEqual([600, 0, 0]);

    const consumer = kafka.consumer({ groupId: `event-producer-test-${randomUUID()}` });
    const read: number[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void read.push((JSON.parse(String(message.value)) as { index: number }).index) });
    for (let waited = 0; read.length < 600 && waited < 30_000; waited += 100) await new Promise((done) => setTimeout(done, 100));
    await consumer.disconnect();
    expect(read).toEqual(values.map((_, index) => index));
  });
});
