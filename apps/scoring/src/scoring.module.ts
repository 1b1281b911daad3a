import { Module, type DynamicModule } from '@nestjs/common';
import { ScoringEnv } from '@baton/config';
import { ENGAGEMENT_EVENTS_TOPIC, SCORING_DEAD_LETTER_TOPIC, topicsOf } from '@baton/contracts';
import { BatchConsumer, ConsumerHost, KafkaConnection, KafkaModule } from '@baton/kafka';
import { RedisConnection, RedisModule } from '@baton/redis';
import { DEFAULT_POINTS_TABLE } from '@baton/scoring-domain';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { EngagementEventHandler } from './score-event/engagement-event.handler';
import { POINTS_TABLE, ScoreEventUseCase } from './score-event/score-event.usecase';
import { RedisScoreStore } from './score-event/redis-score.store';
import { ScoreChangedPublisher } from './score-event/score-changed.publisher';

@Module({})
export class ScoringModule {
  static forRoot(config: ScoringEnv): DynamicModule {
    return {
      module: ScoringModule,
      imports: [
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          topics: topicsOf('scoring'),
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: config.KAFKA_CLIENT_ID }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: ScoringEnv, useValue: config },
        { provide: POINTS_TABLE, useValue: DEFAULT_POINTS_TABLE },
        RedisScoreStore,
        ScoreChangedPublisher,
        ScoreEventUseCase,
        EngagementEventHandler,
        {
          provide: ConsumerHost,
          inject: [KafkaConnection, EngagementEventHandler],
          useFactory: (kafka: KafkaConnection, handler: EngagementEventHandler) =>
            new ConsumerHost(
              new BatchConsumer(kafka.kafka, kafka.producer, handler, {
                topic: ENGAGEMENT_EVENTS_TOPIC,
                groupId: config.KAFKA_CONSUMER_GROUP,
                deadLetterTopic: SCORING_DEAD_LETTER_TOPIC,
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
