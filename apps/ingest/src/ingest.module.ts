import { Module, type DynamicModule } from '@nestjs/common';
import { ApiAuthModule } from '@baton/api-auth';
import { IngestEnv } from '@baton/config';
import { topicsOf } from '@baton/contracts';
import { KafkaConnection, KafkaModule } from '@baton/kafka';
import { MetricsModule } from '@baton/metrics';
import { RedisConnection, RedisModule } from '@baton/redis';
import { HealthController, HealthModule, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { EventsController } from './events/events.controller';
import { IngestEventsUseCase } from './events/ingest-events.usecase';
import { IDENTITY_LINK_OPTIONS, identityLinkOptionsOf } from './identity/identity-link.options';
import { IdentityLinkStore } from './identity/identity-link.store';
import { EventLogWriter } from './kafka/event-log.writer';
import { IngestProfileUpdateUseCase } from './profiles/ingest-profile-update.usecase';
import { ProfilesController } from './profiles/profiles.controller';
import { IngestSegmentUseCase } from './segment/ingest-segment.usecase';
import { SegmentController } from './segment/segment.controller';
import { loadSegmentEventMap } from './segment/segment-event-map.loader';
import { SegmentEventNameMap } from './segment/segment-event-name.map';

@Module({})
export class IngestModule {
  static forRoot(config: IngestEnv): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        HealthModule,
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          topics: topicsOf('ingest'),
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
          security: config,
        }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: config.KAFKA_CLIENT_ID, security: config }),
        MetricsModule.forRoot({ service: 'ingest' }),
        ApiAuthModule.forRoot({ perSecond: config.API_RATE_LIMIT_PER_SECOND, burst: config.API_RATE_LIMIT_BURST }),
      ],
      controllers: [EventsController, ProfilesController, SegmentController, HealthController],
      providers: [
        { provide: IngestEnv, useValue: config },
        EventLogWriter,
        IngestEventsUseCase,
        IngestProfileUpdateUseCase,
        // Loaded here so that a bad mapping file stops the service at start, naming the file and the problem.
        { provide: SegmentEventNameMap, useValue: loadSegmentEventMap(config.INGEST_SEGMENT_EVENT_MAP_FILE) },
        { provide: IDENTITY_LINK_OPTIONS, useValue: identityLinkOptionsOf(config) },
        IdentityLinkStore,
        IngestSegmentUseCase,
        {
          provide: READINESS_CHECKS,
          inject: [KafkaConnection, RedisConnection],
          useFactory: (kafka: KafkaConnection, redis: RedisConnection): ReadinessCheck[] => [
            { name: 'kafka', isReady: () => kafka.isReady() },
            { name: 'redis', isReady: () => redis.isReady },
          ],
        },
      ],
    };
  }
}
