import { Module, type DynamicModule } from '@nestjs/common';
import { IngestEnv } from '@baton/config';
import { serviceModule } from '@baton/service-module';
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
    return serviceModule(IngestModule, {
      service: 'ingest',
      config,
      configType: IngestEnv,
      controllers: [EventsController, ProfilesController, SegmentController],
      providers: [
        EventLogWriter,
        IngestEventsUseCase,
        IngestProfileUpdateUseCase,
        // Loaded here so that a bad mapping file stops the service at start, naming the file and the problem.
        { provide: SegmentEventNameMap, useValue: loadSegmentEventMap(config.INGEST_SEGMENT_EVENT_MAP_FILE) },
        { provide: IDENTITY_LINK_OPTIONS, useValue: identityLinkOptionsOf(config) },
        IdentityLinkStore,
        IngestSegmentUseCase,
      ],
    });
  }
}
