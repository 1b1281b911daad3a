import { ApiAuthModule } from '@baton/api-auth';
import { Module, type DynamicModule } from '@nestjs/common';
import { LifecycleEnv } from '@baton/config';
import { LIFECYCLE_DEAD_LETTER_TOPIC, SALES_FEEDBACK_TOPIC, SCORE_CHANGES_TOPIC, topicsOf } from '@baton/contracts';
import { ConsumerHost, KafkaConnection, KafkaModule } from '@baton/kafka';
import { BatonMetrics, MetricsModule } from '@baton/metrics';
import { RedisConnection, RedisModule } from '@baton/redis';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { HealthController, HealthModule, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { ApplyScoreChangeUseCase } from './apply-signal/apply-score-change.usecase';
import { LifecycleMessageHandler } from './apply-signal/lifecycle-message.handler';
import { ApplyFeedbackUseCase } from './feedback/apply-feedback.usecase';
import { FeedbackController } from './feedback/feedback.controller';
import { InactivitySweep } from './inactivity/inactivity-sweep';
import { LeadLifecycleStore } from './lead-state/lead-lifecycle.store';
import { LeadTransitions } from './lead-state/lead-transitions';
import { LifecycleOutboxPublisher } from './lead-state/lifecycle-outbox.publisher';
import { LeadViewQuery } from './read/lead-view.query';
import { LeadsController } from './read/leads.controller';

@Module({})
export class LifecycleModule {
  static forRoot(config: LifecycleEnv): DynamicModule {
    // The stage rules are the model file's `stages:`; loaded before Nest starts, so an invalid file stops the service.
    const models = new ScoringModelHolder({ file: config.SCORING_MODEL_FILE, reloadIntervalMs: config.SCORING_MODEL_RELOAD_INTERVAL_MS });
    return {
      module: LifecycleModule,
      imports: [
        HealthModule,
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          topics: topicsOf('lifecycle'),
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
          security: config,
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: config.KAFKA_CLIENT_ID, security: config }),
        MetricsModule.forRoot({ service: 'lifecycle' }),
        ApiAuthModule.forRoot({ perSecond: config.API_RATE_LIMIT_PER_SECOND, burst: config.API_RATE_LIMIT_BURST }),
      ],
      controllers: [HealthController, FeedbackController, LeadsController],
      providers: [
        { provide: LifecycleEnv, useValue: config },
        { provide: ScoringModelHolder, useValue: models },
        LeadLifecycleStore,
        LifecycleOutboxPublisher,
        LeadTransitions,
        ApplyScoreChangeUseCase,
        ApplyFeedbackUseCase,
        LifecycleMessageHandler,
        InactivitySweep,
        LeadViewQuery,
        {
          provide: ConsumerHost,
          inject: [KafkaConnection, LifecycleMessageHandler, BatonMetrics],
          useFactory: (kafka: KafkaConnection, handler: LifecycleMessageHandler, metrics: BatonMetrics) =>
            new ConsumerHost(
              kafka.createConsumer(handler, {
                topics: [SCORE_CHANGES_TOPIC, SALES_FEEDBACK_TOPIC],
                groupId: config.KAFKA_CONSUMER_GROUP,
                deadLetterTopic: LIFECYCLE_DEAD_LETTER_TOPIC,
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
