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
  /** Its caller stopped waiting before it went out: it is dropped, not sent. */
  abandoned: boolean;
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
    // Retries without limit, as an idempotent producer must (Java's retries=MAX_INT): a request given up on gives its
    // sequence numbers back, and the broker would take the next request reusing them for a duplicate and drop it.
    // Transient errors (a leader moving, the broker away) are so retried here, where they happen; a caller that
    // cannot wait bounds its own wait with a timeout, and its sends still queued by then are dropped unsent.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: Number.MAX_SAFE_INTEGER },
    });
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
    const queued = this.enqueue(
      topic,
      traced.map((message) => ({ ...message })),
    );
    const sending = Promise.all(queued.map((send) => send.sent)).then(() => undefined);
    if (timeoutMs === undefined) {
      await sending;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // The caller answers "not stored, send again": what has not gone out yet never will, so a long outage
        // does not pile up sends nobody waits for.
        for (const send of queued) send.abandoned = true;
        reject(new ProduceTimeoutError(timeoutMs));
      }, timeoutMs);
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
  private enqueue(topic: string, messages: readonly Message[]): (QueuedSend & { sent: Promise<void> })[] {
    // A send bigger than a request (500 events of one lead) goes out in several, in order: one request would
    // exceed the broker's record batch limit for that partition and be refused every time it was retried.
    const parts = split(messages).map((part) => {
      let done: QueuedSend['done'] = { resolve: () => undefined, reject: () => undefined };
      const sent = new Promise<void>((resolve, reject) => (done = { resolve, reject }));
      const send = { topic, messages: part.messages, bytes: part.bytes, done, abandoned: false, sent };
      this.queue.push(send);
      return send;
    });
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => void this.drain());
    }
    return parts;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const request = this.takeRequest();
      if (request.length === 0) break;
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: byTopic(request) });
        for (const send of request) send.done.resolve();
      } catch (error) {
        for (const send of request) send.done.reject(error);
      }
    }
    this.draining = false;
  }

  /** The oldest queued sends up to MAX_REQUEST_BYTES (at least one, whatever its size), the abandoned ones left out. */
  private takeRequest(): QueuedSend[] {
    for (const send of this.queue) if (send.abandoned) send.done.reject(new Error('abandoned by its caller before it was sent'));
    this.queue.splice(0, this.queue.length, ...this.queue.filter((send) => !send.abandoned));
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes + (this.queue[count] as QueuedSend).bytes <= MAX_REQUEST_BYTES)) bytes += (this.queue[count++] as QueuedSend).bytes;
    return this.queue.splice(0, count);
  }
}

/** Consecutive runs of messages of at most MAX_REQUEST_BYTES each (a larger message alone). */
function split(messages: readonly Message[]): { messages: Message[]; bytes: number }[] {
  const parts: { messages: Message[]; bytes: number }[] = [];
  for (const message of messages) {
    const bytes = (message.value?.length ?? 0) + (message.key?.length ?? 0);
    const last = parts.at(-1);
    if (last !== undefined && last.bytes + bytes <= MAX_REQUEST_BYTES) {
      last.messages.push(message);
      last.bytes += bytes;
    } else parts.push({ messages: [message], bytes });
  }
  return parts;
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
