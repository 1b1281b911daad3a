import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { ApiAuthModule } from '@baton/api-auth';
import type { ConsumerServiceEnv, ServiceEnv } from '@baton/config';
import { topicsOf, type BatonService } from '@baton/contracts';
import { ConsumerHost, KafkaConnection, KafkaModule, type MessageHandler } from '@baton/kafka';
import { BatonMetrics, MetricsModule } from '@baton/metrics';
import { RedisConnection, RedisModule } from '@baton/redis';
import { HealthController, HealthModule, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';

/** What a service consumes and which of its providers handles it. */
export interface ConsumedTopics {
  readonly topics: readonly string[];
  readonly deadLetterTopic: string;
  readonly handler: Type<MessageHandler>;
  /** Partitions handled side by side (1 unless the handler's commits keep concurrent writers apart). */
  readonly partitionsConsumedConcurrently?: number;
}

interface ServiceParts<C extends ServiceEnv> {
  readonly service: BatonService;
  /** The validated configuration, provided under its schema class. */
  readonly config: C;
  readonly configType: abstract new (...args: never[]) => C;
  readonly controllers?: readonly Type[];
  readonly providers?: readonly Provider[];
}

/** A service that consumes has the consumer settings in its configuration; one that does not, has no `consumes`. */
export type ServiceWiring<C extends ServiceEnv> = ServiceParts<C> & (C extends ConsumerServiceEnv ? { readonly consumes: ConsumedTopics } : { readonly consumes?: never });

/**
 * Every Baton service's module: Kafka (its topics created at start), Redis, metrics, API-key auth, health and
 * readiness, and, for a consuming service, the consumer of its topics with dead letters, retries and lag metrics,
 * ready once it is a member of its group. The service adds its own controllers and providers.
 */
export function serviceModule<C extends ServiceEnv>(module: Type, wiring: ServiceWiring<C>): DynamicModule {
  const { service, config } = wiring;
  const consumer = consumerOf(wiring);
  return {
    module,
    imports: [
      HealthModule,
      KafkaModule.forRoot({
        brokers: config.KAFKA_BROKERS,
        clientId: config.KAFKA_CLIENT_ID,
        topics: topicsOf(service),
        partitions: config.KAFKA_TOPIC_PARTITIONS,
        replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
        security: config,
      }),
      RedisModule.forRoot({ url: config.REDIS_URL, connectionName: `baton-${service}`, security: config }),
      MetricsModule.forRoot({ service }),
      // Every route is closed by default, also in a service that serves health only today.
      ApiAuthModule.forRoot({ perSecond: config.API_RATE_LIMIT_PER_SECOND, burst: config.API_RATE_LIMIT_BURST }),
    ],
    controllers: [HealthController, ...(wiring.controllers ?? [])],
    providers: [{ provide: wiring.configType, useValue: config }, ...(wiring.providers ?? []), ...(consumer === undefined ? [] : consumer.providers), readiness(consumer !== undefined)],
  };
}

function consumerOf<C extends ServiceEnv>(wiring: ServiceWiring<C>): { providers: Provider[] } | undefined {
  const consumes = wiring.consumes as ConsumedTopics | undefined;
  if (consumes === undefined) return undefined;
  const config = wiring.config as unknown as ConsumerServiceEnv;
  return {
    providers: [
      {
        provide: ConsumerHost,
        inject: [KafkaConnection, consumes.handler, BatonMetrics],
        useFactory: (kafka: KafkaConnection, handler: MessageHandler, metrics: BatonMetrics) =>
          new ConsumerHost(
            kafka.createConsumer(handler, {
              topics: consumes.topics,
              groupId: config.KAFKA_CONSUMER_GROUP,
              deadLetterTopic: consumes.deadLetterTopic,
              maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
              retryBackoffMs: config.CONSUMER_RETRY_BACKOFF_MS,
              observer: metrics.consumerObserver,
              ...(consumes.partitionsConsumedConcurrently === undefined ? {} : { partitionsConsumedConcurrently: consumes.partitionsConsumedConcurrently }),
            }),
          ),
      },
    ],
  };
}

function readiness(consumes: boolean): Provider {
  return {
    provide: READINESS_CHECKS,
    inject: consumes ? [KafkaConnection, RedisConnection, ConsumerHost] : [KafkaConnection, RedisConnection],
    useFactory: (kafka: KafkaConnection, redis: RedisConnection, host?: ConsumerHost): ReadinessCheck[] => [
      { name: 'kafka', isReady: () => kafka.isReady() },
      { name: 'redis', isReady: () => redis.isReady },
      ...(host === undefined ? [] : [{ name: 'consumer', isReady: () => host.consumer.isMember }]),
    ],
  };
}
