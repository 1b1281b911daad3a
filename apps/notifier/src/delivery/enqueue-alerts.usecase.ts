import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import type { LeadQualifiedV1 } from '@baton/contracts';
import type { HandlerOutcome } from '@baton/kafka';
import type { MessageTrace } from '@baton/telemetry';
import { OwnerAssigner } from '../routing/owner-assigner';
import { routeFor } from '../routing/routing-file';
import { RoutingHolder, type RoutingSource } from '../routing/routing.holder';
import { DeliveryStore } from './delivery.store';
import { DeliveryScheduler } from './delivery.scheduler';

/**
 * Turns a qualification into one delivery per routed channel, with the team's next owner, and returns:
 * the delivery scheduler sends them, so a slow channel or a retry never holds the partition. A redelivered
 * qualification finds its deliveries (and its owner) and adds nothing.
 */
@Injectable()
export class EnqueueAlertsUseCase {
  private readonly logger = new Logger(EnqueueAlertsUseCase.name);

  constructor(
    private readonly config: NotifierEnv,
    @Inject(RoutingHolder) private readonly routings: RoutingSource,
    private readonly owners: OwnerAssigner,
    private readonly store: DeliveryStore,
    private readonly scheduler: DeliveryScheduler,
  ) {}

  async execute(qualified: LeadQualifiedV1, trace: MessageTrace): Promise<HandlerOutcome> {
    // Read once: the route and its team come from one routing, even if a reload lands meanwhile.
    const routing = this.routings.current.config;
    const route = routeFor(routing, qualified);
    const team = route.team === undefined ? undefined : routing.teams[route.team];
    const owner = route.team === undefined || team === undefined ? undefined : await this.owners.assign(route.team, team.owners, qualified.qualificationId, qualified.leadId);
    const now = Date.now();
    let created = 0;
    for (const channelId of route.channels) {
      const isNew = await this.store.create({
        alertId: alertIdFor(qualified.qualificationId, channelId),
        leadId: qualified.leadId,
        channelId,
        team: route.team,
        owner,
        qualification: qualified,
        createdAt: new Date(now).toISOString(),
        deadline: now + this.config.NOTIFIER_RETRY_PERIOD_MS,
        trace,
      });
      if (isNew) created++;
    }
    if (created > 0) this.scheduler.deliverDueNow();
    if (created > 0) this.logger.log(`lead ${qualified.leadId} ${qualified.qualificationId}: route ${route.route}, ${created} alert(s) queued${owner ? ` for owner ${owner.id}` : ''}`);
    return created > 0 ? 'processed' : 'skipped';
  }
}

/** One alert per qualification and channel; the same across redeliveries (the webhook-id receivers dedupe by). */
export function alertIdFor(qualificationId: string, channelId: string): string {
  return `alert_${qualificationId}_${channelId}`;
}
