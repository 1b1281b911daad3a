import { Module, type DynamicModule } from '@nestjs/common';
import { LifecycleEnv } from '@baton/config';
import { SCORE_CHANGES_TOPIC, LIFECYCLE_DEAD_LETTER_TOPIC, topicsOf } from '@baton/contracts';
import { BatchConsumer, ConsumerHost, KafkaConnection, KafkaModule } from '@baton/kafka';
import { RedisConnection, RedisModule } from '@baton/redis';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { LeadQualifiedPublisher } from './qualify-lead/lead-qualified.publisher';
import { QualifyLeadUseCase } from './qualify-lead/qualify-lead.usecase';
import { RedisStageStore } from './qualify-lead/redis-stage.store';
import { ScoreChangedHandler } from './qualify-lead/score-changed.handler';

@Module({})
export class LifecycleModule {
  static forRoot(config: LifecycleEnv): DynamicModule {
    return {
      module: LifecycleModule,
      imports: [
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          topics: topicsOf('lifecycle'),
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: config.KAFKA_CLIENT_ID }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: LifecycleEnv, useValue: config },
        RedisStageStore,
        LeadQualifiedPublisher,
        QualifyLeadUseCase,
        ScoreChangedHandler,
        {
          provide: ConsumerHost,
          inject: [KafkaConnection, ScoreChangedHandler],
          useFactory: (kafka: KafkaConnection, handler: ScoreChangedHandler) =>
            new ConsumerHost(
              new BatchConsumer(kafka.kafka, kafka.producer, handler, {
                topics: [SCORE_CHANGES_TOPIC],
                groupId: config.KAFKA_CONSUMER_GROUP,
                deadLetterTopic: LIFECYCLE_DEAD_LETTER_TOPIC,
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
