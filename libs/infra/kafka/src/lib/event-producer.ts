import { Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
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

/**
 * The one way Baton writes to Kafka: idempotent producer, acks from all in-sync replicas, so a resolved
 * send means the messages are stored. A send that times out may still land later; consumers deduplicate.
 */
export class EventProducer {
  private readonly producer: Producer;
  private readonly errorListeners: ((error: unknown) => void)[] = [];

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
    const sending = this.producer.send({ topic, acks: -1, messages: traced.map((message) => ({ ...message })) });
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
}
