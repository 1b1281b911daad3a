import type { AlertChannel } from '../channels/channel';
import type { ChannelLookup } from '../delivery/channel-registry';
import type { RoutingHolder } from './routing.holder';

/**
 * The channels of the routing in force, whichever that is when asked: what the delivery looks alerts' channels
 * up in, so that a reloaded routing's new or changed channels send without a restart.
 */
export class RoutedChannelRegistry implements ChannelLookup {
  constructor(private readonly routing: RoutingHolder) {}

  get(id: string): AlertChannel | undefined {
    return this.routing.current.channels.get(id);
  }
}
