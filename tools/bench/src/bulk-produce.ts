import type { Message, Producer } from 'kafkajs';

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
