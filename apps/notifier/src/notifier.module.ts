import { ApiAuthModule } from '@baton/api-auth';
import { Module, type DynamicModule } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import { LEAD_QUALIFIED_TOPIC, NOTIFIER_DEAD_LETTER_TOPIC, topicsOf } from '@baton/contracts';
import { ConsumerHost, KafkaConnection, KafkaModule } from '@baton/kafka';
import { BatonMetrics, MetricsModule } from '@baton/metrics';
import { RedisConnection, RedisModule } from '@baton/redis';
import { HealthController, HealthModule, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { SafeHttpClient } from './channels/safe-http/safe-http.client';
import { AlertsController } from './delivery/alerts.controller';
import { buildChannels } from './delivery/build-channels';
import { AttemptRunner } from './delivery/attempt.runner';
import { ChannelLookup, ChannelRegistry } from './delivery/channel-registry';
import { DeliveryMetrics } from './delivery/delivery.metrics';
import { DeliveryPublisher } from './delivery/delivery.publisher';
import { DeliveryStore } from './delivery/delivery.store';
import { DeliveryScheduler } from './delivery/delivery.scheduler';
import { EnqueueAlertsUseCase } from './delivery/enqueue-alerts.usecase';
import { LeadQualifiedHandler } from './delivery/lead-qualified.handler';
import { LeaseKeeper } from './delivery/lease.keeper';
import { OwnerAssigner } from './routing/owner-assigner';
import { RoutedChannelRegistry } from './routing/routed-channel-registry';
import { RoutingHolder } from './routing/routing.holder';

@Module({})
export class NotifierModule {
  static forRoot(config: NotifierEnv, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const poster = new SafeHttpClient({ allow: (config.NOTIFIER_ALLOWED_DESTINATIONS ?? '').split(',').filter((entry) => entry !== '') });
    // Read before Nest starts: an invalid routing file, or a secret it names that is not set, stops the service.
    // Reloaded while running (file watch, SIGHUP), with its channels: the worker looks them up in the one in force.
    const routing = new RoutingHolder({
      env: { ...env, ...definedOf(config) },
      reloadIntervalMs: config.NOTIFIER_ROUTING_RELOAD_INTERVAL_MS,
      channelsFor: (routes) => new ChannelRegistry(buildChannels(routes, poster)),
    });
    return {
      module: NotifierModule,
      imports: [
        HealthModule,
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          topics: topicsOf('notifier'),
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
          security: config,
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: config.KAFKA_CLIENT_ID, security: config }),
        MetricsModule.forRoot({ service: 'notifier' }),
        ApiAuthModule.forRoot({ perSecond: config.API_RATE_LIMIT_PER_SECOND, burst: config.API_RATE_LIMIT_BURST }),
      ],
      controllers: [HealthController, AlertsController],
      providers: [
        { provide: NotifierEnv, useValue: config },
        { provide: RoutingHolder, useValue: routing },
        { provide: ChannelLookup, useValue: new RoutedChannelRegistry(routing) },
        DeliveryStore,
        DeliveryMetrics,
        OwnerAssigner,
        EnqueueAlertsUseCase,
        LeadQualifiedHandler,
        LeaseKeeper,
        DeliveryPublisher,
        AttemptRunner,
        DeliveryScheduler,
        {
          provide: ConsumerHost,
          inject: [KafkaConnection, LeadQualifiedHandler, BatonMetrics],
          useFactory: (kafka: KafkaConnection, handler: LeadQualifiedHandler, metrics: BatonMetrics) =>
            new ConsumerHost(
              kafka.createConsumer(handler, {
                topics: [LEAD_QUALIFIED_TOPIC],
                groupId: config.KAFKA_CONSUMER_GROUP,
                deadLetterTopic: NOTIFIER_DEAD_LETTER_TOPIC,
                maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
                retryBackoffMs: config.CONSUMER_RETRY_BACKOFF_MS,
                observer: metrics.consumerObserver,
              }),
            ),
        },
        {
          provide: READINESS_CHECKS,
          inject: [KafkaConnection, RedisConnection, ConsumerHost],
          useFactory: (kafka: KafkaConnection, redis: RedisConnection, host: ConsumerHost): ReadinessCheck[] => [
            { name: 'kafka', isReady: () => kafka.isReady() },
            { name: 'redis', isReady: () => redis.isReady },
            { name: 'consumer', isReady: () => host.consumer.isMember },
          ],
        },
      ],
    };
  }
}

/** The validated settings as environment strings, so that the routing reads the same values the schema checked. */
function definedOf(config: NotifierEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );
}
