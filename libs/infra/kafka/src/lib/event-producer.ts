import { Partitioners, type IHeaders, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { currentTrace, traceHeadersOf } from '@baton/telemetry';

export interface OutgoingMessage {
  readonly key: Buffer | string;
  readonly value: Buffer | string;
  readonly headers?: IHeaders;
}

export class ProduceTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Kafka did not acknowledge within ${timeoutMs} ms`);
    this.name = 'ProduceTimeoutError';
  }
}

interface QueuedSend {
  readonly topic: string;
  readonly messages: readonly Message[];
  readonly bytes: number;
  readonly done: { resolve(): void; reject(error: unknown): void };
}

/** A produce request gathers queued sends up to this size, well below the broker's 1 MB record batch limit per partition. */
const MAX_REQUEST_BYTES = 512 * 1024;

/**
 * The one way Baton writes to Kafka: idempotent producer, acks from all in-sync replicas, so a resolved
 * send means the messages are stored. A send that times out may still land later; consumers deduplicate.
 */
export class EventProducer {
  private readonly producer: Producer;
  private readonly errorListeners: ((error: unknown) => void)[] = [];
  private readonly queue: QueuedSend[] = [];
  private draining = false;

  constructor(kafka: Kafka) {
    // The default (murmur2, Java-compatible) partitioner: other teams' Java clients put a lead on the same partition.
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  /** Called with each failed send (metrics count them); the caller still gets the error. */
  onError(listener: (error: unknown) => void): void {
    this.errorListeners.push(listener);
  }

  /**
   * Messages carry the trace of the work in progress (correlation id, traceparent) unless they bring their own
   * headers for it: a handler of a slice gives each message the trace of the one that caused it.
   */
  async send(topic: string, messages: readonly OutgoingMessage[], timeoutMs?: number): Promise<void> {
    try {
      await this.sendOrTimeout(topic, messages, timeoutMs);
    } catch (error) {
      for (const listener of this.errorListeners) listener(error);
      throw error;
    }
  }

  private async sendOrTimeout(topic: string, messages: readonly OutgoingMessage[], timeoutMs: number | undefined): Promise<void> {
    const trace = currentTrace();
    const traced = trace === undefined ? messages : messages.map((message) => ({ ...message, headers: { ...traceHeadersOf(trace), ...message.headers } }));
    const sending = this.enqueue(topic, traced.map((message) => ({ ...message })));
    if (timeoutMs === undefined) {
      await sending;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProduceTimeoutError(timeoutMs)), timeoutMs);
    });
    // A late failure of the abandoned send must not surface as an unhandled rejection.
    sending.catch(() => undefined);
    try {
      await Promise.race([sending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The idempotent producer has one request in flight, so sends made meanwhile (concurrent HTTP requests, leads
   * handled at once) would each wait for a round trip of their own: they wait in a queue instead and go out
   * together in the next request, in the order they were made (per-partition order holds). A failed request
   * fails every send in it; each caller retries as before.
   */
  private enqueue(topic: string, messages: readonly Message[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const bytes = messages.reduce((sum, message) => sum + (message.value?.length ?? 0) + (message.key?.length ?? 0), 0);
      this.queue.push({ topic, messages, bytes, done: { resolve, reject } });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const request = this.takeRequest();
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: byTopic(request) });
        for (const send of request) send.done.resolve();
      } catch (error) {
        for (const send of request) send.done.reject(error);
      }
    }
    this.draining = false;
  }

  /** The oldest queued sends up to MAX_REQUEST_BYTES (at least one, whatever its size). */
  private takeRequest(): QueuedSend[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes + (this.queue[count] as QueuedSend).bytes <= MAX_REQUEST_BYTES)) bytes += (this.queue[count++] as QueuedSend).bytes;
    return this.queue.splice(0, count);
  }
}

function byTopic(sends: readonly QueuedSend[]): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const { topic, messages } of sends) {
    const queued = topics.get(topic) ?? [];
    queued.push(...messages);
    topics.set(topic, queued);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}
