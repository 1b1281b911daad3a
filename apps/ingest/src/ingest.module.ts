import { Module, type DynamicModule } from '@nestjs/common';
import { IngestEnv } from '@baton/config';
import { topicsOf } from '@baton/contracts';
import { KafkaConnection, KafkaModule } from '@baton/kafka';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { EventsController } from './events/events.controller';
import { IngestEventsUseCase } from './events/ingest-events.usecase';
import { EventLogWriter } from './kafka/event-log.writer';
import { IngestProfileUpdateUseCase } from './profiles/ingest-profile-update.usecase';
import { ProfilesController } from './profiles/profiles.controller';

@Module({})
export class IngestModule {
  static forRoot(config: IngestEnv): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.KAFKA_CLIENT_ID,
          topics: topicsOf('ingest'),
          partitions: config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
        }),
      ],
      controllers: [EventsController, ProfilesController, HealthController],
      providers: [
        { provide: IngestEnv, useValue: config },
        EventLogWriter,
        IngestEventsUseCase,
        IngestProfileUpdateUseCase,
        {
          provide: READINESS_CHECKS,
          inject: [KafkaConnection],
          useFactory: (kafka: KafkaConnection): ReadinessCheck[] => [{ name: 'kafka', isReady: () => kafka.isReady() }],
        },
      ],
    };
  }
}
