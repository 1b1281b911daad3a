import type { Kafka, ProducerBatch, ProducerConfig } from 'kafkajs';
import { EventProducer, ProduceTimeoutError } from '../event-producer';

/** A kafkajs client whose producer records its settings and requests, and answers when the test says so. */
function fakeKafka() {
  const requests: { keys: string[]; answer(): void }[] = [];
  let config: ProducerConfig | undefined;
  const kafka = {
    producer: (given: ProducerConfig) => {
      config = given;
      return {
        sendBatch: (batch: ProducerBatch) =>
          new Promise<void>((answer) => requests.push({ keys: (batch.topicMessages ?? []).flatMap(({ messages }) => messages.map((message) => String(message.key))), answer })),
      };
    },
  } as unknown as Kafka;
  return { kafka, requests, config: () => config };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('EventProducer', () => {
  it('should make an idempotent producer that retries without limit, as the protocol expects of one', () => {
    const { kafka, config } = fakeKafka();
    new EventProducer(kafka);
    expect(config()).toMatchObject({ idempotent: true, maxInFlightRequests: 1, retry: { retries: Number.MAX_SAFE_INTEGER } });
  });

  it('should drop, unsent, the sends still queued when their caller stopped waiting, and go on with the next', async () => {
    const { kafka, requests } = fakeKafka();
    const producer = new EventProducer(kafka);

    // The broker is away: the first request waits, retried by the producer; sends made meanwhile queue behind it.
    const inFlight = producer.send('topic', [{ key: 'in-flight', value: '1' }], 20);
    await tick();
    const queued = producer.send('topic', [{ key: 'queued', value: '2' }], 20);
    await expect(inFlight).rejects.toBeInstanceOf(ProduceTimeoutError);
    await expect(queued).rejects.toBeInstanceOf(ProduceTimeoutError);

    // The broker is back: the request in flight completes; the queued send, whose caller gave up, never goes out.
    requests[0]?.answer();
    await tick();
    const later = producer.send('topic', [{ key: 'later', value: '3' }]);
    await tick();
    requests[1]?.answer();
    await later;
    expect(requests.map((request) => request.keys)).toEqual([['in-flight'], ['later']]);
  });
});
