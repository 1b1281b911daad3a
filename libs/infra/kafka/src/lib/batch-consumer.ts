import type { Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterHeaders } from '@baton/contracts';
import { classifyFailure, describeError } from '@baton/failure';
import { runWithTrace, startSpan, traceFromHeaders, type MessageTrace, type TracedWork } from '@baton/telemetry';
import type { EventProducer } from './event-producer';
import { retryTransient } from './transient-errors';

export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  /** When the message entered the log: its record's timestamp, as an ISO time. */
  readonly loggedAt: string;
  /** The trace of this message's processing (a child of the one in its headers): what its effects carry. */
  readonly trace: MessageTrace;
}

/** `skipped`: the message's effect was already there (a duplicate), which is a normal outcome. */
export type HandlerOutcome = 'processed' | 'skipped';

export interface MessageHandler {
  handle(message: ConsumedMessage): Promise<HandlerOutcome>;
}

export interface RejectedMessage {
  readonly message: ConsumedMessage;
  /** Why it can never be processed: it goes to the dead-letter topic with this reason. */
  readonly error: unknown;
}

/**
 * A handler that takes a partition's messages a slice at a time (pipelined Redis calls, one produce request).
 * Messages it can never process are returned as rejected; a throw retries the slice while a dependency is
 * down and, for any other error, hands the slice message by message to `handle` so that one poison message
 * is retried and dead-lettered alone. Both paths must be idempotent: a slice may be handled again.
 */
export interface BatchMessageHandler extends MessageHandler {
  handleBatch(messages: readonly ConsumedMessage[]): Promise<readonly RejectedMessage[]>;
}

function handlesBatches(handler: MessageHandler): handler is BatchMessageHandler {
  return typeof (handler as Partial<BatchMessageHandler>).handleBatch === 'function';
}

/**
 * What a consumer reports as it goes, for metrics; a hook rather than a metrics client, so that this library
 * stays free of one. A throwing observer would stall the partition: implementations only count.
 */
export interface ConsumerObserver {
  /** A message of `sourceTopic` went to the dead-letter topic. */
  deadLettered(sourceTopic: string): void;
  /** Messages of the partition left after the last one processed (high watermark - next offset). */
  lag(topic: string, partition: number, lag: number): void;
  /** The kafkajs consumer crashed. */
  clientError(error: unknown): void;
}

/**
 * Where the consumer tells what it does: a port, so that the core stays free of a framework. The Nest wiring
 * (`KafkaConnection.createConsumer`) passes Nest's Logger.
 */
export interface ConsumerLogger {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface BatchConsumerOptions {
  readonly topics: readonly string[];
  readonly groupId: string;
  readonly deadLetterTopic: string;
  /** Attempts at a message failing for an unknown reason before it is dead-lettered. */
  readonly maxAttempts: number;
  /** First wait between attempts, doubled each time (capped while a dependency is down). */
  readonly retryBackoffMs: number;
  readonly partitionsConsumedConcurrently?: number;
  /** Largest slice given to a BatchMessageHandler at once, so that heartbeats and offset commits keep up. */
  readonly maxSliceSize?: number;
  readonly observer?: ConsumerObserver;
  readonly logger: ConsumerLogger;
}

const DEPENDENCY_BACKOFF_CAP_MS = 5000;
/**
 * A slice costs one read and one commit per lead in it, and its messages live until it is done: 2,000 drained a
 * backlog 25 % faster than 500 for about 10 % more memory; 5,000 another 10 % faster for 30 % more (100,000 events
 * drained by scoring and lifecycle on 2 cores).
 */
const DEFAULT_SLICE_SIZE = 2000;

/**
 * Runs one kafkajs consumer with batches. Each key's (lead's) messages are handled in partition order, different keys at once; a failure is
 * dead-lettered at once when terminal, after `maxAttempts` when unknown, and waited out when a dependency
 * is down. A poison message therefore never stalls its partition, and an outage never dead-letters good ones.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private readonly logger: ConsumerLogger;
  private joined = false;

  constructor(
    kafka: Kafka,
    private readonly producer: EventProducer,
    private readonly handler: MessageHandler,
    private readonly options: BatchConsumerOptions,
  ) {
    this.logger = options.logger;
    // A crashed instance's partitions get a new owner only once its session expired: 10 s (not kafkajs' 30 s)
    // bounds that pause (the chaos suite measured 31 s to recover from a SIGKILL with 30 s). Heartbeats go out
    // between slices and while waiting out a dependency, so a live consumer never comes near it.
    this.consumer = kafka.consumer({ groupId: options.groupId, sessionTimeout: 10_000, heartbeatInterval: 2000, maxWaitTimeInMs: 1000 });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => this.options.observer?.clientError(event.payload.error));
    for (const event of [this.consumer.events.CRASH, this.consumer.events.STOP, this.consumer.events.DISCONNECT]) {
      this.consumer.on(event, () => {
        this.joined = false;
      });
    }
  }

  /** True once the consumer has joined its group and holds its share of the partitions. */
  get isMember(): boolean {
    return this.joined;
  }

  async start(): Promise<void> {
    // A broker that just started answers "not now" for a while (coordinators loading): wait for it, as kafkajs does later.
    await retryTransient(() => this.consumer.connect(), { timeoutMs: 120_000 });
    await retryTransient(() => this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true }), { timeoutMs: 120_000 });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        const size = this.options.maxSliceSize ?? DEFAULT_SLICE_SIZE;
        for (let start = 0; start < batch.messages.length; start += size) {
          if (!isRunning() || isStale()) return;
          const traced = batch.messages.slice(start, start + size).map((message) => startProcessing(batch.topic, batch.partition, message));
          const slice = traced.map(({ message }) => message);
          const done = handlesBatches(this.handler) ? await this.processSlice(this.handler, slice, heartbeat, isRunning) : await this.processByKey(slice, heartbeat, isRunning);
          for (const { work } of traced) work.end();
          if (!done) return;
          resolveOffset((slice.at(-1) as ConsumedMessage).offset);
          this.reportLag(batch.topic, batch.partition, batch.highWatermark, (slice.at(-1) as ConsumedMessage).offset);
          await commitOffsetsIfNecessary();
          await heartbeat();
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** Resolves once the consumer joined its group, so that tests and demos produce only when it listens. */
  async waitUntilMember(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.joined) {
      if (Date.now() > deadline) throw new Error(`consumer of ${this.options.topics.join(', ')} did not join group ${this.options.groupId} within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /**
   * A slice's messages of different keys (leads) at once, each key's in log order: one lead's Redis and Kafka
   * round trips overlap with the others' instead of queueing behind them. False when the consumer is stopping:
   * nothing of the slice is resolved, and what was done is skipped as a duplicate when it comes again.
   */
  private async processByKey(slice: readonly ConsumedMessage[], heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<boolean> {
    const byKey = new Map<string, ConsumedMessage[]>();
    for (const message of slice) {
      const key = message.key?.toString('latin1') ?? '';
      const messages = byKey.get(key) ?? [];
      messages.push(message);
      byKey.set(key, messages);
    }
    let stopped = false;
    await Promise.all(
      [...byKey.values()].map(async (messages) => {
        for (const message of messages) {
          if (stopped || !(await runWithTrace(message.trace, () => this.processWithRetries(message, heartbeat, isRunning)))) {
            stopped = true;
            return;
          }
        }
      }),
    );
    return !stopped;
  }

  /** Like processWithRetries, for a slice; false when the consumer is stopping or rebalancing. */
  private async processSlice(handler: BatchMessageHandler, slice: readonly ConsumedMessage[], heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        const rejected = await handler.handleBatch(slice);
        for (const { message, error } of rejected) await this.deadLetter(message, error, 1);
        this.logger.debug(`${describeMessage(slice[0] as ConsumedMessage)} +${slice.length} handled, ${rejected.length} dead-lettered`);
        return true;
      } catch (error) {
        if (classifyFailure(error) !== 'dependency') {
          this.logger.warn(`${describeMessage(slice[0] as ConsumedMessage)} +${slice.length} failed as a slice, handling its messages one by one: ${describeError(error)}`);
          for (const message of slice) {
            if (!(await runWithTrace(message.trace, () => this.processWithRetries(message, heartbeat, isRunning)))) return false;
          }
          return true;
        }
        const wait = Math.min(this.options.retryBackoffMs * 2 ** Math.min(attempt - 1, 16), DEPENDENCY_BACKOFF_CAP_MS);
        this.logger.warn(`${describeMessage(slice[0] as ConsumedMessage)} +${slice.length} waiting ${wait} ms for a dependency: ${describeError(error)}`);
        if (!(await this.pause(wait, heartbeat, isRunning))) return false;
      }
    }
  }

  /** Waits, then heartbeats; false when the consumer stopped or lost its partitions meanwhile. */
  private async pause(ms: number, heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<boolean> {
    await sleep(ms);
    if (!isRunning()) return false;
    try {
      await heartbeat();
      return true;
    } catch {
      return false;
    }
  }

  /** Returns false when the consumer is stopping or rebalancing: the message stays unresolved and comes again. */
  private async processWithRetries(message: ConsumedMessage, heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.handler.handle(message);
        this.logger.debug(`${describeMessage(message)} ${outcome}`);
        return true;
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind === 'terminal' || (kind === 'retryable' && attempt >= this.options.maxAttempts)) {
          await this.deadLetter(message, error, attempt);
          return true;
        }
        const backoff = this.options.retryBackoffMs * 2 ** Math.min(attempt - 1, 16);
        const wait = kind === 'dependency' ? Math.min(backoff, DEPENDENCY_BACKOFF_CAP_MS) : backoff;
        this.logger.warn(`${describeMessage(message)} attempt ${attempt} failed (${kind}), retrying in ${wait} ms: ${describeError(error)}`);
        if (!(await this.pause(wait, heartbeat, isRunning))) return false;
      }
    }
  }

  /** The high watermark is the next offset to be written; the processed offset + 1 the next to read. */
  private reportLag(topic: string, partition: number, highWatermark: string, processedOffset: string): void {
    this.options.observer?.lag(topic, partition, Number(BigInt(highWatermark) - BigInt(processedOffset) - 1n));
  }

  private async deadLetter(message: ConsumedMessage, error: unknown, attempts: number): Promise<void> {
    const reason = describeError(error);
    this.logger.error(`${describeMessage(message)} dead-lettered to ${this.options.deadLetterTopic} after ${attempts} attempt(s): ${reason}`);
    await this.producer.send(this.options.deadLetterTopic, [
      {
        key: message.key ?? '',
        value: message.value ?? '',
        headers: {
          ...message.headers,
          ...deadLetterHeaders({ reason, sourceTopic: message.topic, sourcePartition: message.partition, sourceOffset: message.offset, attempts, failedAt: new Date() }),
        },
      },
    ]);
    this.options.observer?.deadLettered(message.topic);
  }
}

/** A message's processing is a consumer span, child of the trace in its headers (a new trace when it has none). */
function startProcessing(topic: string, partition: number, message: KafkaMessage): { message: ConsumedMessage; work: TracedWork } {
  const headers = message.headers ?? {};
  const work = startSpan(`${topic} process`, 'consumer', traceFromHeaders(headers), {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': topic,
    'messaging.destination.partition.id': String(partition),
    'messaging.kafka.offset': Number(message.offset),
  });
  return {
    message: { topic, partition, offset: message.offset, key: message.key, value: message.value, headers, loggedAt: new Date(Number(message.timestamp)).toISOString(), trace: work.trace },
    work,
  };
}

function describeMessage(message: ConsumedMessage): string {
  return `${message.topic}[${message.partition}]@${message.offset}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
