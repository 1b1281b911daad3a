import { ApiAuthModule } from '@baton/api-auth';
import { Module, type DynamicModule } from '@nestjs/common';
import { ScoringEnv } from '@baton/config';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC, SCORING_DEAD_LETTER_TOPIC, topicsOf } from '@baton/contracts';
import { ConsumerHost, KafkaConnection, KafkaModule } from '@baton/kafka';
import { BatonMetrics, MetricsModule } from '@baton/metrics';
import { RedisConnection, RedisModule } from '@baton/redis';
import { HealthController, HealthModule, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { LeadStateStore } from './score-lead/lead-state.store';
import { ScoreChangedPublisher } from './score-lead/score-changed.publisher';
import { ScoreLeadUseCase } from './score-lead/score-lead.usecase';
import { ScoringMessageHandler } from './score-lead/scoring-message.handler';
import { ScoringModelHolder } from '@baton/scoring-model-file';

/** The topics scoring consumes: engagement and profiles, with one consumer so a lead's state has one writer per partition. */
export const SCORING_INPUT_TOPICS = [ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC] as const;

@Module({})
export class ScoringModule {
  static forRoot(config: ScoringEnv): DynamicModule {
    // Loaded before Nest starts, so that an invalid model stops the service with its problems, not a stack.
    const models = new ScoringModelHolder({ file: config.SCORING_MODEL_FILE, reloadIntervalMs: config.SCORING_MODEL_RELOAD_INTERVAL_MS });
    return {
      module: ScoringModule,
      imports: [
        HealthModule,
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          topics: topicsOf('scoring'),
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
          security: config,
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: config.KAFKA_CLIENT_ID, security: config }),
        // Scoring serves health only, but a route added later is closed by default like everywhere else.
        MetricsModule.forRoot({ service: 'scoring' }),
        ApiAuthModule.forRoot({ perSecond: config.API_RATE_LIMIT_PER_SECOND, burst: config.API_RATE_LIMIT_BURST }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: ScoringEnv, useValue: config },
        { provide: ScoringModelHolder, useValue: models },
        LeadStateStore,
        ScoreChangedPublisher,
        ScoreLeadUseCase,
        ScoringMessageHandler,
        {
          provide: ConsumerHost,
          inject: [KafkaConnection, ScoringMessageHandler, BatonMetrics],
          useFactory: (kafka: KafkaConnection, handler: ScoringMessageHandler, metrics: BatonMetrics) =>
            new ConsumerHost(
              kafka.createConsumer(handler, {
                topics: SCORING_INPUT_TOPICS,
                groupId: config.KAFKA_CONSUMER_GROUP,
                deadLetterTopic: SCORING_DEAD_LETTER_TOPIC,
                maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
                retryBackoffMs: config.CONSUMER_RETRY_BACKOFF_MS,
                observer: metrics.consumerObserver,
                // Partitions of both topics are handled side by side; the commit's version check keeps a lead's
                // event and profile update from overwriting each other.
                partitionsConsumedConcurrently: 2,
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
