import { Module, type DynamicModule } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import { LEAD_QUALIFIED_TOPIC, NOTIFIER_DEAD_LETTER_TOPIC, topicsOf } from '@baton/contracts';
import { BatchConsumer, ConsumerHost, KafkaConnection, KafkaModule } from '@baton/kafka';
import { RedisConnection, RedisModule } from '@baton/redis';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { DeliverAlertUseCase } from './deliver-alert/deliver-alert.usecase';
import { LeadQualifiedHandler } from './deliver-alert/lead-qualified.handler';
import { RedisAlertStore } from './deliver-alert/redis-alert.store';
import { WebhookSender } from './deliver-alert/webhook.sender';

@Module({})
export class NotifierModule {
  static forRoot(config: NotifierEnv): DynamicModule {
    return {
      module: NotifierModule,
      imports: [
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          topics: topicsOf('notifier'),
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: config.KAFKA_CLIENT_ID }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: NotifierEnv, useValue: config },
        RedisAlertStore,
        WebhookSender,
        DeliverAlertUseCase,
        LeadQualifiedHandler,
        {
          provide: ConsumerHost,
          inject: [KafkaConnection, LeadQualifiedHandler],
          useFactory: (kafka: KafkaConnection, handler: LeadQualifiedHandler) =>
            new ConsumerHost(
              new BatchConsumer(kafka.kafka, kafka.producer, handler, {
                topics: [LEAD_QUALIFIED_TOPIC],
                groupId: config.KAFKA_CONSUMER_GROUP,
                deadLetterTopic: NOTIFIER_DEAD_LETTER_TOPIC,
                maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
                retryBackoffMs: config.CONSUMER_RETRY_BACKOFF_MS,
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
