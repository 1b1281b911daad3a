import type { AlertChannel } from '../channels/channel';

/**
 * Where the delivery finds an alert's channel by its id; the module provides the routing in force's
 * (RoutedChannelRegistry). An abstract class, so that Nest injects it by this type.
 */
export abstract class ChannelLookup {
  abstract get(id: string): AlertChannel | undefined;
}

/** The channels of one routing, by id. */
export class ChannelRegistry implements ChannelLookup {
  private readonly byId: ReadonlyMap<string, AlertChannel>;

  constructor(channels: readonly AlertChannel[]) {
    this.byId = new Map(channels.map((channel) => [channel.id, channel]));
  }

  get(id: string): AlertChannel | undefined {
    return this.byId.get(id);
  }
}
