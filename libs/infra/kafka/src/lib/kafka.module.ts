import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { BatchConsumer, type BatchConsumerOptions, type MessageHandler } from './batch-consumer';
import { EventProducer } from './event-producer';
import { createKafkaClient, parseBrokers } from './kafka-client.factory';
import type { KafkaSecuritySettings } from './kafka-security';
import { ensureTopics } from './topic-admin';
import { retryTransient } from './transient-errors';

/** How long a service waits at start for a broker that answers "not now" (one that just started, a leader election). */
const START_TIMEOUT_MS = 120_000;

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

export interface KafkaConnectionOptions {
  readonly brokers: string;
  readonly clientId: string;
  /** Topics this service reads or writes, created at start when missing. */
  readonly topics: readonly string[];
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly security?: KafkaSecuritySettings;
}

/** The service's Kafka client and producer: topics ensured and producer connected before the app serves. */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly producer: EventProducer;
  private readonly admin: Admin;

  constructor(@Inject(KAFKA_OPTIONS) private readonly options: KafkaConnectionOptions) {
    this.kafka = createKafkaClient({ brokers: parseBrokers(options.brokers), clientId: options.clientId, security: options.security });
    this.producer = new EventProducer(this.kafka);
    this.admin = this.kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    await ensureTopics(this.kafka, this.options.topics, { partitions: this.options.partitions, replicationFactor: this.options.replicationFactor });
    // A broker that just started may answer the producer id request "coordinator loading" for longer than kafkajs waits.
    await retryTransient(() => this.producer.connect(), { timeoutMs: START_TIMEOUT_MS });
    await retryTransient(() => this.admin.connect(), { timeoutMs: START_TIMEOUT_MS });
  }

  /** A consumer of this client that dead-letters with this producer and logs through Nest's logger. */
  createConsumer(handler: MessageHandler, options: Omit<BatchConsumerOptions, 'logger'>): BatchConsumer {
    return new BatchConsumer(this.kafka, this.producer, handler, { ...options, logger: new Logger(`consumer:${options.topics.join(',')}`) });
  }

  /** Ready when the broker answers a metadata request now. */
  async isReady(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answered = this.admin.describeCluster().then(
      (cluster) => cluster.brokers.length > 0,
      () => false,
    );
    try {
      return await Promise.race([answered, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

/** Starts a consumer once the app is up, and stops it before the producer and Redis close. */
export class ConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(readonly consumer: BatchConsumer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

@Module({})
export class KafkaModule {
  static forRoot(options: KafkaConnectionOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        KafkaConnection,
        { provide: EventProducer, useFactory: (connection: KafkaConnection) => connection.producer, inject: [KafkaConnection] },
      ],
      exports: [KafkaConnection, EventProducer],
    };
  }
}
