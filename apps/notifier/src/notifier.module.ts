import { Module, type DynamicModule } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import { LEAD_QUALIFIED_TOPIC, NOTIFIER_DEAD_LETTER_TOPIC } from '@baton/contracts';
import { serviceModule } from '@baton/service-module';
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
    return serviceModule(NotifierModule, {
      service: 'notifier',
      config,
      configType: NotifierEnv,
      consumes: { topics: [LEAD_QUALIFIED_TOPIC], deadLetterTopic: NOTIFIER_DEAD_LETTER_TOPIC, handler: LeadQualifiedHandler },
      controllers: [AlertsController],
      providers: [
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
      ],
    });
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
