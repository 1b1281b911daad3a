import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EventProducer } from '../event-producer';
import { readTopicToEnd } from '../read-topic-to-end';
import { ensureTopics } from '../topic-admin';

describe('readTopicToEnd against the real Kafka', () => {
  const kafka = new Kafka({ clientId: 'read-topic-to-end-test', brokers: (process.env['KAFKA_BROKERS'] as string).split(','), logLevel: logLevel.NOTHING });
  const topic = `baton.test.read-to-end.${randomUUID()}`;
  const producer = new EventProducer(kafka);

  beforeAll(async () => {
    await ensureTopics(kafka, [topic], { partitions: 2, replicationFactor: 1 });
    await producer.connect();
    await producer.send(
      topic,
      ['a', 'b', 'not json', 'c'].map((value, index) => ({ key: `lead-${index % 2}`, value })),
    );
  });

  afterAll(async () => {
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).finally(() => admin.disconnect());
  });

  it('should read every message there was when it began, each partition in order', async () => {
    const read: string[] = [];
    expect(await readTopicToEnd(kafka, topic, async (message) => void read.push(String(message.value)))).toBe(4);
    expect(read.filter((value) => value === 'a' || value === 'not json')).toEqual(['a', 'not json']);
    expect(read.filter((value) => value === 'b' || value === 'c')).toEqual(['b', 'c']);
  });

  it('should end with the error a message handler throws, not wait for ever', async () => {
    await expect(readTopicToEnd(kafka, topic, async (message) => void JSON.parse(String(message.value)))).rejects.toThrow(SyntaxError);
  });
});
