import type { AlertChannel, HttpPoster } from '../channels/channel';
import { EmailChannel } from '../channels/email/email.channel';
import { SlackChannel } from '../channels/slack/slack.channel';
import { WebhookChannel } from '../channels/webhook/webhook.channel';
import type { RoutingConfig } from '../routing/routing-file';

/** The routing's channels, ready to send; HTTP ones go through the SSRF-safe poster. */
export function buildChannels(routing: RoutingConfig, poster: HttpPoster): AlertChannel[] {
  return routing.channels.map((channel): AlertChannel => {
    switch (channel.type) {
      case 'webhook':
        return new WebhookChannel(channel, poster);
      case 'slack':
        return new SlackChannel(channel, poster);
      case 'email':
        return new EmailChannel(channel);
    }
  });
}
