import type { AlertChannel } from '../channels/channel';

/** The channels of the routing in force, by id. */
export class ChannelRegistry {
  private readonly byId: ReadonlyMap<string, AlertChannel>;

  constructor(channels: readonly AlertChannel[]) {
    this.byId = new Map(channels.map((channel) => [channel.id, channel]));
  }

  get(id: string): AlertChannel | undefined {
    return this.byId.get(id);
  }
}
