import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WatchedFile, type ReloadOutcome } from '@baton/watched-file';
import type { ChannelRegistry } from '../delivery/channel-registry';
import { readRoutingFile } from './load-routing';
import { defaultRoutingFromEnv, parseRoutingFile } from './parse-routing-file';
import type { RoutingConfig } from './routing-config';

export interface RoutingHolderOptions {
  /** NOTIFIER_ROUTING_FILE, and the variables the file names (or NOTIFIER_WEBHOOK_URL and _SECRET without it). */
  readonly env: NodeJS.ProcessEnv;
  /** NOTIFIER_ROUTING_RELOAD_INTERVAL_MS: 0 turns the file watch off (SIGHUP still reloads). */
  readonly reloadIntervalMs: number;
  /** The channels of a routing, ready to send: built anew with each routing that comes into force. */
  readonly channelsFor: (config: RoutingConfig) => ChannelRegistry;
}

/** A routing and the channels built from it: they change together, so a route never names a channel not there. */
export interface RoutingInForce {
  readonly config: RoutingConfig;
  readonly channels: ChannelRegistry;
}

/** Where the routing in force is read: the RoutingHolder, or in a test `{ current: { config } }`. */
export interface RoutingSource {
  readonly current: { readonly config: RoutingConfig };
}

type Source = { readonly kind: 'file'; readonly file: WatchedFile<RoutingInForce> } | { readonly kind: 'env'; readonly routing: RoutingInForce };

/**
 * The routing in force. Read at start: an invalid file, or a variable it names that is not set, stops the
 * service with every problem named. Reloaded when the file changes (polled, which also sees Kubernetes'
 * ConfigMap symlink swaps) or on SIGHUP: a valid file applies from the next qualification on (alerts already
 * queued keep their channel, sent with its new settings); an invalid one is logged and the running routing
 * stays. Without NOTIFIER_ROUTING_FILE the routing comes from the environment, which does not change.
 */
export class RoutingHolder implements RoutingSource, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingHolder.name);
  private readonly source: Source;

  constructor(options: RoutingHolderOptions) {
    const inForce = (config: RoutingConfig): RoutingInForce => ({ config, channels: options.channelsFor(config) });
    const path = options.env['NOTIFIER_ROUTING_FILE'];
    if (path === undefined || path.trim() === '') {
      this.source = { kind: 'env', routing: inForce(defaultRoutingFromEnv(options.env)) };
      return;
    }
    const file = new WatchedFile<RoutingInForce>({
      path,
      reloadIntervalMs: options.reloadIntervalMs,
      read: readRoutingFile,
      parse: (text) => inForce(parseRoutingFile(text, options.env, path)),
      onLoaded: (next) => this.logger.log(`routing reloaded from ${path}: ${describe(next.config)}`),
      onRefused: (reason) => this.logger.error(`routing file refused, the running routing stays in force: ${reason}`),
    });
    this.source = { kind: 'file', file };
    this.logger.log(`routing loaded from ${path}: ${describe(file.current.config)}`);
  }

  get current(): RoutingInForce {
    switch (this.source.kind) {
      case 'file':
        return this.source.file.current;
      case 'env':
        return this.source.routing;
    }
  }

  /** What SIGHUP and a change of the file do; without a file there is nothing to reload. */
  reload(): ReloadOutcome {
    switch (this.source.kind) {
      case 'file':
        return this.source.file.reload();
      case 'env':
        return 'unchanged';
    }
  }

  onApplicationBootstrap(): void {
    if (this.source.kind === 'file') this.source.file.watch();
  }

  onApplicationShutdown(): void {
    if (this.source.kind === 'file') this.source.file.unwatch();
  }
}

/** `routes emea-sql, grade-a, then default; channels crm, sales-slack`: ids only, never a URL or a secret. */
function describe(config: RoutingConfig): string {
  const routes = [...config.routes.map((route) => route.name), 'then default'].join(', ');
  return `routes ${routes}; channels ${config.channels.map((channel) => channel.id).join(', ')}`;
}
