import { Logger } from '@nestjs/common';
import type { Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_HEADERS } from '@baton/contracts';
import type { EventProducer } from './event-producer';
import { classifyFailure, describeError } from './failure';

export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** `skipped`: the message's effect was already there (a duplicate), which is a normal outcome. */
export type HandlerOutcome = 'processed' | 'skipped';

export interface MessageHandler {
  handle(message: ConsumedMessage): Promise<HandlerOutcome>;
}

export interface BatchConsumerOptions {
  readonly topic: string;
  readonly groupId: string;
  readonly deadLetterTopic: string;
  /** Attempts at a message failing for an unknown reason before it is dead-lettered. */
  readonly maxAttempts: number;
  /** First wait between attempts, doubled each time (capped while a dependency is down). */
  readonly retryBackoffMs: number;
  readonly partitionsConsumedConcurrently?: number;
}

const DEPENDENCY_BACKOFF_CAP_MS = 5000;

/**
 * Runs one kafkajs consumer with batches. Each message is handled in partition order; a failure is
 * dead-lettered at once when terminal, after `maxAttempts` when unknown, and waited out when a dependency
 * is down. A poison message therefore never stalls its partition, and an outage never dead-letters good ones.
 */
export class BatchConsumer {
  private readonly consumer: Consumer;
  private readonly logger: Logger;
  private joined = false;

  constructor(
    kafka: Kafka,
    private readonly producer: EventProducer,
    private readonly handler: MessageHandler,
    private readonly options: BatchConsumerOptions,
  ) {
    this.logger = new Logger(`consumer:${options.topic}`);
    this.consumer = kafka.consumer({ groupId: options.groupId, sessionTimeout: 30_000, heartbeatInterval: 3000, maxWaitTimeInMs: 1000 });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joined = true;
    });
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
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) return;
          const consumed = toConsumed(batch.topic, batch.partition, message);
          const done = await this.processWithRetries(consumed, heartbeat, isRunning);
          if (!done) return;
          resolveOffset(message.offset);
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
      if (Date.now() > deadline) throw new Error(`consumer of ${this.options.topic} did not join group ${this.options.groupId} within ${timeoutMs} ms`);
      await sleep(50);
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
        await sleep(wait);
        if (!isRunning()) return false;
        try {
          await heartbeat();
        } catch {
          return false;
        }
      }
    }
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
          [DEAD_LETTER_HEADERS.reason]: reason,
          [DEAD_LETTER_HEADERS.sourceTopic]: message.topic,
          [DEAD_LETTER_HEADERS.sourcePartition]: String(message.partition),
          [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
          [DEAD_LETTER_HEADERS.attempts]: String(attempts),
          [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
        },
      },
    ]);
  }
}

function toConsumed(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers ?? {} };
}

function describeMessage(message: ConsumedMessage): string {
  return `${message.topic}[${message.partition}]@${message.offset}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
