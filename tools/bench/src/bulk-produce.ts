import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC, type EngagementEventV1 } from '@baton/contracts';

const CHUNK = 1000;
const IN_FLIGHT = 4;

/** Messages in requests of 1,000, four in flight (acks from all replicas), as a producer that keeps the broker busy. */
export async function produceAll(producer: Producer, topic: string, messages: readonly Message[]): Promise<void> {
  for (let start = 0; start < messages.length; start += CHUNK * IN_FLIGHT) {
    const requests = [];
    for (let offset = start; offset < Math.min(messages.length, start + CHUNK * IN_FLIGHT); offset += CHUNK) {
      requests.push(producer.send({ topic, acks: -1, messages: messages.slice(offset, offset + CHUNK) }));
    }
    await Promise.all(requests);
  }
}

/** A backlog of events on the engagement topic at once, keyed by lead, with a producer of its own. */
export async function produceBacklog(kafka: Kafka, events: readonly EngagementEventV1[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await produceAll(
      producer,
      ENGAGEMENT_EVENTS_TOPIC,
      events.map((event) => ({ key: event.leadId, value: JSON.stringify(event) })),
    );
  } finally {
    await producer.disconnect();
  }
}
