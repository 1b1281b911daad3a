import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC } from '@baton/contracts';
import type { ZipfWorkload } from '@baton/testing';
import { consumeFromEnd } from './consume-from-end';
import { latencySummary, type LatencySummary } from './latency-summary';

/** Where a scorer publishes one score change per new event, and the field of it naming that event. */
export interface ScoreChangesTopic {
  readonly topic: string;
  readonly eventIdField: string;
}

export interface ScoreLatency {
  /** The rate asked for; `offeredEventsPerSecond` is what the producer achieved. */
  readonly askedEventsPerSecond: number;
  readonly offeredEventsPerSecond: number;
  readonly seconds: number;
  /** Events produced while measuring, and how many of their score changes were read back. */
  readonly events: number;
  readonly scored: number;
  /** From an event's produce acknowledgment to its score change read from the scorer's topic. */
  readonly ms: LatencySummary;
}

/**
 * Not measured: a fresh process (Baton's scoring here) would otherwise pay for its JIT and first connections in the
 * figures, where the peer comes to this warm from its drains.
 */
const WARM_UP_SECONDS = 3;
const READ_BACK_TIMEOUT_MS = 30_000;

/** The latency of each rate in turn, on one scorer. */
export async function scoreLatencies(kafka: Kafka, workload: ZipfWorkload, scoreChanges: ScoreChangesTopic, rates: readonly number[], seconds: number): Promise<ScoreLatency[]> {
  const results: ScoreLatency[] = [];
  for (const rate of rates) results.push(await scoreLatency(kafka, workload, scoreChanges, rate, seconds));
  return results;
}

/**
 * Events of `workload` produced one by one, each in a request of its own, at a steady rate, and for each the time
 * from its acknowledgment to its score change read back: the scorer's own latency plus one produce and one fetch,
 * the same for whichever scorer is measured.
 */
async function scoreLatency(kafka: Kafka, workload: ZipfWorkload, scoreChanges: ScoreChangesTopic, eventsPerSecond: number, seconds: number): Promise<ScoreLatency> {
  const readAt = new Map<string, number>();
  const consumer = await consumeFromEnd(kafka, scoreChanges.topic, (message) => {
    const eventId = (JSON.parse(message.value?.toString('utf8') ?? '{}') as Record<string, unknown>)[scoreChanges.eventIdField];
    if (typeof eventId === 'string' && !readAt.has(eventId)) readAt.set(eventId, Date.now());
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await offerOneByOne(producer, workload, eventsPerSecond, WARM_UP_SECONDS, () => undefined);
    const ackedAt = new Map<string, number>();
    const offeredSeconds = await offerOneByOne(producer, workload, eventsPerSecond, seconds, (eventId, at) => ackedAt.set(eventId, at));
    const deadline = Date.now() + READ_BACK_TIMEOUT_MS;
    while (Date.now() < deadline && [...ackedAt.keys()].some((eventId) => !readAt.has(eventId))) await sleep(100);
    const latencies = [...ackedAt].flatMap(([eventId, acked]) => {
      const read = readAt.get(eventId);
      return read === undefined ? [] : [read - acked];
    });
    return {
      askedEventsPerSecond: eventsPerSecond,
      offeredEventsPerSecond: ackedAt.size / offeredSeconds,
      seconds: offeredSeconds,
      events: ackedAt.size,
      scored: latencies.length,
      ms: latencySummary(latencies),
    };
  } finally {
    await producer.disconnect();
    await consumer.disconnect();
  }
}

/** Sends each event as soon as it is due, none waiting for another's acknowledgment; resolves with the seconds it took. */
async function offerOneByOne(producer: Producer, workload: ZipfWorkload, eventsPerSecond: number, seconds: number, acked: (eventId: string, at: number) => void): Promise<number> {
  const total = Math.round(eventsPerSecond * seconds);
  const sends: Promise<void>[] = [];
  const started = Date.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.ceil(((Date.now() - started) * eventsPerSecond) / 1000));
    for (; sent < due; sent++) {
      const event = workload.event();
      sends.push(producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: [{ key: event.leadId, value: JSON.stringify(event) }] }).then(() => acked(event.eventId, Date.now())));
    }
    await sleep(1);
  }
  const offeredSeconds = (Date.now() - started) / 1000;
  await Promise.all(sends);
  return offeredSeconds;
}
