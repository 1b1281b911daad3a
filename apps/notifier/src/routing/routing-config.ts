import type { Condition } from '@baton/scoring-domain';
import type { AlertOwner } from '../channels/channel';
import type { EmailChannelConfig } from '../channels/email/email.channel';
import type { SlackChannelConfig } from '../channels/slack/slack.channel';
import type { WebhookChannelConfig } from '../channels/webhook/webhook.channel';

/** How long one attempt on a channel may take, and how many deliveries it may have in flight, unless the file says. */
export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_CONCURRENCY = 4;

/** A channel as the senders use it: URLs and secrets resolved from the environment. */
export type ChannelConfig = ({ readonly type: 'webhook' } & WebhookChannelConfig) | ({ readonly type: 'slack' } & SlackChannelConfig) | ({ readonly type: 'email' } & EmailChannelConfig);

export type ChannelType = ChannelConfig['type'];

/** One route: when all conditions hold on the LeadQualifiedV1, the alert goes to these channels (and team). */
export interface Route {
  readonly name: string;
  readonly when: readonly Condition[];
  readonly team?: string;
  readonly channels: readonly string[];
}

export interface TeamConfig {
  readonly owners: readonly AlertOwner[];
}

export interface RoutingConfig {
  readonly version: string;
  readonly channels: readonly ChannelConfig[];
  readonly teams: Readonly<Record<string, TeamConfig>>;
  /** In file order: the first route whose conditions hold wins. */
  readonly routes: readonly Route[];
  readonly default: { readonly team?: string; readonly channels: readonly string[] };
}

/** Where one qualification goes. `route` is the route's name, or `default`. */
export interface RouteChoice {
  readonly route: string;
  readonly team?: string;
  readonly channels: readonly string[];
}
