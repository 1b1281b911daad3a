import { Module, type DynamicModule } from '@nestjs/common';
import { IngestEnv } from '@baton/config';
import { topicsOf } from '@baton/contracts';
import { KafkaConnection, KafkaModule } from '@baton/kafka';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@baton/service-runtime';
import { EventsController } from './events/events.controller';
import { IngestEventsUseCase } from './events/ingest-events.usecase';

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
      controllers: [EventsController, HealthController],
      providers: [
        { provide: IngestEnv, useValue: config },
        IngestEventsUseCase,
        {
          provide: READINESS_CHECKS,
          inject: [KafkaConnection],
          useFactory: (kafka: KafkaConnection): ReadinessCheck[] => [{ name: 'kafka', isReady: () => kafka.isReady() }],
        },
      ],
    };
  }
}
