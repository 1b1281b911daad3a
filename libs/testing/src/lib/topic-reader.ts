import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { waitFor } from './wait-for';

export interface ReadMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** Reads a topic from its beginning in a group of its own, so tests see what the services produced. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(brokers: string, topic: string): Promise<TopicReader> {
    const kafka = new Kafka({ clientId: 'baton-test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `baton-test-${randomUUID()}`, maxWaitTimeInMs: 200 });
    const reader = new TopicReader(consumer);
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        reader.messages.push({
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? '',
          value: message.value?.toString('utf8') ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
        });
      },
    });
    await waitFor(`a reader of ${topic} to join its group`, () => (joined ? true : undefined), 30_000);
    return reader;
  }

  /** Values (parsed JSON) of the messages with this key. */
  valuesFor<T>(key: string): T[] {
    return this.messages.filter((message) => message.key === key).map((message) => JSON.parse(message.value) as T);
  }

  async waitForKey<T>(key: string, count = 1, timeoutMs = 20_000): Promise<T[]> {
    return waitFor(
      `${count} message(s) with key ${key}`,
      () => {
        const values = this.valuesFor<T>(key);
        return values.length >= count ? values : undefined;
      },
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
